/**
 * What a summary of a window of jobs says (`/hume-jobs summary`, App Home, scheduled digests):
 * counts by status, typical durations, failures by cause. The domain's type, so an outbox
 * payload (a scheduled digest) can carry one; reports/ works them out.
 */
import type { StatusKind } from '../jobs/job';

/** Failures of one cause. */
export interface FailureGroup {
  /** One real message of the group, as Hume sent it (escape before showing). */
  example: string;
  count: number;
  jobIds: string[];
}

export interface Summary {
  since: number;
  until: number;
  total: number;
  counts: Record<StatusKind, number>;
  completedWithErrors: number;
  medianQueueWaitMs: number | null;
  medianRunTimeMs: number | null;
  failures: FailureGroup[];
}
