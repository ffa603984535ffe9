/**
 * Words that take a value: `limit 20`, `since 2h`, `sort ended`, `status failed`, `mode file`,
 * `endpoint audio`, `user <id>`, `model face`, `mention @team`, and the id after `job`. `key:value` arrives
 * here as the same two words, the value marked explicit.
 */
import { MAX_PAGE_SIZE } from '../jobs/filter';
import { type Clause, type Slot, type SlotValues, clause } from './clauses';
import { type Expected, type Step, badValue, codeList, failure, missingValue, parseError, quote } from './errors';
import { isValidId } from './job-id';
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
  MODEL_NAMES,
  MODEL_WORDS,
  SORT_WORDS,
  STATUS_WORDS,
  isReserved,
} from './vocabulary';

export const LIMIT: Expected = { what: 'a page size', allowed: `a page holds 1 to ${MAX_PAGE_SIZE} jobs`, example: 'limit 10' };
const ID_FORMS = `letters, digits, ${quote('-')} and ${quote('_')}`;
export const JOB_ID: Expected = { what: 'a job id', allowed: 'the 8-character id from a list or the full one', example: 'job 1a2b3c4d' };
const USER_ID: Expected = { what: 'a user id', allowed: `a Hume user id (${ID_FORMS})`, example: 'user usr_1a2b3c' };
const LENGTH: Expected = { what: 'a length of time', allowed: codeList(['30m', '2h', '1h30m', '2 hours']), example: 'for 2h' };
const MENTION: Expected = { what: MENTION_WHAT, allowed: MENTION_ALLOWED, example: 'mention @team' };

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

/**
 * A page size that was understood as one but cannot be used (`limit 0`, `30`, `limit 2.5`), or a
 * value after `limit` that is no number: `word` is the phrase as typed, `value` the number part.
 */
export function badLimit(word: string, value: string): Step<Clause[]> {
  const problem = /^[-+]?\d+$/.test(value) ? 'is out of range' : /^[-+]?\d*\.\d+$/.test(value) ? "isn't a whole number" : "isn't a number";
  return failure(parseError(`${quote(word)} ${problem}: ${LIMIT.allowed}, e.g. ${quote(LIMIT.example)}.`, word));
}

function readLimit(tokens: readonly Token[], at: number): Step<Clause[]> {
  const value = freeValue(tokens, at);
  if (value === null) return failure(missingValue(keyText(tokens, at), LIMIT));
  const word = phrase(tokens, at, at + 2);
  const limit = limitClause(value, word);
  return limit === null ? badLimit(word, value.text) : { ok: true, value: [limit], next: at + 2 };
}

/** A key whose value is one of a few words (`sort ended`, `status failed`, `mode file`). */
function readChoice<S extends Slot>(
  tokens: readonly Token[],
  at: number,
  slot: S,
  words: ReadonlyMap<string, SlotValues[S]>,
  choice: Choice,
): Step<Clause[]> {
  const value = tokens[at + 1];
  const found = value === undefined ? undefined : words.get(value.lower);
  if (found !== undefined) return single(tokens, at, slot, found);
  const [first = ''] = choice.shown;
  const expected: Expected = { what: choice.what, allowed: codeList(choice.shown) + (choice.more ?? ''), example: `${keyText(tokens, at).toLowerCase()} ${first}` };
  if (freeValue(tokens, at) === null) return failure(missingValue(keyText(tokens, at), expected));
  return failure(badValue(value?.text ?? '', expected, words.keys()));
}

/** The values an error lists for a key (aliases left out, so the line stays short). */
interface Choice {
  what: string;
  /** The first is the example. */
  shown: readonly string[];
  /** Said after the list: other words that work too. */
  more?: string;
}

