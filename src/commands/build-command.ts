/**
 * Puts clauses together into one Command: decides which command was meant, refuses words that
 * do not belong to it or that contradict each other, and fills in defaults.
 */
import { MAX_PAGE_SIZE, defaultFilter } from '../jobs/filter';
import { type Clause, type Slot, clause, clausesOf, statusesOf, valueOf } from './clauses';
import { MATCH_SLOTS, buildSubscribe, buildUnsubscribe, refuseForRule } from './build-subscription';
import type { Command, ParseError, ParseResult, SnoozeEnd } from './command';
import { DAY_MS } from './duration';

const MINUTE_MS = 60_000;
/** Longer than a week, unsubscribing says it better than a snooze nobody remembers. */
export const MAX_SNOOZE_MS = 7 * DAY_MS;
export const MAX_OVERDUE_MS = 30 * DAY_MS;
/** `changes` alone looks back a week. */
const CHANGES_DEFAULT_MS = 7 * DAY_MS;
import { orList } from '../text/or-list';
import { conflict, missingValue, parseError, quote, takesNoNumber, timeWithoutKey } from './errors';
import { JOB_ID, LIMIT } from './read-keyed';
import { buildLink, buildNotify, buildUnwatch, buildWatch } from './build-personal';
import { buildDigest } from './build-digest';
import { bareHour } from './read-digest';

type CommandKind = Exclude<Command['kind'], 'help'>;

const ALLOWED: Record<CommandKind, readonly Slot[]> = {
  list: ['status', 'limit', 'since', 'before', 'sort', 'direction', 'mode', 'endpoint', 'user', 'public'],
  job: ['verb', 'id', 'public'],
  summary: ['verb', 'since', 'public'],
  subscribe: ['verb', 'status', 'mention', ...MATCH_SLOTS],
  unsubscribe: ['verb', 'status', 'all', 'number', ...MATCH_SLOTS],
  subscriptions: ['verb', 'all'],
  board: ['verb', 'off'],
  snooze: ['verb', 'duration', 'until', 'off'],
  overdue: ['verb', 'duration', 'off', 'auto'],
  unmute: ['verb'],
  changes: ['verb', 'since', 'all'],
  watch: ['verb', 'id'],
  unwatch: ['verb', 'id', 'all'],
  notify: ['verb', 'me', 'status', 'mode', 'endpoint', 'user', 'model', 'mine', 'off'],
  link: ['verb', 'user', 'off'],
  digest: ['verb', 'cadence', 'day', 'clock', 'off'],
};

const KIND_NAMES: Record<CommandKind, string> = {
  list: 'job lists',
  job: 'job',
  summary: 'summary',
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  subscriptions: 'subscriptions',
  board: 'board',
  snooze: 'snooze',
  overdue: 'overdue',
  unmute: 'unmute',
  changes: 'changes',
  watch: 'watch',
  unwatch: 'unwatch',
  notify: 'notify me',
  link: 'link',
  digest: 'digest',
};

/** What a slot sets, for "both set …" messages. Statuses combine, so they never conflict. */
const SETS: Record<Exclude<Slot, 'status'>, string> = {
  verb: 'the command',
  limit: 'the page size',
  since: 'the start time',
  before: 'the end time',
  sort: 'the sort key',
  direction: 'the order',
  mode: 'the mode',
  endpoint: 'the endpoint',
  user: 'the user',
  model: 'the model',
  number: 'which subscription',
  id: 'the job',
  mention: 'whom to mention',
  public: 'public',
  all: 'all',
  off: 'off',
  auto: 'auto',
  me: 'me',
  mine: 'mine',
  duration: 'the length of time',
  until: 'the end time',
  cadence: 'how often',
  day: 'the day',
  clock: 'the time of day',
};

/** The first slot that was given two different values. Identical repeats (`oldest oldest`) fold. */
function findConflict(clauses: readonly Clause[]): ParseError | null {
  const first = new Map<Slot, Clause>();
  for (const c of clauses) {
    const earlier = first.get(c.slot);
    if (earlier === undefined) first.set(c.slot, c);
    else if (c.slot !== 'status' && earlier.value !== c.value) return conflict(earlier.word, c.word, SETS[c.slot]);
  }
  const all = first.get('all');
  const status = first.get('status');
  // `unsubscribe all failed` says two things about which alerts to stop.
  return all && status ? conflict(all.word, status.word, 'the statuses') : null;
}

