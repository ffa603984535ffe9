/**
 * What a `/hume-jobs` text means, once parsed. Pure data: no Slack or HTTP types, so the
 * grammar is tested with tables and the listeners only dispatch on `kind`.
 */
import type { JobFilter } from '../jobs/filter';
import type { StatusKind } from '../jobs/job';
import type { JobMatch } from '../jobs/job-match';

export type Command =
  | { kind: 'list'; filter: JobFilter; public: boolean }
  | { kind: 'job'; id: string; public: boolean }
  | { kind: 'help' }
  | { kind: 'summary'; since: number; public: boolean }
  /** Several subscriptions per channel, one per match: the same filters again extend that one. */
  | { kind: 'subscribe'; statuses: StatusKind[]; match: JobMatch; mention: string | null }
  /** `statuses` empty: all of them. */
  | { kind: 'unsubscribe'; statuses: StatusKind[]; target: UnsubscribeTarget }
  | { kind: 'subscriptions'; all: boolean }
  /** `board` posts a kept-current status message here; `board off` stops it. */
  | { kind: 'board'; off: boolean }
  /** `snooze` alone shows the channel's snooze. */
  | { kind: 'snooze'; action: 'show' | 'off' }
  | { kind: 'snooze'; action: 'set'; end: SnoozeEnd }
  /** `overdue` alone shows the channel's rule; `off`, `auto` or a fixed limit (ms) change it. */
  | { kind: 'overdue'; set: 'off' | 'auto' | number | null }
  /** Ends every mute set from alert buttons in this channel. */
  | { kind: 'unmute' }
  /** `changes [since 7d] [all]`: who changed this channel's (or every channel's) alert settings, and when. */
  | { kind: 'changes'; since: number; all: boolean }
  /** `watch <id>`: one DM to the caller when that job ends; `watch` alone lists their watches. */
  | { kind: 'watch'; id: string | null }
  /** `unwatch <id>`, or `unwatch all` (id null). */
  | { kind: 'unwatch'; id: string | null }
  /** `notify me` alone shows the caller's rule; `notify me off` removes it. */
  | { kind: 'notify'; action: 'show' | 'off' }
  /** `notify me failed mode realtime mine`: a DM to the caller for each matching change. */
  | { kind: 'notify'; action: 'set'; statuses: StatusKind[]; match: JobMatch; mine: boolean }
  /** `link` alone shows which Hume user the caller is; `link off` forgets it. */
  | { kind: 'link'; action: 'show' | 'off' }
  | { kind: 'link'; action: 'set'; humeUserId: string };

/**
 * Which subscription `unsubscribe` names: every one (`all`), its number in `subscriptions`
 * (`unsubscribe 2`), its filters (`unsubscribe failed endpoint audio`), or nothing more than
 * statuses (`unsubscribe failed`), which is clear only when one subscription has them.
 */
export type UnsubscribeTarget = { by: 'all' } | { by: 'number'; number: number } | { by: 'match'; match: JobMatch } | { by: 'statuses' };

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
