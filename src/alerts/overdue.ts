/**
 * Overdue jobs: queued or running much longer than this account's recent jobs usually take.
 * "Usually" is learnt from recent finished jobs (time from creation to end), so a team whose jobs
 * take hours is not paged about a 20-minute one, and one whose jobs take seconds hears quickly.
 */
import { median } from '../reports/summarize-jobs';
import type { Job } from '../jobs/job';

export interface OverdueRule {
  /** A job older than this (ms since creation) and not finished is overdue. */
  thresholdMs: number;
  /** What is typical (median time from creation to end), for the alert's wording. */
  typicalMs: number;
}

/** Fewer recent jobs than this say too little about what is usual: no overdue alerts yet. */
export const MIN_SAMPLES = 10;
/** Never call a job overdue before it is this old, however quick jobs usually are. */
export const MIN_THRESHOLD_MS = 60_000;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** The rule learnt from recent finished jobs: three times the median, and past the 95th percentile. */
export function overdueRule(finished: readonly Job[]): OverdueRule | null {
  const durations = finished
    .filter((j) => (j.status === 'completed' || j.status === 'failed') && j.createdAt !== null && j.endedAt !== null)
    .map((j) => j.endedAt! - j.createdAt!)
    .filter((ms) => ms >= 0)
    .sort((a, b) => a - b);
  if (durations.length < MIN_SAMPLES) return null;
  const typicalMs = median(durations)!;
  return { typicalMs, thresholdMs: Math.max(MIN_THRESHOLD_MS, 3 * typicalMs, percentile(durations, 95)) };
}

/** What is usual is learnt from at most this many recent finished jobs: bounded cost and memory. */
export const OVERDUE_SAMPLE = 500;
const HISTORY_MS = 7 * 86_400_000;

/** The rule from recent finished jobs (newest first, as the store gives them), counting only the last week. */
export function overdueRuleAt(recentFinished: readonly Job[], now: number): OverdueRule | null {
  return overdueRule(recentFinished.filter((j) => j.createdAt !== null && j.createdAt >= now - HISTORY_MS));
}

/** Active jobs older than `thresholdMs` (since creation), with how long they have been waiting or running. */
export function findOverdue(active: readonly Job[], thresholdMs: number, now: number): { job: Job; ageMs: number }[] {
  return active
    .filter((j) => (j.status === 'queued' || j.status === 'running') && j.createdAt !== null)
    .map((job) => ({ job, ageMs: now - job.createdAt! }))
    .filter(({ ageMs }) => ageMs > thresholdMs);
}
