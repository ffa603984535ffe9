/**
 * Reads words left to right into clauses. Each word is grammar (status, command, key,
 * direction, flag), a bare page size, mention or job id, or an error that says what would work.
 */
import { type Clause, clause, clausesOf } from './clauses';
import type { ParseError } from './command';
import { type Expected, type Step, badValue, failure, notUnderstood, parseError, quote, takesNoNumber, timeWithoutKey } from './errors';
import { misspelledKey } from './misspelled-key';
import { notSubscriptionNumber } from './build-subscription';
import { readPureDuration } from './duration';
import { ISO_DATE } from './iso-time';
import { looksLikeJobId } from './job-id';
import { MENTION_ALLOWED, MENTION_WHAT, looksLikeMention, parseMention } from './mention';
import { readJob, readKeyed, readLink } from './read-keyed';
import { readDigestWord } from './read-digest';
import { readTimeValue } from './time-value';
import { type Token, phrase } from './tokenize';
import {
  DIRECTION_WORDS,
  FLAG_WORDS,
  HELP_WORDS,
  KEYS,
  KEY_OF_BARE_VALUE,
  STATUS_WORDS,
  SUGGESTABLE_WORDS,
  VERBS,
} from './vocabulary';

export type Reading = { ok: true; help: boolean; clauses: Clause[] } | { ok: false; error: ParseError };

function one(value: Clause, next: number): Step<Clause[]> {
  return { ok: true, value: [value], next };
}

/** "“audio” needs its key: write “endpoint audio”." */
function valueWithoutKey(word: string, key: string): ParseError {
  const suggestion = `${key} ${word}`;
  return parseError(`${quote(word)} needs its key: write ${quote(suggestion)}.`, word, suggestion);
}

/**
 * A time typed without `since`/`before`: a length of time alone (`2h`, `2 hours`) is what
 * `snooze` and `overdue` take, so it is read as one (other commands refuse it with the fix);
 * anything else (`yesterday`, `2h ago`) gets the fix now.
 */
function bareTime(tokens: readonly Token[], at: number, next: number): Step<Clause[]> {
  const word = phrase(tokens, at, next);
  const duration = readPureDuration(tokens, at);
  if (duration !== null && duration.next === next) return one(clause('duration', duration.ms, word), next);
  return failure(timeWithoutKey(word));
}

/**
 * Words that are not grammar: page sizes, mentions, job ids, lengths of time, or a time or value
 * missing its key. Order matters: `2 hours` and `2026-11-01` are times before `2` is a page size
 * and before `2026-11-01` (hex digits and dashes) is an id; `12345d` is an id before it is a time.
 */
function readBare(tokens: readonly Token[], at: number, now: number, token: Token): Step<Clause[]> {
  const time = readTimeValue(tokens, at, now);
  if (ISO_DATE.test(token.lower)) return time.ok ? failure(timeWithoutKey(phrase(tokens, at, time.next))) : time;
  if (time.ok && time.next > at + 1) return bareTime(tokens, at, time.next);
  // A page size or a subscription's number: build-command knows which once it knows the command
  // (longer runs of digits are read as job ids below, and as numbers again after `unsubscribe`).
  if (/^\d{1,5}$/.test(token.text)) return one(clause('number', Number(token.text), token.text), at + 1);
  if (looksLikeMention(token.text)) {
    const mention = parseMention(token.text);
    if (mention === null) return failure(badValue(token.text, { what: MENTION_WHAT, allowed: MENTION_ALLOWED, example: 'mention @team' }));
    return one(clause('mention', mention, token.text), at + 1);
  }
  if (looksLikeJobId(token.text)) return one(clause('id', token.text, token.text), at + 1);
  if (time.ok) return bareTime(tokens, at, time.next);
  const key = KEY_OF_BARE_VALUE.get(token.lower);
  if (key !== undefined) return failure(valueWithoutKey(token.text, key));
  return failure(misspelledKey(tokens, at, now) ?? notUnderstood(token.text, SUGGESTABLE_WORDS));
}

function readClause(tokens: readonly Token[], at: number, now: number, token: Token): Step<Clause[]> {
  const word = token.lower;
  const status = STATUS_WORDS.get(word);
  if (status !== undefined) return one(clause('status', status, token.text), at + 1);
  const verb = VERBS.get(word);
  if (verb === 'job' || verb === 'watch' || verb === 'unwatch') return readJob(tokens, at, verb);
  if (verb === 'link') return readLink(tokens, at);
  if (verb !== undefined) return one(clause('verb', verb, token.text), at + 1);
  const key = KEYS.get(word);
  if (key !== undefined) return readKeyed(key, tokens, at, now);
  const direction = DIRECTION_WORDS.get(word);
  if (direction !== undefined) return one(clause('direction', direction, token.text), at + 1);
  const flag = FLAG_WORDS.get(word);
  if (flag !== undefined) return one(clause(flag, true, token.text), at + 1);
  return readDigestWord(tokens, at, token) ?? readBare(tokens, at, now, token);
}

/**
 * After `snooze` or `overdue`, a word nobody knows (`2y`, `banana`) was meant as their value: say
 * what the value can be instead of showing the whole usage.
 */
const SETTING_VALUES: Partial<Record<string, Expected>> = {
  snooze: { what: 'a length of time or an end', allowed: '`30m`, `2h`, `1w`, `until 9:00` or `off`', example: 'snooze 2h' },
  overdue: { what: 'an overdue limit', allowed: 'a length of time (`45m`, `2h`, `3d`), `auto` or `off`', example: 'overdue 45m' },
  digest: { what: 'a digest schedule', allowed: '`daily 9:00`, `weekdays 9:00`, `weekly mon 9:00` or `off`', example: 'digest daily 9:00' },
};

/** `-1`, `1.5`, `1e3`: a number, though not a whole one from 1. */
const NUMBER_LIKE = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function inSettingContext(clauses: readonly Clause[], error: ParseError): ParseError {
  const verb = clausesOf(clauses, 'verb')[0];
  if (verb !== undefined && error.word !== null && NUMBER_LIKE.test(error.word)) {
    if (verb.value === 'unsubscribe') return notSubscriptionNumber(error.word);
    if (verb.value === 'unmute') return takesNoNumber(verb.word, error.word);
  }
  if (!error.unknown || error.word === null) return error;
  const expected = verb === undefined ? undefined : SETTING_VALUES[verb.value];
  return expected ? { ...badValue(error.word, expected), unknown: false } : error;
}

/** Stops at the first error, or at a help word: anything after `help` is ignored. */
export function readClauses(tokens: readonly Token[], now: number): Reading {
  const clauses: Clause[] = [];
  let at = 0;
  for (let token = tokens[at]; token !== undefined; token = tokens[at]) {
    if (HELP_WORDS.has(token.lower)) return { ok: true, help: true, clauses };
    const step = readClause(tokens, at, now, token);
    if (!step.ok) return { ok: false, error: inSettingContext(clauses, step.error) };
    clauses.push(...step.value);
    at = step.next;
  }
  return { ok: true, help: false, clauses };
}
