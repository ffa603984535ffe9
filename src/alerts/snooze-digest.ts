/**
 * What a snooze held, as one summary: the alerts the channel would have had, folded per job
 * (where it started, where it ended up), plus the overdue alerts. Pure: the store calls it
 * inside the transaction that ends the snooze, so the summary and the end are one commit.
 */
import { combineMentions } from './mentions';
import type { Job } from '../jobs/job';
import type { Snooze } from '../domain/channel';
import type { NewOutboxRow, OutboxRow } from '../domain/outbox';
import type { DigestPayload, JobChange } from '../domain/alert-payload';

/** Each job once: its first `from`, its last state. Order: when each job first changed. */
export function mergeChanges(changes: readonly JobChange[]): JobChange[] {
  const byJob = new Map<string, JobChange>();
  for (const change of changes) {
    const earlier = byJob.get(change.job.id);
    byJob.set(change.job.id, earlier ? { job: change.job, from: earlier.from, to: change.to } : change);
  }
  return [...byJob.values()];
}

/** The held rows' changes (each job once), overdue jobs and mention: what any held-alerts summary shows. */
export function collectHeld(held: readonly OutboxRow[]): { changes: JobChange[]; overdue: { job: Job; ageMs: number }[]; mention: string | null } {
  const changes: JobChange[] = [];
  const overdue = new Map<string, { job: Job; ageMs: number }>();
  const mentions: (string | null)[] = [];
  for (const row of held) {
    const payload = row.payload;
    mentions.push(payload.mention);
    switch (payload.type) {
      case 'job':
        changes.push(payload.change);
        break;
      case 'digest':
        changes.push(...payload.changes);
        for (const late of payload.overdue ?? []) overdue.set(late.job.id, late);
        break;
      case 'overdue':
        overdue.set(payload.job.id, { job: payload.job, ageMs: payload.ageMs });
        break;
      case 'dm':
        // A snooze holds a channel's rows; a DM is addressed to a person, never snoozed.
        changes.push(...payload.changes);
        break;
    }
  }
  // The subscriptions behind the rows may mention different people: each is pinged once.
  return { changes: mergeChanges(changes), overdue: [...overdue.values()], mention: combineMentions(mentions) };
}

/**
 * The summary row for a snooze that ended at `endedAt` (early, by `endedBy`, or on time when
 * null). A snooze ended early that held nothing needs no message: the command's reply says so.
 */
export function summarizeSnooze(snooze: Snooze, held: readonly OutboxRow[], endedAt: number, endedBy: string | null): NewOutboxRow | null {
  if (held.length === 0 && endedBy !== null) return null;
  const { changes, overdue, mention } = collectHeld(held);
  const payload: DigestPayload = {
    type: 'digest',
    changes,
    catchUp: false,
    mention,
    snooze: { startedAt: snooze.startedAt, endedAt, endedBy },
    overdue,
  };
  return {
    channelId: snooze.channelId,
    jobId: null,
    // One summary per snooze: its start and end name it.
    dedupeKey: `snooze:${snooze.channelId}:${snooze.startedAt}:${endedAt}`,
    payload,
    createdAt: endedAt,
  };
}
