/**
 * What a scheduled digest counts, read from what the poller recorded (no Hume call): counts of
 * the window's jobs by status from an index, its newest failures, the newest finished jobs and
 * what is active now. Bounded however long the window: a week of 50,000 jobs a day costs the
 * same few reads as the board (retention keeps finished jobs for 30 days, longer than any window).
 */
import type { DigestActivity } from '../reports/digest-report';
import type { JobStore } from '../store/store';

/** Causes are grouped from at most this many of the window's newest failures. */
const FAILURE_SAMPLE = 1000;
/** Durations and the slowest jobs come from at most this many of the newest finished jobs. */
const FINISHED_SAMPLE = 2000;

export async function loadDigestActivity(store: JobStore, since: number): Promise<DigestActivity> {
  const [counts, failures, finished, active] = await Promise.all([
    store.statusCountsSince(since),
    store.recentWithStatus('failed', since, FAILURE_SAMPLE),
    store.recentFinishedJobs(FINISHED_SAMPLE),
    store.activeJobs(),
  ]);
  return {
    counts,
    failures: failures.map((t) => t.snapshot),
    finished: finished.map((t) => t.snapshot),
    finishedCapped: finished.length === FINISHED_SAMPLE,
    active: active.map((t) => t.snapshot),
  };
}
