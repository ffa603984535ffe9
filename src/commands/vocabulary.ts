/**
 * Every word the grammar knows, in one place: the reader looks words up here and the typo
 * suggestions are drawn from the same lists, so a new alias is suggested as soon as it exists.
 * All keys are lower case; lookups use the lower-cased word.
 */
import type { Direction, JobFilter, SortKey } from '../jobs/filter';
import type { StatusKind } from '../jobs/job';

/**
 * Status words → kinds: the kind names, the sources' own names (`in_progress`, `live`, `ended`, `errored`…), and `complete`.
 * Not `error`/`done`: "error" reads as "completed with errors" as easily as "failed", and a
 * near-miss still gets a suggestion ("errored").
 */
export const STATUS_WORDS: ReadonlyMap<string, StatusKind> = new Map<string, StatusKind>([
  ['queued', 'queued'],
  ['running', 'running'],
  ['in_progress', 'running'],
  ['in-progress', 'running'],
  ['live', 'running'],
  ['completed', 'completed'],
  ['complete', 'completed'],
  ['ended', 'completed'],
  ['failed', 'failed'],
  ['errored', 'failed'],
]);

export type Verb =
  | 'job'
  | 'summary'
  | 'subscribe'
  | 'unsubscribe'
  | 'subscriptions'
  | 'board'
  | 'snooze'
  | 'overdue'
  | 'watch'
  | 'unwatch'
  | 'notify'
  | 'link'
  | 'unmute'
  | 'changes';

export const VERBS: ReadonlyMap<string, Verb> = new Map<string, Verb>([
  ['job', 'job'],
  ['summary', 'summary'],
  ['subscribe', 'subscribe'],
  ['unsubscribe', 'unsubscribe'],
  ['subscriptions', 'subscriptions'],
  ['board', 'board'],
  ['snooze', 'snooze'],
  ['overdue', 'overdue'],
  ['unmute', 'unmute'],
  ['changes', 'changes'],
  ['watch', 'watch'],
  ['unwatch', 'unwatch'],
  ['notify', 'notify'],
  ['link', 'link'],
]);

export const HELP_WORDS: ReadonlySet<string> = new Set(['help', '?', 'usage']);

/** Words that take the next word as their value. `after` is an alias of `since`. */
export type Key =
  | 'limit'
  | 'since'
  | 'before'
  | 'sort'
  | 'direction'
  | 'status'
  | 'mode'
  | 'endpoint'
  | 'user'
  | 'model'
  | 'mention'
  | 'until'
  | 'for';

export const KEYS: ReadonlyMap<string, Key> = new Map<string, Key>([
  ['limit', 'limit'],
  ['since', 'since'],
  ['after', 'since'],
  ['before', 'before'],
  ['sort', 'sort'],
  ['direction', 'direction'],
  ['status', 'status'],
  ['mode', 'mode'],
  ['endpoint', 'endpoint'],
  ['user', 'user'],
  ['model', 'model'],
  ['mention', 'mention'],
  ['until', 'until'],
  ['for', 'for'],
]);

export const DIRECTION_WORDS: ReadonlyMap<string, Direction> = new Map<string, Direction>([
  ['oldest', 'asc'],
  ['asc', 'asc'],
  ['ascending', 'asc'],
  ['newest', 'desc'],
  ['desc', 'desc'],
  ['descending', 'desc'],
]);

export const SORT_WORDS: ReadonlyMap<string, SortKey> = new Map<string, SortKey>([
  ['created', 'created'],
  ['started', 'started'],
  ['ended', 'ended'],
]);

export type Mode = NonNullable<JobFilter['mode']>;
export type Endpoint = NonNullable<JobFilter['endpoint']>;

export const MODE_WORDS: ReadonlyMap<string, Mode> = new Map<string, Mode>([
  ['realtime', 'realtime'],
  ['file', 'file'],
]);

export const ENDPOINT_WORDS: ReadonlyMap<string, Endpoint> = new Map<string, Endpoint>([
  ['audio', 'audio'],
  ['video', 'video'],
]);

/**
 * Hume's Expression Measurement models, as the batch API names them in a job's request: what
 * `subscribe failed model face` can select (runs carry no models).
 */
export const MODEL_NAMES = ['face', 'burst', 'prosody', 'language', 'ner', 'facemesh'] as const;
export type Model = (typeof MODEL_NAMES)[number];
export const MODEL_WORDS: ReadonlyMap<string, Model> = new Map<string, Model>(MODEL_NAMES.map((name) => [name, name]));

/**
 * `off` ends a board, a snooze, overdue alerts, a `notify me` rule or a link; `auto` puts overdue
 * back on the learnt limit; `me` says a notification is the caller's own (`notify me`), `mine`
 * that it is about the caller's own runs (their linked Hume user).
 */
export type Flag = 'public' | 'all' | 'off' | 'auto' | 'me' | 'mine';
export const FLAG_WORDS: ReadonlyMap<string, Flag> = new Map<string, Flag>([
  ['public', 'public'],
  ['all', 'all'],
  ['off', 'off'],
  ['auto', 'auto'],
  ['me', 'me'],
  ['mine', 'mine'],
]);

/**
 * Values typed without their key (`audio`, `created`): not accepted bare, because `file` or
 * `created` alone is too easily meant as something else, but answered with the fix.
 */
export const KEY_OF_BARE_VALUE: ReadonlyMap<string, string> = new Map([
  ['created', 'sort'],
  ['started', 'sort'],
  ['realtime', 'mode'],
  ['file', 'mode'],
  ['audio', 'endpoint'],
  ['video', 'endpoint'],
  ...MODEL_NAMES.map((name): [string, string] => [name, 'model']),
]);

/** Candidates for "did you mean", in order of preference when two are equally near. */
export const SUGGESTABLE_WORDS: readonly string[] = [
  ...STATUS_WORDS.keys(),
  ...VERBS.keys(),
  ...KEYS.keys(),
  ...DIRECTION_WORDS.keys(),
  ...FLAG_WORDS.keys(),
  'help',
  'usage',
];

const RESERVED: ReadonlySet<string> = new Set([...SUGGESTABLE_WORDS, ...HELP_WORDS]);

/** Whether a word is grammar, so `job public` is not read as a job called "public". */
export function isReserved(lower: string): boolean {
  return RESERVED.has(lower);
}
