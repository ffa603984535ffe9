/**
 * Words that take a value: `limit 20`, `since 2h`, `sort ended`, `status failed`, `mode file`,
 * `endpoint audio`, `user <id>`, `mention @team`, and the id after `job`. `key:value` arrives
 * here as the same two words, the value marked explicit.
 */
import { MAX_PAGE_SIZE } from '../jobs/filter';
import { type Clause, type Slot, type SlotValues, clause } from './clauses';
import { type Step, badValue, failure, missingValue, orList } from './errors';
import { ID_ALLOWED, isValidId } from './job-id';
import { MENTION_ALLOWED, MENTION_WHAT, parseMention } from './mention';
import { readTime } from './time-value';
import { readUntil } from './read-until';
import { readPureDuration } from './duration';
import { type Token, phrase } from './tokenize';
import {
  DIRECTION_WORDS,
  ENDPOINT_WORDS,
  type Key,
  MODE_WORDS,
  SORT_WORDS,
  STATUS_WORDS,
  isReserved,
} from './vocabulary';

const LIMIT_WHAT = 'a page size';
const LIMIT_ALLOWED = `a whole number from 1 to ${MAX_PAGE_SIZE}`;

/** The value word after the key at `at`, unless it is missing or is grammar typed after a space. */
function freeValue(tokens: readonly Token[], at: number): Token | null {
  const value = tokens[at + 1];
  return value === undefined || (isReserved(value.lower) && !value.explicit) ? null : value;
}

function keyText(tokens: readonly Token[], at: number): string {
  return tokens[at]?.text ?? '';
}

function single<S extends Slot>(tokens: readonly Token[], at: number, slot: S, value: SlotValues[S]): Step<Clause[]> {
  return { ok: true, value: [clause(slot, value, phrase(tokens, at, at + 2))], next: at + 2 };
}

/** A page size typed alone (`20`) or after `limit`: 1 to MAX_PAGE_SIZE, nothing else. */
export function limitClause(token: Token, word: string): Clause | null {
  if (!/^\d{1,3}$/.test(token.text)) return null;
  const n = Number(token.text);
  return n >= 1 && n <= MAX_PAGE_SIZE ? clause('limit', n, word) : null;
}

export function badLimit(word: string): Step<Clause[]> {
  return failure(badValue(word, LIMIT_WHAT, LIMIT_ALLOWED));
}

function readLimit(tokens: readonly Token[], at: number): Step<Clause[]> {
  const value = freeValue(tokens, at);
  if (value === null) return failure(missingValue(keyText(tokens, at), LIMIT_WHAT, LIMIT_ALLOWED));
  const limit = limitClause(value, phrase(tokens, at, at + 2));
  return limit === null ? badLimit(value.text) : { ok: true, value: [limit], next: at + 2 };
}

/** A key whose value is one of a few words (`sort ended`, `status failed`, `mode file`). */
function readChoice<S extends Slot>(
  tokens: readonly Token[],
  at: number,
  slot: S,
  words: ReadonlyMap<string, SlotValues[S]>,
  what: string,
): Step<Clause[]> {
  const value = tokens[at + 1];
  const found = value === undefined ? undefined : words.get(value.lower);
  if (found !== undefined) return single(tokens, at, slot, found);
  const allowed = orList([...words.keys()]);
  if (freeValue(tokens, at) === null) return failure(missingValue(keyText(tokens, at), what, allowed));
  return failure(badValue(value?.text ?? '', what, allowed, words.keys()));
}

/** `sort` takes a key, or a direction for people who write `sort oldest`. */
function readSort(tokens: readonly Token[], at: number): Step<Clause[]> {
  const direction = DIRECTION_WORDS.get(tokens[at + 1]?.lower ?? '');
  if (direction !== undefined) return single(tokens, at, 'direction', direction);
  return readChoice(tokens, at, 'sort', SORT_WORDS, 'a sort key');
}

/** `user <id>` and `mention @team`: free text, checked by `accept` (null = refused). */
function readFree<S extends 'user' | 'mention'>(
  tokens: readonly Token[],
  at: number,
  slot: S,
  accept: (text: string) => SlotValues[S] | null,
  what: string,
  allowed: string,
  nearMisses: (text: string) => string[] = () => [],
): Step<Clause[]> {
  const value = freeValue(tokens, at);
  if (value === null) return failure(missingValue(keyText(tokens, at), what, allowed));
  const accepted = accept(value.text);
  if (accepted !== null) return single(tokens, at, slot, accepted);
  return failure(badValue(value.text, what, allowed, nearMisses(value.text)));
}

/** `mention team` most likely meant `@team`. */
function mentionNearMisses(text: string): string[] {
  return parseMention(`@${text}`) === null ? [] : [`@${text}`];
}

function acceptId(text: string): string | null {
  return isValidId(text) ? text : null;
}

export function readKeyed(key: Key, tokens: readonly Token[], at: number, now: number): Step<Clause[]> {
  switch (key) {
    case 'since':
    case 'before': {
      const time = readTime(tokens, at, now);
      if (!time.ok) return time;
      return { ok: true, value: [clause(key, time.value, phrase(tokens, at, time.next))], next: time.next };
    }
    case 'limit':
      return readLimit(tokens, at);
    case 'sort':
      return readSort(tokens, at);
    case 'direction':
      return readChoice(tokens, at, 'direction', DIRECTION_WORDS, 'an order');
    case 'status':
      return readChoice(tokens, at, 'status', STATUS_WORDS, 'a status');
    case 'mode':
      return readChoice(tokens, at, 'mode', MODE_WORDS, 'a mode');
    case 'endpoint':
      return readChoice(tokens, at, 'endpoint', ENDPOINT_WORDS, 'an endpoint');
    case 'user':
      return readFree(tokens, at, 'user', acceptId, 'a user id', ID_ALLOWED);
    case 'mention':
      return readFree(tokens, at, 'mention', parseMention, MENTION_WHAT, MENTION_ALLOWED, mentionNearMisses);
    case 'until':
      return readUntil(tokens, at, now);
    case 'for':
      return readFor(tokens, at);
  }
}

/** `snooze for 2h`, `overdue for 45m`: the same length of time as without `for`. */
function readFor(tokens: readonly Token[], at: number): Step<Clause[]> {
  const duration = readPureDuration(tokens, at + 1);
  if (duration === null) {
    const value = tokens[at + 1];
    const allowed = '30m, 2h, 1h30m or 2 hours';
    return failure(value === undefined ? missingValue(keyText(tokens, at), 'a length of time', allowed) : badValue(value.text, 'a length of time', allowed));
  }
  return { ok: true, value: [clause('duration', duration.ms, phrase(tokens, at, duration.next))], next: duration.next };
}

/** `job <id>`; `job` alone is kept so a bare id elsewhere (`job public 1a2b3c4d`) can fill it. */
export function readJob(tokens: readonly Token[], at: number): Step<Clause[]> {
  const verb = clause('verb', 'job', keyText(tokens, at));
  const value = freeValue(tokens, at);
  if (value === null) return { ok: true, value: [verb], next: at + 1 };
  if (!isValidId(value.text)) return failure(badValue(value.text, 'a job id', ID_ALLOWED));
  return { ok: true, value: [verb, clause('id', value.text, phrase(tokens, at, at + 2))], next: at + 2 };
}
