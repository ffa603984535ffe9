/**
 * What the board and App Home show, read from what the poller recorded: counts of the last day
 * and hour by status (from an index, not row by row), the day's newest failures for their
 * causes, and what is queued or running now. Bounded however busy the account is: a day of
 * 50,000 jobs is read in tens of milliseconds (bench: "Board refresh"). The reading lives here,
 * at the edge; reports/recent-activity.ts summarises what was read, without I/O.
 */
import type { JobStore } from '../store/store';
import { DAY_MS, HOUR_MS, summarizeLastDay, type RecentActivity } from '../reports/recent-activity';
import type { Summary } from '../reports/summarize-jobs';

/** Causes are grouped from at most this many of the day's newest failures. */
const FAILURE_SAMPLE = 1000;
/** Typical durations are medians of at most this many of the newest finished jobs. */
const DURATION_SAMPLE = 500;

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

/** The last day as a Summary (App Home), with durations from the newest finished jobs. */
export async function loadLastDaySummary(store: JobStore, activity: RecentActivity): Promise<Summary> {
  const finished = (await store.recentFinishedJobs(DURATION_SAMPLE)).map((t) => t.snapshot);
  return summarizeLastDay(activity, finished);
}
