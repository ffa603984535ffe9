/**
 * `digest daily 9:00`, `digest weekdays 9:00`, `digest weekly mon 9:00` (a day alone means
 * weekly), `digest off`, `digest`: the words put together, or the one line that says what is
 * missing or does not fit. The time is the caller's own clock; `9:00 utc` (or `9:00z`) is UTC.
 * Other offsets are refused: a digest follows a named zone, so it keeps its hour across DST.
 */
import { type Clause, clausesOf, valueOf } from './clauses';
import type { ParseResult } from './command';
import { conflict, parseError, quote } from './errors';

const FORMS = `${quote('digest daily 9:00')}, ${quote('digest weekdays 9:00')} or ${quote('digest weekly mon 9:00')}`;

function refuse(message: string, word: string | null, suggestion: string | null = null): ParseResult {
  return { ok: false, error: parseError(message, word, suggestion) };
}

export function buildDigest(clauses: readonly Clause[]): ParseResult {
  const off = clausesOf(clauses, 'off')[0];
  const cadence = clausesOf(clauses, 'cadence')[0];
  const day = clausesOf(clauses, 'day')[0];
  const clock = clausesOf(clauses, 'clock')[0];
  const setting = cadence ?? day ?? clock;
  if (off !== undefined) {
    return setting === undefined ? { ok: true, command: { kind: 'digest', action: 'off' } } : { ok: false, error: conflict(off.word, setting.word, "this channel's digest") };
  }
  if (setting === undefined) return { ok: true, command: { kind: 'digest', action: 'show' } };

  const how = cadence?.value ?? (day === undefined ? undefined : 'weekly');
  if (how === undefined) {
    const word = clock?.word ?? '';
    return refuse(`${quote(`digest ${word}`)} needs how often: ${FORMS}.`, word, `digest daily ${word}`);
  }
  if (day !== undefined && how !== 'weekly') {
    return refuse(`${quote(cadence?.word ?? how)} and ${quote(day.word)} don't go together: a day is for a weekly digest, e.g. ${quote(`digest weekly ${day.word} 9:00`)}.`, day.word);
  }
  if (how === 'weekly' && day === undefined) {
    return refuse(`${quote(cadence?.word ?? 'weekly')} needs a day: e.g. ${quote('digest weekly mon 9:00')} (or ${quote('digest weekdays 9:00')} for Monday to Friday).`, cadence?.word ?? null);
  }
  if (clock === undefined) {
    const said = [cadence?.word, day?.word].filter((w): w is string => w !== undefined).join(' ');
    return refuse(`${quote(`digest ${said}`)} needs a time of day: e.g. ${quote(`digest ${said} 9:00`)} (your time zone).`, said, `digest ${said} 9:00`);
  }
  const offset = clock.value.offsetMinutes;
  if (offset !== null && offset !== 0) {
    const bare = clock.word.replace(/(z|[+-]\d{2}(:?\d{2})?)$/i, '');
    return refuse(
      `${quote(clock.word)} has a fixed offset: a digest follows your Slack time zone (so it keeps its hour when clocks change); write ${quote(bare)}, or ${quote(`${bare} utc`)} for UTC.`,
      clock.word,
    );
  }
  const weekday = how === 'weekly' ? (valueOf(clauses, 'day') ?? null) : null;
  return { ok: true, command: { kind: 'digest', action: 'set', schedule: { cadence: how, weekday, minutes: clock.value.minutes, utc: offset === 0 } } };
}
