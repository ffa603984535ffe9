/**
 * Relative times: `30m`, `2h`, `3d`, `1w`, also `90s`, `1h30m`, `2hours` and (over two words)
 * `2 hours`. `m` is minutes: months and years have no fixed length, so they are not units.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const UNIT_MS: ReadonlyMap<string, number> = new Map([
  ...['s', 'sec', 'secs', 'second', 'seconds'].map((u) => [u, SECOND] as const),
  ...['m', 'min', 'mins', 'minute', 'minutes'].map((u) => [u, MINUTE] as const),
  ...['h', 'hr', 'hrs', 'hour', 'hours'].map((u) => [u, HOUR] as const),
  ...['d', 'day', 'days'].map((u) => [u, DAY] as const),
  ...['w', 'wk', 'wks', 'week', 'weeks'].map((u) => [u, 7 * DAY] as const),
]);

export const DAY_MS = DAY;

/** Digit runs and letter runs alternate, so this cannot backtrack badly on long input. */
const COMPOUND = /^(?:\d+[a-z]+)+$/;
const PART = /(\d+)([a-z]+)/g;

/** Milliseconds in a lower-case duration word, or null when it is not one. */
export function parseDurationWord(lower: string): number | null {
  if (!COMPOUND.test(lower)) return null;
  let total = 0;
  for (const [, digits = '', unit = ''] of lower.matchAll(PART)) {
    const unitMs = UNIT_MS.get(unit);
    if (unitMs === undefined) return null;
    total += Number(digits) * unitMs;
  }
  return total;
}

/**
 * A length of time typed alone, over one word (`2h`, `1h30m`) or two (`2 hours`), and not
 * followed by `ago` (then it is a moment in the past). Null when the words are not one.
 */
export function readPureDuration(tokens: readonly { lower: string }[], at: number): { ms: number; next: number } | null {
  const word = tokens[at]?.lower ?? '';
  let found: { ms: number; next: number } | null = null;
  const single = parseDurationWord(word);
  if (single !== null) found = { ms: single, next: at + 1 };
  else if (/^\d+$/.test(word)) {
    const unit = UNIT_MS.get(tokens[at + 1]?.lower ?? '');
    if (unit !== undefined) found = { ms: Number(word) * unit, next: at + 2 };
  }
  return found !== null && tokens[found.next]?.lower !== 'ago' ? found : null;
}