const SORT: Choice = { what: 'a sort key', shown: ['ended', 'started', 'created'] };
const DIRECTION: Choice = { what: 'an order', shown: ['newest', 'oldest'], more: ` (or ${quote('desc')}, ${quote('asc')})` };
const STATUS: Choice = { what: 'a status', shown: ['failed', 'queued', 'running', 'completed'], more: ` (or a source's own word like ${quote('live')})` };
const MODE: Choice = { what: 'a mode', shown: ['realtime', 'file'] };
const ENDPOINT: Choice = { what: 'an endpoint', shown: ['audio', 'video'] };
const MODEL: Choice = { what: "one of Hume's models", shown: MODEL_NAMES };

/** `sort` takes a key, or a direction for people who write `sort oldest`. */
function readSort(tokens: readonly Token[], at: number): Step<Clause[]> {
  const direction = DIRECTION_WORDS.get(tokens[at + 1]?.lower ?? '');
  if (direction !== undefined) return single(tokens, at, 'direction', direction);
  return readChoice(tokens, at, 'sort', SORT_WORDS, SORT);
}

/** `user <id>` and `mention @team`: free text, checked by `accept` (null = refused). */
function readFree<S extends 'user' | 'mention'>(
  tokens: readonly Token[],
  at: number,
  slot: S,
  accept: (text: string) => SlotValues[S] | null,
  expected: Expected,
  nearMisses: (text: string) => string[] = () => [],
): Step<Clause[]> {
  const value = freeValue(tokens, at);
  if (value === null) return failure(missingValue(keyText(tokens, at), expected));
  const accepted = accept(value.text);
  if (accepted !== null) return single(tokens, at, slot, accepted);
  return failure(badValue(value.text, expected, nearMisses(value.text)));
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
      return readChoice(tokens, at, 'direction', DIRECTION_WORDS, DIRECTION);
    case 'status':
      return readChoice(tokens, at, 'status', STATUS_WORDS, STATUS);
    case 'mode':
      return readChoice(tokens, at, 'mode', MODE_WORDS, MODE);
    case 'endpoint':
      return readChoice(tokens, at, 'endpoint', ENDPOINT_WORDS, ENDPOINT);
    case 'model':
      return readChoice(tokens, at, 'model', MODEL_WORDS, MODEL);
    case 'user':
      return readFree(tokens, at, 'user', acceptId, USER_ID);
    case 'mention':
      return readFree(tokens, at, 'mention', parseMention, MENTION, mentionNearMisses);
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
    return failure(value === undefined ? missingValue(keyText(tokens, at), LENGTH) : badValue(value.text, LENGTH));
  }
  return { ok: true, value: [clause('duration', duration.ms, phrase(tokens, at, duration.next))], next: duration.next };
}

/**
 * `job <id>`, `watch <id>`, `unwatch <id>`; the verb alone is kept so a bare id elsewhere
 * (`job public 1a2b3c4d`) can fill it, or so it can mean "show" (`watch`).
 */
export function readJob(tokens: readonly Token[], at: number, verb: 'job' | 'watch' | 'unwatch' = 'job'): Step<Clause[]> {
  const verbClause = clause('verb', verb, keyText(tokens, at));
  const value = freeValue(tokens, at);
  if (value === null) return { ok: true, value: [verbClause], next: at + 1 };
  if (!isValidId(value.text)) return failure(badValue(value.text, JOB_ID));
  return { ok: true, value: [verbClause, clause('id', value.text, phrase(tokens, at, at + 2))], next: at + 2 };
}

/** `link usr_…`: the caller's Hume user, as `user usr_…` would name it; `link` alone shows it. */
export function readLink(tokens: readonly Token[], at: number): Step<Clause[]> {
  const verb = clause('verb', 'link', keyText(tokens, at));
  const value = freeValue(tokens, at);
  if (value === null) return { ok: true, value: [verb], next: at + 1 };
  if (!isValidId(value.text)) return failure(badValue(value.text, USER_ID));
  return { ok: true, value: [verb, clause('user', value.text, phrase(tokens, at, at + 2))], next: at + 2 };
}
