/**
 * The value of `until` (snooze): a time of day (`9:00`, `17:30`, `9am`, `9:30 pm`, `9:00z`,
 * `09:00+01:00`, `9:00 utc`) or a moment (`2026-11-30T09:00Z`, `2026-11-30 09:00`, Unix ms).
 * A time of day without a zone is the caller's own clock; the reply resolves it with their
 * Slack time zone. A length of time (`until 2h`) is refused with the way to say it.
 */
import { type Clause, type UntilValue, clause } from './clauses';
import { readPureDuration } from './duration';
import { type Expected, type Step, badValue, codeList, failure, missingValue, parseError, quote } from './errors';
import { ISO_DATE } from './iso-time';
import { readTimeValue } from './time-value';
import { type Token, phrase } from './tokenize';
import { isReserved } from './vocabulary';

const UNTIL: Expected = {
  what: 'a time',
  allowed: `${['9:00', '17:30', '9am', '9:00z', '2026-11-30T09:00Z'].map(quote).join(', ')} or Unix ms`,
  example: 'until 9:00',
};
const clockFix = (example: string) => `hours go 0 to 23 (1 to 12 with ${codeList(['am', 'pm'])}), minutes 00 to 59 and offsets to ±14:00, e.g. ${quote(example)}`;

/** `9`, `9:30`, `09:30`, then `am`/`pm`, then `z` or an offset, all in one word. */
const CLOCK = /^(\d{1,2})(?::(\d{2}))?(am|pm)?(z|[+-]\d{2}(?::?\d{2})?)?$/;
const MERIDIEM = new Set(['am', 'pm']);
const UTC_WORDS = new Set(['utc', 'gmt', 'z']);
/** A moment, rather than a time of day: an ISO date (with or without time) or Unix ms. */
const MOMENT = /^(?:\d{4}-\d{2}-\d{2}(?:t.*)?|\d{11,})$/;

function offsetOf(zone: string | undefined): number | null | undefined {
  if (zone === undefined) return undefined;
  if (zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  return hours > 14 || minutes > 59 ? null : sign * (hours * 60 + minutes);
}

/** Minutes after midnight for hour/minute/meridiem, or null when out of range (`25:00`, `13pm`). */
function minutesOf(hour: number, minute: number, meridiem: string | undefined): number | null {
  if (minute > 59) return null;
  if (meridiem === undefined) return hour <= 23 ? hour * 60 + minute : null;
  if (hour < 1 || hour > 12) return null;
  return ((hour % 12) + (meridiem === 'pm' ? 12 : 0)) * 60 + minute;
}

/**
 * A time of day starting at word `at` (`9:00`, `9am`, `9:30 pm`, `9:00z`, `9:00 utc`), or null
 * when the word is no time of day at all. `digest daily 9:00` reads its time here too.
 */
export function readClock(tokens: readonly Token[], at: number, token: Token, example = UNTIL.example): Step<UntilValue> | null {
  const match = CLOCK.exec(token.lower);
  if (match === null) return null;
  const [, h = '', m, attached, zone] = match;
  let next = at + 1;
  let meridiem = attached;
  if (meridiem === undefined && zone === undefined && MERIDIEM.has(tokens[next]?.lower ?? '')) meridiem = tokens[next++]?.lower;
  // A bare `9` is too easily a mistake for 9 hours, 9 minutes or the 9th: ask for 9:00.
  if (m === undefined && meridiem === undefined) return null;
  let offset = offsetOf(zone);
  if (offset === undefined && UTC_WORDS.has(tokens[next]?.lower ?? '')) {
    offset = 0;
    next += 1;
  }
  const minutes = minutesOf(Number(h), Number(m ?? '0'), meridiem);
  const word = phrase(tokens, at, next);
  if (minutes === null || offset === null) return failure(parseError(`${quote(word)} isn't a real time of day: ${clockFix(example)}.`, word));
  return { ok: true, value: { type: 'clock', minutes, offsetMinutes: offset ?? null }, next };
}

function readMoment(tokens: readonly Token[], at: number, now: number): Step<UntilValue> {
  const time = readTimeValue(tokens, at, now, UNTIL);
  return time.ok ? { ok: true, value: { type: 'at', ms: time.value }, next: time.next } : time;
}

export function readUntil(tokens: readonly Token[], at: number, now: number): Step<Clause[]> {
  const key = tokens[at]?.text ?? 'until';
  const token = tokens[at + 1];
  if (token === undefined || (isReserved(token.lower) && !token.explicit)) {
    return failure(missingValue(key, UNTIL));
  }
  const duration = readPureDuration(tokens, at + 1);
  if (duration !== null) {
    const length = phrase(tokens, at + 1, duration.next);
    const suggestion = `snooze ${length}`;
    const message = `${quote(length)} is a length of time: write ${quote(suggestion)}, or give a time, e.g. ${quote(UNTIL.example)}.`;
    return failure(parseError(message, length, suggestion));
  }
  const step =
    readClock(tokens, at + 1, token) ??
    (MOMENT.test(token.lower) || ISO_DATE.test(token.lower) ? readMoment(tokens, at + 1, now) : failure(badValue(token.text, UNTIL)));
  if (!step.ok) return step;
  return { ok: true, value: [clause('until', step.value, phrase(tokens, at, step.next))], next: step.next };
}
