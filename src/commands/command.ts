/**
 * What a `/hume-jobs` text means, once parsed. Pure data: no Slack or HTTP types, so the
 * grammar is tested with tables and the listeners only dispatch on `kind`.
 */
import type { JobFilter } from '../jobs/filter';
import type { StatusKind } from '../jobs/job';

export type Command =
  | { kind: 'list'; filter: JobFilter; public: boolean }
  | { kind: 'job'; id: string; public: boolean }
  | { kind: 'help' }
  | { kind: 'summary'; since: number; public: boolean }
  | { kind: 'subscribe'; statuses: StatusKind[]; mention: string | null }
  | { kind: 'unsubscribe'; statuses: StatusKind[] }
  | { kind: 'subscriptions'; all: boolean }
  /** `board` posts a kept-current status message here; `board off` stops it. */
  | { kind: 'board'; off: boolean }
  /** `snooze` alone shows the channel's snooze. */
  | { kind: 'snooze'; action: 'show' | 'off' }
  | { kind: 'snooze'; action: 'set'; end: SnoozeEnd }
  /** `overdue` alone shows the channel's rule; `off`, `auto` or a fixed limit (ms) change it. */
  | { kind: 'overdue'; set: 'off' | 'auto' | number | null }
  /** `digest` alone shows the channel's schedule; `digest off` ends it. */
  | { kind: 'digest'; action: 'show' | 'off' }
  | { kind: 'digest'; action: 'set'; schedule: DigestTiming };

/**
 * When a channel's digest comes, as typed: the time of day is the caller's own clock (their
 * Slack time zone, read after parsing), or UTC when typed `9:00 utc` / `9:00z`.
 */
export interface DigestTiming {
  cadence: 'daily' | 'weekdays' | 'weekly';
  /** `weekly` only: 0 = Sunday … 6 = Saturday. */
  weekday: number | null;
  /** Minutes after midnight. */
  minutes: number;
  utc: boolean;
}

/**
 * When a snooze ends, as typed. A time of day without a zone (`until 9:00`) means the caller's
 * own clock, which only Slack knows (users.info), so it is resolved after parsing.
 */
export type SnoozeEnd =
  | { type: 'for'; ms: number }
  | { type: 'at'; ms: number }
  /** Minutes after midnight; `offsetMinutes` east of UTC when typed (`9:00z`), else null. */
  | { type: 'clock'; minutes: number; offsetMinutes: number | null };

/** Why a text was not understood, in words a user can act on. */
export interface ParseError {
  /**
   * One line, `what was wrong: what would work`. Plain text in which words are code spans
   * (backticks): escaped, it is the mrkdwn of the reply.
   */
  message: string;
  /** The word that could not be understood, as typed. */
  word: string | null;
  /** The nearest valid word, when one is close enough to be a likely typo. */
  suggestion: string | null;
  /** The word is no word of the grammar and nothing is near it: the reply shows the usage. */
  unknown: boolean;
}

export type ParseResult = { ok: true; command: Command } | { ok: false; error: ParseError };
