/**
 * Text helpers for Slack mrkdwn. Everything that came from Hume or from a user passes through
 * `escapeMrkdwn` (usually via `clip` or `code`) before it reaches a text object, so a file called
 * `<!channel>` is shown, never broadcast (docs.slack.dev messaging/formatting-message-text: escape `&`, `<`, `>`).
 */

/** The one character the builders append when they shorten a text. */
export const ELLIPSIS = '…';

/**
 * Escapes Slack's three control characters and nothing else: other HTML entities are not
 * decoded by Slack and would show literally. `&` goes first so the entities we add stay intact.
 */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ENTITIES = ['&amp;', '&lt;', '&gt;'] as const;
const LONGEST_ENTITY = 5;

/**
 * Moves a cut position back so it splits neither a surrogate pair, nor an escape entity, nor one
 * of our own `<…>` tokens (dates): half an entity or token would render as garbage.
 */
function safeCut(s: string, cut: number): number {
  let at = cut;
  const before = s.charCodeAt(at - 1);
  if (at > 0 && before >= 0xd800 && before <= 0xdbff) at -= 1;
  const amp = at > 0 ? s.lastIndexOf('&', at - 1) : -1;
  if (amp >= 0 && amp > at - LONGEST_ENTITY) {
    for (const entity of ENTITIES) {
      if (s.startsWith(entity, amp) && amp + entity.length > at) at = amp;
    }
  }
  const open = at > 0 ? s.lastIndexOf('<', at - 1) : -1;
  if (open >= 0 && s.lastIndexOf('>', at - 1) < open) at = open;
  return at;
}

/**
 * Shortens `s` to at most `n` UTF-16 units (Slack's limits count at least that many), ending
 * with an ellipsis. Meant for text that is already escaped.
 */
export function truncate(s: string, n: number): string {
  if (s.length <= n) return s;
  if (n <= 0) return '';
  return s.slice(0, safeCut(s, n - ELLIPSIS.length)) + ELLIPSIS;
}

/** Collapses line breaks and runs of spaces: list lines must stay one line each. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

/** Untrusted text for a one-line mrkdwn slot: flattened, escaped, then shortened. */
export function clip(raw: string, max: number): string {
  return truncate(escapeMrkdwn(oneLine(raw)), max);
}

/**
 * Untrusted text as inline code. Code spans stop Slack's bold and italic parsing and URL
 * auto-linking, which escaping cannot; a backtick inside would end the span, so it becomes `'`.
 */
export function code(raw: string, max: number): string {
  const inner = clip(raw.replace(/`/g, "'"), Math.max(1, max - 2));
  return inner === '' ? '(empty)' : '`' + inner + '`';
}

/** Which readable UTC text a date token falls back to when a client cannot render it. */
export type DateFallbackStyle = 'date' | 'minutes' | 'seconds';

export const DATE_AND_TIME = '{date_short_pretty} at {time}';
/** Largest magnitude a JS Date accepts; beyond it `toISOString` throws. */
const MAX_DATE_MS = 8.64e15;

/**
 * A Slack date token, so every reader sees the time in their own zone
 * (`<!date^1764321240^{date_short_pretty} at {time}|2026-11-28 09:14 UTC>`).
 * Characters that would end the token early are removed from `format`.
 */
export function slackDate(
  ms: number,
  format: string = DATE_AND_TIME,
  fallbackStyle: DateFallbackStyle = 'minutes',
): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_DATE_MS) return 'an unknown time';
  const seconds = Math.floor(ms / 1000);
  const iso = new Date(seconds * 1000).toISOString();
  const day = iso.slice(0, 10);
  const fallback =
    fallbackStyle === 'date'
      ? day
      : `${day} ${iso.slice(11, fallbackStyle === 'seconds' ? 19 : 16)} UTC`;
  const safeFormat = format.replace(/[<>|^]/g, '') || DATE_AND_TIME;
  return `<!date^${seconds}^${safeFormat}|${fallback}>`;
}

/** Each unit with the one below it, largest first. */
const DURATION_STEPS: readonly (readonly [number, string, number, string])[] = [
  [24 * 3600, 'd', 3600, 'h'],
  [3600, 'h', 60, 'min'],
  [60, 'min', 1, 's'],
];

/**
 * A duration in the two largest units that matter: "850 ms", "42 s", "3 min 5 s", "2 h 4 min",
 * "3 d 2 h". Units are floored so a job that ran 59.9 s never reads "1 min".
 */
export function formatDuration(ms: number): string {
  if (Number.isNaN(ms)) return 'unknown';
  if (ms === Infinity) return 'forever';
  const total = Math.max(0, Math.round(ms));
  if (total < 1000) return `${total} ms`;
  const seconds = Math.floor(total / 1000);
  for (const [size, name, subSize, subName] of DURATION_STEPS) {
    if (seconds < size) continue;
    const major = Math.floor(seconds / size);
    const minor = Math.floor((seconds % size) / subSize);
    return minor > 0 ? `${major} ${name} ${minor} ${subName}` : `${major} ${name}`;
  }
  return `${seconds} s`;
}

/** "1 error", "3 errors", "1,000,000 predictions". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * Joins lines into at most `maxChars`, ending with "and N more" when some are left out, so a
 * long list is capped honestly instead of being cut mid-line. `total` counts lines the caller
 * already left out before rendering.
 */
export function packLines(lines: readonly string[], maxChars: number, total: number = lines.length): string {
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i] ?? '';
    const leftAfter = total - (i + 1);
    const reserve = leftAfter > 0 ? moreLine(leftAfter).length + 1 : 0;
    const cost = (kept.length > 0 ? 1 : 0) + line.length;
    if (used + cost + reserve > maxChars) break;
    kept.push(line);
    used += cost;
  }
  if (kept.length < total) kept.push(moreLine(total - kept.length));
  return kept.join('\n');
}

function moreLine(n: number): string {
  return `and ${n} more`;
}

/** Slack user ids (`U…`, `W…` for Enterprise Grid); anything else is shown as text, never as a mention. */
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;

/** `<@U123>` for a real user id (Slack shows the name), escaped text for anything else. */
export function userLink(userId: string): string {
  return USER_ID.test(userId) ? `<@${userId}>` : clip(userId, 40);
}
