/**
 * What the board and App Home show, read from what the poller recorded: counts of the last day
 * and hour by status (from an index, not row by row), the day's newest failures for their
 * causes, and what is queued or running now. Bounded however busy the account is: a day of
 * 50,000 jobs is read in tens of milliseconds (bench: "Board refresh").
 */
import { queueWaitMs, runTimeMs, type Job } from '../jobs/job';
import type { StatusCounts } from '../domain/board';
import type { JobStore } from '../store/store';
import { groupFailures } from './failure-groups';
import { median, type Summary } from './summary';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Causes are grouped from at most this many of the day's newest failures. */
const FAILURE_SAMPLE = 1000;
/** Typical durations are medians of at most this many of the newest finished jobs. */
const DURATION_SAMPLE = 500;

export interface RecentActivity {
  now: number;
  day: StatusCounts;
  hour: StatusCounts;
  /** The day's failed jobs, newest first (at most FAILURE_SAMPLE). */
  failures: Job[];
  /** Queued and running jobs, oldest first. */
  active: Job[];
}

export async function loadRecentActivity(store: JobStore, now: number): Promise<RecentActivity> {
  const [day, hour, failures, active] = await Promise.all([
    store.statusCountsSince(now - DAY_MS),
    store.statusCountsSince(now - HOUR_MS),
    store.recentWithStatus('failed', now - DAY_MS, FAILURE_SAMPLE),
    store.activeJobs(),
  ]);
  return {
    now,
    day,
    hour,
    failures: failures.map((t) => t.snapshot),
    active: active.map((t) => t.snapshot).sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0)),
  };
}

export function totalOf(counts: StatusCounts): number {
  return Object.values(counts.counts).reduce((a, b) => a + b, 0);
}

/**
 * The last day as a Summary (App Home): exact counts, causes from the newest failures, and
 * typical durations from the newest finished jobs of the day.
 */
export async function summarizeLastDay(store: JobStore, activity: RecentActivity): Promise<Summary> {
  const since = activity.now - DAY_MS;
  const finished = (await store.recentFinishedJobs(DURATION_SAMPLE)).map((t) => t.snapshot).filter((j) => j.createdAt !== null && j.createdAt >= since);
  return {
    since,
    until: activity.now,
    total: totalOf(activity.day),
    counts: activity.day.counts,
    completedWithErrors: activity.day.completedWithErrors,
    medianQueueWaitMs: median([...finished, ...activity.active].map(queueWaitMs).filter((v): v is number => v !== null)),
    medianRunTimeMs: median(finished.map((j) => runTimeMs(j, activity.now)).filter((v): v is number => v !== null)),
    failures: groupFailures(activity.failures),
  };
}
