/**
 * The value of `since` / `before`: a relative time (before now), `today`, `yesterday` (UTC
 * midnights, as the help says), an ISO 8601 date or date-time, or Unix milliseconds. Returns
 * Unix ms; the caller decides what the bound means.
 */
import { DAY_MS, UNIT_MS, parseDurationWord } from './duration';
import { type Expected, type Step, badValue, failure, missingValue, parseError, quote } from './errors';
import { ISO_DATE, TIME_OF_DAY, parseIsoTime } from './iso-time';
import { type Token, phrase } from './tokenize';
import { isReserved } from './vocabulary';

const TIME_WORDS = ['today', 'yesterday'];
const TIME_FORMS = `${['30m', '2h', '3d', '1w', ...TIME_WORDS, '2026-11-01', '2026-11-01T09:30Z'].map(quote).join(', ')} or Unix ms`;

/** What `since` / `before` take; the example uses the key as typed (`after 2h`). */
export function timeExpected(key: string): Expected {
  return { what: 'a time', allowed: TIME_FORMS, example: `${key.toLowerCase()} 2h` };
}

/** Below this an integer is not Unix ms (10^11 ms is March 1973); between 10^9 and it, Unix seconds. */
const MIN_UNIX_MS = 1e11;
const MIN_UNIX_SECONDS = 1e9;
/** The largest time a JavaScript Date can hold. */
const MAX_TIME_MS = 8.64e15;

function startOfUtcDay(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS;
}

/** `2h` or `2 hours`, optionally followed by `ago`. */
function relative(tokens: readonly Token[], at: number, now: number, durationMs: number, words: number): Step<number> {
  const next = tokens[at + words]?.lower === 'ago' ? at + words + 1 : at + words;
  return { ok: true, value: now - durationMs, next };
}

function fromDigits(tokens: readonly Token[], at: number, now: number, token: Token, expected: Expected): Step<number> {
  const unitMs = UNIT_MS.get(tokens[at + 1]?.lower ?? '');
  if (unitMs !== undefined) return relative(tokens, at, now, Number(token.text) * unitMs, 2);
  const value = Number(token.text);
  if (value >= MIN_UNIX_MS && value <= MAX_TIME_MS) return { ok: true, value, next: at + 1 };
  if (value >= MIN_UNIX_SECONDS && value < MIN_UNIX_MS) {
    const suggestion = String(value * 1000);
    const message = `${quote(token.text)} looks like Unix seconds: times here are Unix milliseconds, e.g. ${quote(suggestion)}.`;
    return failure(parseError(message, token.text, suggestion));
  }
  return failure(badValue(token.text, expected));
}

const ISO_FIX = {
  date: `months go 01 to 12 and days to the month's last, e.g. ${quote('2026-11-01')}`,
  time: `hours go 00 to 23, minutes 00 to 59 and offsets to ±23:59, e.g. ${quote('2026-11-01T09:30Z')}`,
} as const;

function fromIso(tokens: readonly Token[], at: number, token: Token): Step<number> | null {
  // `2026-11-01 09:30`: a time of day right after a date belongs to it; nothing else looks like one.
  const timeOfDay = tokens[at + 1];
  const joined = ISO_DATE.test(token.lower) && timeOfDay !== undefined && TIME_OF_DAY.test(timeOfDay.lower);
  const iso = parseIsoTime(joined ? `${token.lower}t${timeOfDay?.lower ?? ''}` : token.lower);
  if (iso === null) return null;
  const end = joined ? at + 2 : at + 1;
  if (iso.ok) return { ok: true, value: iso.ms, next: end };
  const word = phrase(tokens, at, end);
  return failure(parseError(`${quote(word)} isn't a real ${iso.problem}: ${ISO_FIX[iso.problem]}.`, word));
}

function readValue(tokens: readonly Token[], at: number, now: number, token: Token, expected: Expected): Step<number> {
  if (token.lower === 'today') return { ok: true, value: startOfUtcDay(now), next: at + 1 };
  if (token.lower === 'yesterday') return { ok: true, value: startOfUtcDay(now) - DAY_MS, next: at + 1 };
  if (/^\d+$/.test(token.lower)) return fromDigits(tokens, at, now, token, expected);
  const duration = parseDurationWord(token.lower);
  if (duration !== null) return relative(tokens, at, now, duration, 1);
  return fromIso(tokens, at, token) ?? failure(badValue(token.text, expected, TIME_WORDS));
}

/**
 * A time starting at word `at`. Also used to recognise a time typed without `since`; `expected`
 * says, in an error, what the word it belongs to takes (`since`'s times, `until`'s).
 */
export function readTimeValue(tokens: readonly Token[], at: number, now: number, expected = timeExpected('since')): Step<number> {
  const token = tokens[at];
  if (token === undefined) return failure(parseError(`A time is missing: ${expected.allowed}, e.g. ${quote(expected.example)}.`, null));
  const step = readValue(tokens, at, now, token, expected);
  if (step.ok && !(step.value >= 0 && step.value <= MAX_TIME_MS)) {
    const word = phrase(tokens, at, step.next);
    return failure(parseError(`${quote(word)} is outside the times I can use: pick one from 1970 to the year 275760, e.g. ${quote(expected.example)}.`, word));
  }
  return step;
}

/** The value after the `since` / `before` word at `keyAt`. */
export function readTime(tokens: readonly Token[], keyAt: number, now: number): Step<number> {
  const key = tokens[keyAt];
  const value = tokens[keyAt + 1];
  const keyText = key?.text ?? 'since';
  if (value === undefined || (isReserved(value.lower) && !value.explicit)) return failure(missingValue(keyText, timeExpected(keyText)));
  return readTimeValue(tokens, keyAt + 1, now, timeExpected(keyText));
}
