/**
 * `subscribe` and `unsubscribe` put together: their statuses, the filters that select which
 * jobs a subscription is about (the list filter words that make sense for a rule, and `model`),
 * and, for `unsubscribe`, which subscription goes. Words a rule cannot have (a time window, a
 * page size, an order) are refused with why.
 */
import type { JobMatch } from '../jobs/job-match';
import type { StatusKind } from '../jobs/job';
import { type Clause, type Slot, clausesOf, statusesOf, valueOf } from './clauses';
import type { Command, ParseError, ParseResult, UnsubscribeTarget } from './command';
import { conflict, parseError, quote } from './errors';

/** The words that narrow which jobs a subscription is about. */
export const MATCH_SLOTS: readonly Slot[] = ['mode', 'endpoint', 'user', 'model'];

/** What `subscribe` alerts on when no status is typed. */
const DEFAULT_KINDS: readonly StatusKind[] = ['completed', 'failed'];

const WINDOW_SLOTS: readonly Slot[] = ['since', 'before', 'until', 'duration'];
const PAGE_SLOTS: readonly Slot[] = ['limit', 'sort', 'direction'];

/**
 * A list word a subscription has no use for, and why: "`since 2h` doesn't go with `subscribe`: a
 * subscription has no time window: …". Null for any other word (the generic refusal applies).
 */
export function refuseForRule(kind: 'subscribe' | 'unsubscribe', verb: string, stray: Clause): ParseError | null {
  const example = quote(`${kind} failed`);
  if (WINDOW_SLOTS.includes(stray.slot)) {
    const message = `${quote(stray.word)} doesn't go with ${quote(verb)}: a subscription has no time window: it alerts on each change from now on. Leave it out, e.g. ${example}.`;
    return parseError(message, stray.word);
  }
  if (PAGE_SLOTS.includes(stray.slot)) {
    const message = `${quote(stray.word)} doesn't go with ${quote(verb)}: a subscription has no page size or order: it alerts on each change as it comes. Leave it out, e.g. ${example}.`;
    return parseError(message, stray.word);
  }
  return null;
}

/** The filter words of a rule (a subscription's, a `notify me`'s): what the source cannot apply is the handler's to refuse. */
export function matchOf(clauses: readonly Clause[]): JobMatch {
  return {
    mode: valueOf(clauses, 'mode') ?? null,
    endpoint: valueOf(clauses, 'endpoint') ?? null,
    userId: valueOf(clauses, 'user') ?? null,
    model: valueOf(clauses, 'model') ?? null,
  };
}

export function buildSubscribe(clauses: readonly Clause[]): ParseResult {
  const typed = statusesOf(clauses);
  const command: Command = {
    kind: 'subscribe',
    statuses: typed.length > 0 ? typed : [...DEFAULT_KINDS],
    match: matchOf(clauses),
    mention: valueOf(clauses, 'mention') ?? null,
  };
  return { ok: true, command };
}

/**
 * `unsubscribe -1`, `unsubscribe 1.5`, `unsubscribe 99999999999999999999`: a number, but none a
 * subscription can have (they are whole numbers from 1, as `subscriptions` lists them).
 */
export function notSubscriptionNumber(word: string): ParseError {
  return parseError(`${quote(word)} isn't a subscription's number: use the number ${quote('subscriptions')} shows, e.g. ${quote('unsubscribe 1')}.`, word, 'unsubscribe 1');
}

/** `all`, a number and filters are three ways to say which subscription: one at a time. */
function whichClash(clauses: readonly Clause[]): ParseError | null {
  const ways = [clausesOf(clauses, 'all')[0], clausesOf(clauses, 'number')[0], clauses.find((c) => MATCH_SLOTS.includes(c.slot))];
  const [first, second] = ways.filter((c): c is Clause => c !== undefined);
  return first !== undefined && second !== undefined ? conflict(first.word, second.word, 'which subscription goes') : null;
}

export function buildUnsubscribe(clauses: readonly Clause[]): ParseResult {
  const clash = whichClash(clauses);
  if (clash) return { ok: false, error: clash };
  const number = clausesOf(clauses, 'number')[0];
  if (number !== undefined && number.value < 1) {
    const message = `${quote(number.word)} isn't a subscription's number: they start at 1, as ${quote('subscriptions')} lists them, e.g. ${quote('unsubscribe 1')}.`;
    return { ok: false, error: parseError(message, number.word) };
  }
  if (number !== undefined && !Number.isSafeInteger(number.value)) return { ok: false, error: notSubscriptionNumber(number.word) };
  let target: UnsubscribeTarget;
  if (valueOf(clauses, 'all') === true) target = { by: 'all' };
  else if (number !== undefined) target = { by: 'number', number: number.value };
  else if (clauses.some((c) => MATCH_SLOTS.includes(c.slot))) target = { by: 'match', match: matchOf(clauses) };
  else target = { by: 'statuses' };
  return { ok: true, command: { kind: 'unsubscribe', statuses: statusesOf(clauses), target } };
}
