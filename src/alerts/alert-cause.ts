/**
 * The cause an alert is about, as *Mute this cause 4h* holds it: a failure's cause is its error
 * message with the particulars taken out (the same grouping as "failures by cause" in summaries,
 * reports/failure-groups.ts), so "Failed to download media from URL 41" and "… URL 42" are one
 * cause. Every overdue alert is one cause of its own, "overdue": a stuck queue sends many jobs
 * overdue at once, and muting them is muting that. Status changes that are not failures, and
 * digests (many jobs, many causes), have no cause and are never held by a mute.
 */
import type { Job } from '../jobs/job';
import type { AlertPayload } from '../domain/alert-payload';
import { failureCause, failureMessage } from '../reports/failure-groups';

/** The prefixes keep a failure whose message is "overdue" apart from overdue alerts. */
export const OVERDUE_CAUSE = 'overdue';
const FAILURE_PREFIX = 'failed:';

/** How long *Mute this cause 4h* holds a cause. */
export const MUTE_MS = 4 * 3600_000;

export function jobFailureCause(job: Job): string {
  return `${FAILURE_PREFIX}${failureCause(job)}`;
}

/** The cause a mute of this alert would hold, with one example message to show; null: not mutable. */
export function mutableCause(payload: AlertPayload): { cause: string; example: string } | null {
  switch (payload.type) {
    case 'job':
      return payload.change.to === 'failed' ? { cause: jobFailureCause(payload.change.job), example: failureMessage(payload.change.job) } : null;
    case 'overdue':
      return { cause: OVERDUE_CAUSE, example: OVERDUE_CAUSE };
    // A DM is one person's: mutes hold a channel's alerts.
    case 'digest':
    case 'dm':
      return null;
  }
}

/** The cause an outbox row is held by, when one of this channel's mutes names it. */
export function alertCause(payload: AlertPayload): string | null {
  return mutableCause(payload)?.cause ?? null;
}