function kindOf(clauses: readonly Clause[]): CommandKind {
  return valueOf(clauses, 'verb') ?? (valueOf(clauses, 'id') === undefined ? 'list' : 'job');
}

/** How the error names the command a misplaced word was typed with. */
function context(kind: CommandKind, clauses: readonly Clause[]): string {
  const verb = clausesOf(clauses, 'verb')[0];
  if (verb !== undefined) return quote(verb.word);
  const id = clausesOf(clauses, 'id')[0];
  return kind === 'job' && id !== undefined ? `the job id ${quote(id.word)}` : 'a job list';
}

/** The command a word works with, written out: `/hume-jobs failed`, `/hume-jobs subscriptions all`. */
function exampleWith(home: CommandKind, word: string, slot: Slot): string {
  if (home === 'list') return `/hume-jobs ${word}`;
  // `notify` always goes with `me`: `notify me mine`, not `notify mine`.
  if (home === 'notify' && word.toLowerCase() !== 'me') return `/hume-jobs notify me ${word}`;
  // A digest word alone is no schedule: the example is a whole one.
  const digest: Partial<Record<Slot, string>> = { clock: `daily ${word}`, day: `weekly ${word} 9:00`, cadence: `${word} 9:00` };
  return `/hume-jobs ${home} ${(home === 'digest' ? digest[slot] : undefined) ?? word}`;
}

function findMisplaced(kind: CommandKind, clauses: readonly Clause[]): ParseError | null {
  const stray = clauses.find((c) => !ALLOWED[kind].includes(c.slot));
  if (stray === undefined) return null;
  const verb = clausesOf(clauses, 'verb')[0];
  const forRule = (kind === 'subscribe' || kind === 'unsubscribe') && verb !== undefined ? refuseForRule(kind, verb.word, stray) : null;
  if (forRule) return forRule;
  const homes = (Object.keys(ALLOWED) as CommandKind[]).filter((k) => ALLOWED[k].includes(stray.slot));
  const where = orList(homes.map((k) => KIND_NAMES[k]));
  const home = homes[0];
  const example = home === undefined ? '' : `, e.g. ${quote(exampleWith(home, stray.word, stray.slot))}`;
  return parseError(`${quote(stray.word)} doesn't go with ${context(kind, clauses)}: use it with ${where}${example}.`, stray.word);
}

function isPublic(clauses: readonly Clause[]): boolean {
  return valueOf(clauses, 'public') === true;
}

function buildList(clauses: readonly Clause[]): ParseResult {
  const since = clausesOf(clauses, 'since')[0];
  const before = clausesOf(clauses, 'before')[0];
  if (since !== undefined && before !== undefined && since.value >= before.value) {
    const message = `${quote(since.word)} must be earlier than ${quote(before.word)}: the start comes first, e.g. ${quote('since 2d before 1d')}.`;
    return { ok: false, error: parseError(message, before.word) };
  }
  const filter = defaultFilter();
  filter.statuses = statusesOf(clauses);
  filter.since = since?.value ?? null;
  filter.before = before?.value ?? null;
  filter.sort = valueOf(clauses, 'sort') ?? filter.sort;
  filter.direction = valueOf(clauses, 'direction') ?? filter.direction;
  filter.limit = valueOf(clauses, 'limit') ?? filter.limit;
  filter.mode = valueOf(clauses, 'mode') ?? null;
  filter.endpoint = valueOf(clauses, 'endpoint') ?? null;
  filter.userId = valueOf(clauses, 'user') ?? null;
  return { ok: true, command: { kind: 'list', filter, public: isPublic(clauses) } };
}

function buildJob(clauses: readonly Clause[]): ParseResult {
  const id = valueOf(clauses, 'id');
  if (id === undefined) {
    const verb = clausesOf(clauses, 'verb')[0]?.word ?? 'job';
    return { ok: false, error: missingValue(verb, JOB_ID) };
  }
  return { ok: true, command: { kind: 'job', id, public: isPublic(clauses) } };
}

/** `snooze 2h until 9:00`, `overdue off 45m`: two answers to one question. */
function oneOf(clauses: readonly Clause[], slots: readonly Slot[], what: string): ParseError | null {
  const given = clauses.filter((c) => slots.includes(c.slot));
  const [first, second] = given;
  return first !== undefined && second !== undefined ? conflict(first.word, second.word, what) : null;
}

