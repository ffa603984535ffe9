/**
 * Puts clauses together into one Command: decides which command was meant, refuses words that
 * do not belong to it or that contradict each other, and fills in defaults.
 */
import { defaultFilter } from '../jobs/filter';
import { STATUS_KINDS, type StatusKind } from '../jobs/job';
import { type Clause, type Slot, clausesOf, valueOf } from './clauses';
import type { Command, ParseError, ParseResult } from './command';
import { DAY_MS } from './duration';
import { conflict, missingValue, orList, parseError, quote } from './errors';

type CommandKind = Exclude<Command['kind'], 'help'>;

const ALLOWED: Record<CommandKind, readonly Slot[]> = {
  list: ['status', 'limit', 'since', 'before', 'sort', 'direction', 'mode', 'endpoint', 'user', 'public'],
  job: ['verb', 'id', 'public'],
  summary: ['verb', 'since', 'public'],
  subscribe: ['verb', 'status', 'mention'],
  unsubscribe: ['verb', 'status', 'all'],
  subscriptions: ['verb', 'all'],
};

const KIND_NAMES: Record<CommandKind, string> = {
  list: 'job lists',
  job: 'job',
  summary: 'summary',
  subscribe: 'subscribe',
  unsubscribe: 'unsubscribe',
  subscriptions: 'subscriptions',
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
  id: 'the job',
  mention: 'whom to mention',
  public: 'public',
  all: 'all',
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

function findMisplaced(kind: CommandKind, clauses: readonly Clause[]): ParseError | null {
  const stray = clauses.find((c) => !ALLOWED[kind].includes(c.slot));
  if (stray === undefined) return null;
  const homes = (Object.keys(ALLOWED) as CommandKind[]).filter((k) => ALLOWED[k].includes(stray.slot));
  const where = orList(homes.map((k) => KIND_NAMES[k]));
  return parseError(`${quote(stray.word)} doesn't go with ${context(kind, clauses)}; use it with ${where}.`, stray.word);
}

function isPublic(clauses: readonly Clause[]): boolean {
  return valueOf(clauses, 'public') === true;
}

/** Unique, in STATUS_KINDS order, whatever order and aliases were typed. */
function statuses(clauses: readonly Clause[]): StatusKind[] {
  const typed = new Set(clausesOf(clauses, 'status').map((c) => c.value));
  return STATUS_KINDS.filter((kind) => typed.has(kind));
}

function buildList(clauses: readonly Clause[]): ParseResult {
  const since = clausesOf(clauses, 'since')[0];
  const before = clausesOf(clauses, 'before')[0];
  if (since !== undefined && before !== undefined && since.value >= before.value) {
    const message = `${quote(since.word)} must be earlier than ${quote(before.word)}.`;
    return { ok: false, error: parseError(message, before.word) };
  }
  const filter = defaultFilter();
  filter.statuses = statuses(clauses);
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
    return { ok: false, error: missingValue(verb, 'a job id', '/hume-jobs job <id>, like job 1a2b3c4d') };
  }
  return { ok: true, command: { kind: 'job', id, public: isPublic(clauses) } };
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
    case 'subscribe': {
      const typed = statuses(clauses);
      const chosen: StatusKind[] = typed.length > 0 ? typed : ['completed', 'failed'];
      return ok({ kind, statuses: chosen, mention: valueOf(clauses, 'mention') ?? null });
    }
    case 'unsubscribe':
      // No statuses, or `all`, stops every alert of the channel.
      return ok({ kind, statuses: statuses(clauses) });
    case 'subscriptions':
      return ok({ kind, all: valueOf(clauses, 'all') === true });
  }
}

export function buildCommand(clauses: readonly Clause[], now: number): ParseResult {
  // Which command comes first; then words that belong to another command, which explains
  // `failed all` better than a conflict between `all` and `failed` would.
  const kind = kindOf(clauses);
  const error =
    findConflict(clausesOf(clauses, 'verb')) ?? findMisplaced(kind, clauses) ?? findConflict(clauses);
  return error === null ? build(kind, clauses, now) : { ok: false, error };
}
