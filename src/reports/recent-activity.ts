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
 * A window as a Summary, from what the store keeps: exact `counts` of the jobs created in it,
 * causes from `failures` (its newest failures), and typical durations from `recentFinished` (the
 * newest finished jobs, any age: older ones are dropped here) and `active` (queue waits so far).
 */
export function summarizeWindow(
  window: { since: number; until: number },
  counts: StatusCounts,
  failures: readonly Job[],
  recentFinished: readonly Job[],
  active: readonly Job[],
): Summary {
  const { since, until } = window;
  const finished = recentFinished.filter((j) => j.createdAt !== null && j.createdAt >= since);
  return {
    since,
    until,
    total: totalOf(counts),
    counts: counts.counts,
    completedWithErrors: counts.completedWithErrors,
    medianQueueWaitMs: median([...finished, ...active].map(queueWaitMs).filter((v): v is number => v !== null)),
    medianRunTimeMs: median(finished.map((j) => runTimeMs(j, until)).filter((v): v is number => v !== null)),
    failures: groupFailures([...failures]),
  };
}

/** The last day as a Summary (App Home). */
export function summarizeLastDay(activity: RecentActivity, recentFinished: readonly Job[]): Summary {
  return summarizeWindow({ since: activity.now - DAY_MS, until: activity.now }, activity.day, activity.failures, recentFinished, activity.active);
}