interface LengthRule {
  /** `a snooze lasts`, `an overdue limit is`. */
  what: string;
  maxMs: number;
  maxWords: string;
  /** What works, one short and one long. */
  shortest: string;
  longest: string;
}

const SNOOZE_LENGTH: LengthRule = {
  what: 'a snooze lasts',
  maxMs: MAX_SNOOZE_MS,
  maxWords: `1 week (${quote('unsubscribe')} stops alerts for longer)`,
  shortest: 'snooze 30m',
  longest: 'snooze 1w',
};
const OVERDUE_LENGTH: LengthRule = {
  what: 'an overdue limit is',
  maxMs: MAX_OVERDUE_MS,
  maxWords: `30 days (${quote('overdue off')} stops overdue alerts)`,
  shortest: 'overdue 45m',
  longest: 'overdue 30d',
};

/** A length of time within bounds, or the line that says which bound it broke. */
function checkLength(word: string, ms: number, rule: LengthRule): ParseError | null {
  if (ms < MINUTE_MS) return parseError(`${quote(word)} is too short: ${rule.what} at least 1 minute, e.g. ${quote(rule.shortest)}.`, word);
  if (ms > rule.maxMs) return parseError(`${quote(word)} is too long: ${rule.what} at most ${rule.maxWords}, e.g. ${quote(rule.longest)}.`, word);
  return null;
}

function buildSnooze(clauses: readonly Clause[], now: number): ParseResult {
  const clash = oneOf(clauses, ['duration', 'until', 'off'], 'when the snooze ends');
  if (clash) return { ok: false, error: clash };
  if (valueOf(clauses, 'off') === true) return { ok: true, command: { kind: 'snooze', action: 'off' } };
  const duration = clausesOf(clauses, 'duration')[0];
  const until = clausesOf(clauses, 'until')[0];
  let end: SnoozeEnd;
  if (duration !== undefined) {
    const error = checkLength(duration.word, duration.value, SNOOZE_LENGTH);
    if (error) return { ok: false, error };
    end = { type: 'for', ms: duration.value };
  } else if (until !== undefined) {
    if (until.value.type === 'at') {
      if (until.value.ms <= now) {
        return { ok: false, error: parseError(`${quote(until.word)} has already passed: give a time still to come, e.g. ${quote('until 9:00')}.`, until.word) };
      }
      if (until.value.ms - now > MAX_SNOOZE_MS) {
        const message = `${quote(until.word)} is too far away: ${SNOOZE_LENGTH.what} at most ${SNOOZE_LENGTH.maxWords}, e.g. ${quote(SNOOZE_LENGTH.longest)}.`;
        return { ok: false, error: parseError(message, until.word) };
      }
    }
    end = until.value;
  } else {
    return { ok: true, command: { kind: 'snooze', action: 'show' } };
  }
  return { ok: true, command: { kind: 'snooze', action: 'set', end } };
}

function buildOverdue(clauses: readonly Clause[]): ParseResult {
  const clash = oneOf(clauses, ['duration', 'off', 'auto'], 'the overdue limit');
  if (clash) return { ok: false, error: clash };
  if (valueOf(clauses, 'off') === true) return { ok: true, command: { kind: 'overdue', set: 'off' } };
  if (valueOf(clauses, 'auto') === true) return { ok: true, command: { kind: 'overdue', set: 'auto' } };
  const duration = clausesOf(clauses, 'duration')[0];
  if (duration === undefined) return { ok: true, command: { kind: 'overdue', set: null } };
  const error = checkLength(duration.word, duration.value, OVERDUE_LENGTH);
  return error ? { ok: false, error } : { ok: true, command: { kind: 'overdue', set: duration.value } };
}

