/**
 * The words of `digest daily 9:00`, `digest weekdays 5:30pm`, `digest weekly on mon at 9am`: how
 * often (`daily`, `weekdays`, `weekly`), a day name (`mon`, `monday`), and a time of day, alone or
 * after `at`. Read wherever they stand, like every other word; which command they belong to is
 * decided when the clauses are put together.
 */
import { type Clause, clause } from './clauses';
import type { ParseError } from './command';
import { type Step, failure, parseError, quote } from './errors';
import { readClock } from './read-until';
import { type Token, phrase } from './tokenize';
import { CADENCE_WORDS, DAY_WORDS } from './vocabulary';

export const DIGEST_EXAMPLE = 'digest daily 9:00';

function one(value: Clause, next: number): Step<Clause[]> {
  return { ok: true, value: [value], next };
}

/** `9` as `9am`, `17` as `5pm`, `0` as `12am`: the same hour written the other way. */
function withMeridiem(hour: number): string {
  if (hour % 12 === 0) return `12${hour === 0 ? 'am' : 'pm'}`;
  return hour < 12 ? `${hour}am` : `${hour - 12}pm`;
}

/**
 * `digest daily 9`, `digest daily at 9`: an hour alone is refused, as `snooze until 9` is (it is
 * too easily 9 hours or the 9th), with the hour written both ways that work.
 */
export function bareHour(word: string, digits: string): ParseError {
  const hour = Number(digits);
  const [clock, meridiem] = /^\d{1,2}$/.test(digits) && hour <= 23 ? [`${hour}:00`, withMeridiem(hour)] : ['9:00', '9am'];
  const message = `${quote(word)} alone is no time of day: write a time of day like ${quote(clock)} or ${quote(meridiem)}, e.g. ${quote(`digest daily ${clock}`)}.`;
  return parseError(message, word, `digest daily ${clock}`);
}

function readTime(tokens: readonly Token[], from: number, at: number): Step<Clause[]> | null {
  const token = tokens[at];
  if (token === undefined) return null;
  const clock = readClock(tokens, at, token, DIGEST_EXAMPLE);
  if (clock === null || !clock.ok) return clock;
  if (clock.value.type !== 'clock') return null;
  return one(clause('clock', clock.value, phrase(tokens, from, clock.next)), clock.next);
}

/** A digest word at `at`, or null when the word is none (the caller reads it otherwise). */
export function readDigestWord(tokens: readonly Token[], at: number, token: Token): Step<Clause[]> | null {
  const cadence = CADENCE_WORDS.get(token.lower);
  if (cadence !== undefined) return one(clause('cadence', cadence, token.text), at + 1);
  const next = tokens[at + 1];
  // `on mon`, `at 9:00`: the little words people put in are read with what follows them.
  const day = DAY_WORDS.get(token.lower) ?? (token.lower === 'on' && next ? DAY_WORDS.get(next.lower) : undefined);
  if (day !== undefined) {
    const end = DAY_WORDS.has(token.lower) ? at + 1 : at + 2;
    return one(clause('day', day, phrase(tokens, at, end)), end);
  }
  if (token.lower === 'at') {
    const time = readTime(tokens, at, at + 1);
    if (time !== null) return time;
    const word = next === undefined ? 'at' : phrase(tokens, at, at + 2);
    if (next !== undefined && /^\d+$/.test(next.text)) return failure(bareHour(word, next.text));
    return failure(parseError(`${quote(word)} needs a time of day: ${quote('9:00')}, ${quote('17:30')} or ${quote('5:30pm')}, e.g. ${quote('digest daily at 9:00')}.`, word));
  }
  return readTime(tokens, at, at);
}
