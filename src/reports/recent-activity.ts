/**
 * The board's and App Home's view of recent work, summarised from what was read
 * (queries/recent-activity.ts reads it from the store). Pure.
 */
import { queueWaitMs, runTimeMs, type Job } from '../jobs/job';
import type { StatusCounts } from '../domain/board';
import { groupFailures } from './failure-groups';
import { median, type Summary } from './summarize-jobs';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

export interface RecentActivity {
  now: number;
  day: StatusCounts;
  hour: StatusCounts;
  /** The day's failed jobs, newest first (a bounded sample). */
  failures: Job[];
  /** Queued and running jobs, oldest first. */
  active: Job[];
}

export function totalOf(counts: StatusCounts): number {
  return Object.values(counts.counts).reduce((a, b) => a + b, 0);
}

/**
 * The last day as a Summary (App Home): exact counts, causes from the newest failures, and
 * typical durations from `recentFinished` (the newest finished jobs, any age: older ones are
 * dropped here).
 */
export function summarizeLastDay(activity: RecentActivity, recentFinished: readonly Job[]): Summary {
  const since = activity.now - DAY_MS;
  const finished = recentFinished.filter((j) => j.createdAt !== null && j.createdAt >= since);
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
