/**
 * Durations as people write them in settings (POLL_INTERVAL=…): `500ms`, `10s`, `2m`, `1h`.
 * Not the /hume-jobs grammar's (commands/duration.ts: days, weeks, `1h30m`, no `ms`): a setting
 * and a typed command are read by different people, so each keeps its own narrow form.
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Milliseconds, or null when the text is not a duration. */
export function parseSettingDuration(text: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$/i.exec(text.trim());
  if (!match) return null;
  const value = Number(match[1]) * (UNIT_MS[match[2]!.toLowerCase()] ?? Number.NaN);
  return Number.isFinite(value) ? Math.round(value) : null;
}
