/**
 * What a scheduled digest says, worked out when it is queued (so the message shows the period as
 * it was, whenever Slack lets it through): counts by status of the jobs created since the last
 * digest, typical durations, failures by cause, the slowest jobs, and what is queued or running
 * now. Pure, from what the store keeps (queries/digest-activity.ts reads it). Bounded: a few
 * jobs of each list, and a few ids per cause, so the outbox row stays small.
 */
import { runTimeMs, type Job, type SourceName } from '../jobs/job';
import type { StatusCounts } from '../domain/board';
import type { DigestReport } from '../domain/digest-schedule';
import { summarizeWindow } from './recent-activity';

/** Slowest jobs shown, jobs shown as running now, causes kept, ids kept per cause. */
export const DIGEST_SLOWEST = 5;
export const DIGEST_ACTIVE = 8;
const CAUSES_KEPT = 10;
const IDS_PER_CAUSE = 3;

export interface DigestActivity {
  /** Jobs created since the window's start, by status. */
  counts: StatusCounts;
  /** The window's newest failed jobs (a bounded sample), for their causes. */
  failures: Job[];
  /** The newest finished jobs (any age, a bounded sample), for durations and the slowest. */
  finished: Job[];
  /** Whether `finished` is cut short: more jobs finished than were read. */
  finishedCapped: boolean;
  /** Queued and running now. */
  active: Job[];
}

export function buildDigestReport(
  schedule: DigestReport['schedule'],
  source: SourceName,
  window: { dueAt: number; since: number; until: number },
  activity: DigestActivity,
): DigestReport {
  const { since, until, dueAt } = window;
  const summary = summarizeWindow({ since, until }, activity.counts, activity.failures, activity.finished, activity.active);
  const inWindow = activity.finished.filter((j) => j.createdAt !== null && j.createdAt >= since && j.createdAt < until);
  const slowest = inWindow
    .map((job) => ({ job, runMs: runTimeMs(job, until) }))
    // A job that ended as it started (failed at once) is not slow, whatever else was faster.
    .filter((s): s is { job: Job; runMs: number } => s.runMs !== null && s.runMs > 0)
    .sort((a, b) => b.runMs - a.runMs || a.job.id.localeCompare(b.job.id))
    .slice(0, DIGEST_SLOWEST);
  const oldest = [...activity.active].sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0) || a.id.localeCompare(b.id));
  return {
    dueAt,
    schedule: { cadence: schedule.cadence, weekday: schedule.weekday, minutes: schedule.minutes, timeZone: schedule.timeZone },
    source,
    summary: { ...summary, failures: summary.failures.slice(0, CAUSES_KEPT).map((g) => ({ ...g, jobIds: g.jobIds.slice(0, IDS_PER_CAUSE) })) },
    slowest,
    // Every finished job of the window was read unless the sample is cut and reaches back no further than the window.
    sampled: activity.finishedCapped && inWindow.length === activity.finished.length,
    active: oldest.slice(0, DIGEST_ACTIVE),
    activeCount: oldest.length,
  };
}