function build(kind: CommandKind, clauses: readonly Clause[], now: number): ParseResult {
  const ok = (command: Command): ParseResult => ({ ok: true, command });
  switch (kind) {
    case 'list':
      return buildList(clauses);
    case 'job':
      return buildJob(clauses);
    case 'summary':
      // The last 24 hours unless told otherwise, as the help promises.
      return ok({ kind, since: valueOf(clauses, 'since') ?? now - DAY_MS, public: isPublic(clauses) });
    case 'subscribe':
      return buildSubscribe(clauses);
    case 'unsubscribe':
      return buildUnsubscribe(clauses);
    case 'subscriptions':
      return ok({ kind, all: valueOf(clauses, 'all') === true });
    case 'board':
      return ok({ kind, off: valueOf(clauses, 'off') === true });
    case 'snooze':
      return buildSnooze(clauses, now);
    case 'overdue':
      return buildOverdue(clauses);
    case 'unmute':
      return ok({ kind });
    case 'changes':
      // The last week unless told otherwise, as the help promises.
      return ok({ kind, since: valueOf(clauses, 'since') ?? now - CHANGES_DEFAULT_MS, all: valueOf(clauses, 'all') === true });
    case 'watch':
      return buildWatch(clauses);
    case 'unwatch':
      return buildUnwatch(clauses);
    case 'notify':
      return buildNotify(clauses);
    case 'link':
      return buildLink(clauses);
    case 'digest':
      return buildDigest(clauses);
  }
}

/** A length of time alone means something only to `snooze` and `overdue`; elsewhere it is a time missing its key. */
function strayDuration(kind: CommandKind, clauses: readonly Clause[]): ParseError | null {
  // `digest 2h` is refused as a word that goes with snooze or overdue, below.
  if (kind === 'snooze' || kind === 'overdue' || kind === 'digest') return null;
  const duration = clausesOf(clauses, 'duration')[0];
  if (duration === undefined) return null;
  const verb = clausesOf(clauses, 'verb')[0];
  if ((kind === 'subscribe' || kind === 'unsubscribe') && verb !== undefined) return refuseForRule(kind, verb.word, duration);
  // `failed for 2h` most likely meant the last two hours.
  const length = duration.word.replace(/^for[:\s]+/i, '');
  if (length === duration.word) return timeWithoutKey(duration.word);
  const message = `${quote(duration.word)} goes with ${quote('snooze')} or ${quote('overdue')}: for jobs of the last ${length}, write ${quote(`since ${length}`)}.`;
  return parseError(message, duration.word, `since ${length}`);
}

/** A word of digits alone: `20`, and `123456` (read as a job id, since short ids can be all digits). */
function isDigits(c: Clause): boolean {
  return (c.slot === 'number' || c.slot === 'id') && /^\d+$/.test(c.word);
}

/**
 * A number typed alone is a subscription's number with `unsubscribe` (however long: a job id
 * makes no sense there), a wrong time of day with `digest`, refused by `unmute`, and a page size
 * anywhere else: 1 to MAX_PAGE_SIZE, or the line that says so.
 */
function readNumbers(kind: CommandKind, clauses: readonly Clause[]): { clauses: Clause[] } | { error: ParseError } {
  if (kind === 'unsubscribe') return { clauses: clauses.map((c) => (isDigits(c) ? clause('number', Number(c.word), c.word) : c)) };
  const bare = clauses.find(isDigits);
  if (bare !== undefined && kind === 'unmute') return { error: takesNoNumber(clausesOf(clauses, 'verb')[0]?.word ?? 'unmute', bare.word) };
  if (bare !== undefined && kind === 'digest') return { error: bareHour(bare.word, bare.word) };
  const read: Clause[] = [];
  for (const c of clauses) {
    if (c.slot !== 'number') read.push(c);
    else if (/^\d{1,3}$/.test(c.word) && c.value >= 1 && c.value <= MAX_PAGE_SIZE) read.push(clause('limit', c.value, c.word));
    else return { error: parseError(`${quote(c.word)} is out of range: ${LIMIT.allowed}, e.g. ${quote(LIMIT.example)}.`, c.word) };
  }
  return { clauses: read };
}

export function buildCommand(typed: readonly Clause[], now: number): ParseResult {
  // Which command comes first; then words that belong to another command, which explains
  // `failed all` better than a conflict between `all` and `failed` would.
  const kind = kindOf(typed);
  const numbers = readNumbers(kind, typed);
  if ('error' in numbers) return { ok: false, error: numbers.error };
  const clauses = numbers.clauses;
  const error =
    findConflict(clausesOf(clauses, 'verb')) ?? strayDuration(kind, clauses) ?? findMisplaced(kind, clauses) ?? findConflict(clauses);
  return error === null ? build(kind, clauses, now) : { ok: false, error };
}
