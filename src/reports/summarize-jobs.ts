/** `/hume-jobs summary`: counts by status, typical durations, failures by cause. Pure. */
import { completedWithErrors, queueWaitMs, runTimeMs, zeroCounts, type Job } from '../jobs/job';
import type { Summary } from '../domain/summary';
import { groupFailures } from './failure-groups';

export type { Summary } from '../domain/summary';

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export function summarize(jobs: Job[], since: number, until: number): Summary {
  const inRange = jobs.filter((j) => j.createdAt !== null && j.createdAt >= since && j.createdAt < until);
  const counts = zeroCounts();
  for (const job of inRange) counts[job.status] += 1;
  const finished = inRange.filter((j) => j.status === 'completed' || j.status === 'failed');
  return {
    since,
    until,
    total: inRange.length,
    counts,
    completedWithErrors: inRange.filter(completedWithErrors).length,
    medianQueueWaitMs: median(inRange.map(queueWaitMs).filter((v): v is number => v !== null)),
    medianRunTimeMs: median(finished.map((j) => runTimeMs(j, until)).filter((v): v is number => v !== null)),
    failures: groupFailures(inRange),
  };
}
