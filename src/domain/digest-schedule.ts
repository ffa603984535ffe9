/**
 * A channel's scheduled digest (`/hume-jobs digest daily 9:00`) and when it is due. Pure: the
 * time is an argument, and time zones come from the runtime's own zone database (Intl), so a
 * schedule set in Europe/Paris stays at 09:00 Paris time across daylight-saving changes. That
 * is why the zone is kept by name (`Europe/Paris`), never as a fixed offset.
 */
import type { Job, SourceName } from '../jobs/job';
import type { Summary } from './summary';

export type DigestCadence = 'daily' | 'weekdays' | 'weekly';

export interface DigestSchedule {
  channelId: string;
  cadence: DigestCadence;
  /** `weekly` only: 0 = Sunday … 6 = Saturday (JavaScript's getUTCDay); null otherwise. */
  weekday: number | null;
  /** Local time of day, minutes after midnight. */
  minutes: number;
  /** IANA zone name, e.g. `America/New_York`; `UTC` when the caller's zone was unknown. */
  timeZone: string;
  createdBy: string | null;
  /** When it was set: the first digest counts from here, and names this version of the schedule. */
  createdAt: number;
  /** The due time (Unix ms) of the last digest queued, null before the first. */
  lastDueAt: number | null;
  /** Where the last digest's window ended: the next one counts from here. Null before the first. */
  coveredUntil: number | null;
}

/**
 * What a scheduled digest says, as queued (reports/digest-report.ts works it out; the outbox row
 * carries it, so the message shows the period as it was, whenever Slack lets it through).
 */
export interface DigestReport {
  /** The period: when the digest was due (Unix ms). */
  dueAt: number;
  schedule: Pick<DigestSchedule, 'cadence' | 'weekday' | 'minutes' | 'timeZone'>;
  /** Whose words the message speaks (runs: no queue). */
  source: SourceName;
  summary: Summary;
  /** The longest-running jobs that finished in the window, longest first. */
  slowest: { job: Job; runMs: number }[];
  /** Durations and the slowest come from the newest finished jobs only (a very busy window). */
  sampled: boolean;
  /** Queued and running now, oldest first (a few), and how many there are in all. */
  active: Job[];
  activeCount: number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

export const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows this zone name (Slack's `tz` is IANA; a stranger one is refused). */
export function isKnownZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time in `timeZone` at instant `at`, written as if it were UTC (Unix ms). */
function wallClock(at: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall + (at % 1000 + 1000) % 1000;
}

/** Minutes east of UTC in `timeZone` at instant `at`. */
export function zoneOffsetMinutes(at: number, timeZone: string): number {
  return Math.round((wallClock(at, timeZone) - at) / MINUTE_MS);
}

/**
 * The instant at which the clocks in `timeZone` show `wall` (a wall time written as UTC ms).
 * Where DST makes that time happen twice (clocks go back), the first; where it never happens
 * (clocks go forward over it), as long after the jump as it was meant after midnight: 02:30 on a
 * spring-forward night is 03:30. (The same rule as Temporal's "compatible" disambiguation.)
 */
export function instantOfWallClock(wall: number, timeZone: string): number {
  const before = wall - zoneOffsetMinutes(wall - DAY_MS, timeZone) * MINUTE_MS;
  const after = wall - zoneOffsetMinutes(wall + DAY_MS, timeZone) * MINUTE_MS;
  const fits = [before, after].filter((t) => wallClock(t, timeZone) === wall);
  return fits.length > 0 ? Math.min(...fits) : before;
}

/** Whether a digest is due on this local day (`day`: 0 = Sunday). */
function dueOnDay(schedule: Pick<DigestSchedule, 'cadence' | 'weekday'>, day: number): boolean {
  switch (schedule.cadence) {
    case 'daily':
      return true;
    case 'weekdays':
      return day >= 1 && day <= 5;
    case 'weekly':
      return day === schedule.weekday;
  }
}

type Timing = Pick<DigestSchedule, 'cadence' | 'weekday' | 'minutes' | 'timeZone'>;

/** The due instants on the local days from `fromDay` to `toDay` days after today (in order). */
function dueTimes(schedule: Timing, now: number, fromDay: number, toDay: number): number[] {
  const today = Math.floor(wallClock(now, schedule.timeZone) / DAY_MS) * DAY_MS;
  const times: number[] = [];
  for (let d = fromDay; d <= toDay; d++) {
    const midnight = today + d * DAY_MS;
    if (dueOnDay(schedule, new Date(midnight).getUTCDay())) times.push(instantOfWallClock(midnight + schedule.minutes * MINUTE_MS, schedule.timeZone));
  }
  return times;
}

/** The latest due time at or before `now` (a week back at most: every cadence is due once a week). */
export function latestDueAt(schedule: Timing, now: number): number | null {
  return dueTimes(schedule, now, -8, 1).filter((t) => t <= now).pop() ?? null;
}

/** The first due time after `now`. */
export function nextDueAt(schedule: Timing, now: number): number {
  const next = dueTimes(schedule, now, -1, 8).find((t) => t > now);
  // Every cadence has a day in any eight: this is only here for the type.
  if (next === undefined) throw new Error(`digest schedule never due: ${JSON.stringify(schedule)}`);
  return next;
}

/**
 * The period a digest is queued for now, or null when none is due: the latest due time since the
 * schedule was set and since the last digest. A schedule missed for days (the app was down) is
 * due ONCE, for its latest period, covering everything since the last digest.
 */
export function duePeriod(schedule: DigestSchedule, now: number): number | null {
  const due = latestDueAt(schedule, now);
  if (due === null) return null;
  const after = Math.max(schedule.createdAt, schedule.lastDueAt ?? -Infinity);
  return due > after ? due : null;
}

/** The digest's window starts where the last one ended (or when the schedule was set). */
export function windowStart(schedule: DigestSchedule): number {
  return schedule.coveredUntil ?? schedule.createdAt;
}

/** `09:00` */
export function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "every day at 09:00", "weekdays at 09:00", "every Monday at 09:00" (the zone is said apart). */
export function cadenceWords(schedule: Pick<DigestSchedule, 'cadence' | 'weekday' | 'minutes'>): string {
  const at = `at ${clockText(schedule.minutes)}`;
  switch (schedule.cadence) {
    case 'daily':
      return `every day ${at}`;
    case 'weekdays':
      return `Monday to Friday ${at}`;
    case 'weekly':
      return `every ${WEEKDAY_NAMES[schedule.weekday ?? 1]} ${at}`;
  }
}

/** The outbox dedupe key: one digest per channel, per version of its schedule, per period. */
export function digestDedupeKey(schedule: Pick<DigestSchedule, 'channelId' | 'createdAt'>, dueAt: number): string {
  return `${DIGEST_KEY_PREFIX}${schedule.channelId}:${schedule.createdAt}:${dueAt}`;
}

/** What every scheduled digest's dedupe key starts with: backlog folding and snoozes leave them alone. */
export const DIGEST_KEY_PREFIX = 'schedule:';
