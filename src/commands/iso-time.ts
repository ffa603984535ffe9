/**
 * ISO 8601 dates and date-times, read as UTC unless they carry `Z` or an offset. Written by hand
 * rather than with `Date.parse`, which accepts `2026-02-30` (rolling it to March 2) and reads a
 * date-time without zone in the server's local time.
 */

/** `2026-11-01`, `2026-11-01T09:30`, `…:15`, `…:15.250`, then `Z`, `+02:00`, `+0200` or `+02`. */
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:t(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/** A time of day alone, as the second word of `2026-11-01 09:30`. */
export const TIME_OF_DAY = /^\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:z|[+-]\d{2}(?::?\d{2})?)?$/;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type IsoTime = { ok: true; ms: number } | { ok: false; problem: 'date' | 'time' };

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Minutes east of UTC for `z`, `+02:00`, `-0530`, `+02`; null when out of range. */
function offsetMinutes(zone: string | undefined): number | null {
  if (zone === undefined || zone === 'z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

/** Reads a lower-case ISO date or date-time; null when the word does not have that shape. */
export function parseIsoTime(lower: string): IsoTime | null {
  const match = ISO.exec(lower);
  if (match === null) return null;
  const [, y = '', mo = '', d = '', h = '0', mi = '0', s = '0', fraction = '', zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { ok: false, problem: 'date' };
  const offset = offsetMinutes(zone);
  if (Number(h) > 23 || Number(mi) > 59 || Number(s) > 59 || offset === null) return { ok: false, problem: 'time' };
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 onto 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(Number(h), Number(mi), Number(s), Number(fraction.padEnd(3, '0').slice(0, 3)));
  return { ok: true, ms: date.getTime() - offset * 60_000 };
}
