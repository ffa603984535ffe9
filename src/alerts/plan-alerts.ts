/**
 * Which channels hear about which changes: a pure function from one cycle's changes and the
 * subscriptions to outbox rows. A channel gets a change when the job reached one of its kinds,
 * or left one (so a job it was told about is edited as it moves on, e.g. errored → live).
 */
import type { Job } from '../jobs/job';
import type { Subscription, NewOutboxRow } from '../store/store';
import type { AlertPayload, JobChange } from './alert-payload';

export interface PlanOptions {
  now: number;
  /** More alerts than this for one channel in one cycle become one digest. */
  digestThreshold: number;
  /** The cycle follows downtime: a digest is a catch-up summary. */
  catchUp: boolean;
}

export function planAlerts(changes: JobChange[], subscriptions: Subscription[], options: PlanOptions): NewOutboxRow[] {
  const rows: NewOutboxRow[] = [];
  for (const sub of subscriptions) {
    const wanted = changes.filter((c) => sub.kinds.includes(c.to) || (c.from !== null && sub.kinds.includes(c.from)));
    if (wanted.length === 0) continue;
    if (wanted.length > options.digestThreshold) {
      const payload: AlertPayload = { type: 'digest', changes: wanted, catchUp: options.catchUp, mention: sub.mention };
      rows.push({
        channelId: sub.channelId,
        jobId: null,
        kind: options.catchUp ? 'catchup' : 'digest',
        // The changes are committed with this row, so one cycle can never produce it twice.
        dedupeKey: `digest:${sub.channelId}:${options.now}:${wanted[0]!.job.id}`,
        payload,
        createdAt: options.now,
      });
      continue;
    }
    for (const change of wanted) {
      const payload: AlertPayload = { type: 'job', change, mention: sub.mention };
      rows.push({
        channelId: sub.channelId,
        jobId: change.job.id,
        kind: 'job',
        // One alert per job, status and channel: a failure that comes back (runs' errored → live
        // → errored) is never alerted twice.
        dedupeKey: `job:${change.job.id}:${change.to}:${sub.channelId}`,
        payload,
        createdAt: options.now,
      });
    }
  }
  return rows;
}

/**
 * Overdue alerts go to channels that hear about trouble (subscribed to failures) or follow jobs
 * while they run. One per job and channel, ever: the dedupe key makes sure of it.
 */
export function planOverdue(overdue: { job: Job; ageMs: number }[], typicalMs: number, subscriptions: Subscription[], now: number): NewOutboxRow[] {
  const rows: NewOutboxRow[] = [];
  for (const sub of subscriptions) {
    if (!sub.kinds.includes('failed') && !sub.kinds.includes('running')) continue;
    for (const { job, ageMs } of overdue) {
      const payload: AlertPayload = { type: 'overdue', job, ageMs, typicalMs, mention: sub.mention };
      rows.push({ channelId: sub.channelId, jobId: job.id, kind: 'job', dedupeKey: `job:${job.id}:overdue:${sub.channelId}`, payload, createdAt: now });
    }
  }
  return rows;
}
