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
  | { kind: 'subscriptions'; all: boolean };

/** Why a text was not understood, in words a user can act on. */
export interface ParseError {
  /** One sentence: what was wrong. */
  message: string;
  /** The word that could not be understood, as typed. */
  word: string | null;
  /** The nearest valid word, when one is close enough to be a likely typo. */
  suggestion: string | null;
}

export type ParseResult = { ok: true; command: Command } | { ok: false; error: ParseError };
