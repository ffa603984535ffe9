/**
 * A short plain-text title for a list, from its filter: "Failed jobs since Nov 1 09:30 UTC,
 * oldest first". Times are absolute UTC, not "2h ago": the filter holds absolute bounds, and a
 * header that says "2h ago" would be wrong by the time someone pages to the next screen.
 */
import type { JobFilter } from '../jobs/filter';
import { STATUS_KINDS } from '../jobs/job';
import { orList } from '../text/or-list';

const DAY_MS = 86_400_000;

const MAX_TITLE = 120;
const MAX_USER = 24;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * "Nov 1" at a UTC midnight, else "Nov 1 09:30 UTC" (seconds only when not zero). The year is
 * shown unless `now` is given and falls in the same UTC year.
 */
export function formatUtc(ms: number, now?: number): string {
  const d = new Date(ms);
  if (Number.isNaN(d.getTime())) return String(ms);
  const sameYear = now !== undefined && new Date(now).getUTCFullYear() === d.getUTCFullYear();
  const year = sameYear ? '' : `, ${d.getUTCFullYear()}`;
  const day = `${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCDate()}${year}`;
  if (ms % DAY_MS === 0) return day;
  const seconds = d.getUTCSeconds() === 0 ? '' : `:${pad(d.getUTCSeconds())}`;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${seconds} UTC`;
}

function subject(filter: JobFilter, noun: 'jobs' | 'runs'): string {
  const kinds = STATUS_KINDS.filter((k) => filter.statuses.includes(k));
  if (kinds.length > 0 && kinds.length < STATUS_KINDS.length) {
    const words = orList(kinds);
    return `${words.charAt(0).toUpperCase()}${words.slice(1)} ${noun}`;
  }
  const bounded = filter.since !== null || filter.before !== null || filter.direction === 'asc';
  return bounded ? `${noun.charAt(0).toUpperCase()}${noun.slice(1)}` : `Recent ${noun}`;
}

/** " since Nov 1 09:30 UTC", " between … and …", " before …", or '' without a time bound. */
export function timeWindow(filter: JobFilter, now?: number): string {
  const { since, before } = filter;
  if (since !== null && before !== null) return ` between ${formatUtc(since, now)} and ${formatUtc(before, now)}`;
  if (since !== null) return ` since ${formatUtc(since, now)}`;
  return before === null ? '' : ` before ${formatUtc(before, now)}`;
}

function qualifiers(filter: JobFilter): string[] {
  const out: string[] = [];
  if (filter.mode !== null) out.push(`${filter.mode} mode`);
  if (filter.endpoint !== null) out.push(`${filter.endpoint} endpoint`);
  if (filter.userId !== null) {
    const id = filter.userId.length > MAX_USER ? `${filter.userId.slice(0, MAX_USER - 1)}…` : filter.userId;
    out.push(`user ${id}`);
  }
  if (filter.sort === 'started') out.push('by start time');
  if (filter.sort === 'ended') out.push('by end time');
  if (filter.direction === 'asc') out.push('oldest first');
  return out;
}

/** The list header: plain text (no mrkdwn), at most 120 characters, same input → same title; `noun` is the source's ("Recent runs"). */
export function describeFilter(filter: JobFilter, now?: number, noun: 'jobs' | 'runs' = 'jobs'): string {
  const title = [`${subject(filter, noun)}${timeWindow(filter, now)}`, ...qualifiers(filter)].join(', ');
  return title.length <= MAX_TITLE ? title : `${title.slice(0, MAX_TITLE - 1)}…`;
}
