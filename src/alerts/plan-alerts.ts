/**
 * Which channels hear about which changes: a pure function from one cycle's changes and the
 * subscriptions to outbox rows. A channel gets a change when the job reached one of its kinds,
 * or left one (so a job it was told about is edited as it moves on, e.g. errored → live).
 */
import type { Job } from '../jobs/job';
import type { Subscription, NewOutboxRow } from '../store/store';
import type { AlertPayload, JobChange } from './alert-payload';
import { findOverdue, type OverdueRule } from './overdue';

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
        // One alert per change of a job and channel: the same change planned twice (two replicas
        // reading the same state) is queued once, while a job that comes back to a status it
        // had (completed → running → completed) is a later change and edits its message again.
        dedupeKey: `job:${change.job.id}:${change.to}:${sub.channelId}${change.fromSeenAt === undefined ? '' : `:after:${change.fromSeenAt}`}`,
        payload,
        createdAt: options.now,
      });
    }
  }
  return rows;
}

/**
 * Overdue alerts. A channel with its own limit (`overdue 45m`) gets them past that limit; one
 * on the learnt rule gets them when it hears about trouble (subscribed to failures) or follows
 * jobs while they run; `overdue off` gets none. One per job and channel, ever: the dedupe key
 * makes sure of it.
 */
export function planOverdue(active: readonly Job[], rule: OverdueRule | null, subscriptions: Subscription[], now: number): NewOutboxRow[] {
  const rows: NewOutboxRow[] = [];
  for (const sub of subscriptions) {
    const followsTrouble = sub.kinds.includes('failed') || sub.kinds.includes('running');
    const thresholdMs = sub.overdueMs ?? (rule && followsTrouble ? rule.thresholdMs : null);
    if (thresholdMs === null || thresholdMs === 0) continue;
    for (const { job, ageMs } of findOverdue(active, thresholdMs, now)) {
      const payload: AlertPayload = { type: 'overdue', job, ageMs, typicalMs: rule?.typicalMs ?? null, limitMs: sub.overdueMs, mention: sub.mention };
      rows.push({ channelId: sub.channelId, jobId: job.id, kind: 'job', dedupeKey: `job:${job.id}:overdue:${sub.channelId}`, payload, createdAt: now });
    }
  }
  return rows;
}
