/**
 * Which channels hear about which changes: a pure function from one cycle's changes and the
 * subscriptions to outbox rows. A subscription wants a change when the job reached one of its
 * kinds, or left one (so a job it was told about is edited as it moves on, e.g. errored → live),
 * and its filters match the job. A channel gets a change when any of its subscriptions wants it:
 * one row per change and channel however many do, mentioning each of theirs once. Matching is
 * in memory, on jobs the poller already read: more subscriptions never cost a Hume request.
 */
import type { Job } from '../jobs/job';
import { matchesJob } from '../jobs/job-match';
import type { Subscription } from '../domain/channel';
import type { NewOutboxRow } from '../domain/outbox';
import type { AlertPayload, DigestPayload, JobChange, OverduePayload } from '../domain/alert-payload';
import { combineMentions } from './mentions';
import { findOverdue, type OverdueRule } from './overdue';

export interface PlanOptions {
  now: number;
  /** More alerts than this for one channel in one cycle become one digest. */
  digestThreshold: number;
  /** The cycle follows downtime: a digest is a catch-up summary. */
  catchUp: boolean;
}

/** A channel's subscriptions, channels in the order they first come. */
export function byChannel(subscriptions: readonly Subscription[]): Map<string, Subscription[]> {
  const channels = new Map<string, Subscription[]>();
  for (const sub of subscriptions) channels.set(sub.channelId, [...(channels.get(sub.channelId) ?? []), sub]);
  return channels;
}

function wants(sub: Subscription, change: JobChange): boolean {
  const kinds = sub.kinds.includes(change.to) || (change.from !== null && sub.kinds.includes(change.from));
  return kinds && matchesJob(change.job, sub.match);
}

export function planAlerts(changes: JobChange[], subscriptions: Subscription[], options: PlanOptions): NewOutboxRow[] {
  const rows: NewOutboxRow[] = [];
  for (const [channelId, subs] of byChannel(subscriptions)) {
    const wanted = changes.flatMap((change) => {
      const matching = subs.filter((sub) => wants(sub, change));
      return matching.length === 0 ? [] : [{ change, mention: combineMentions(matching.map((sub) => sub.mention)) }];
    });
    if (wanted.length === 0) continue;
    if (wanted.length > options.digestThreshold) {
      const all = wanted.map((w) => w.change);
      const payload: AlertPayload = { type: 'digest', changes: all, catchUp: options.catchUp, mention: combineMentions(wanted.map((w) => w.mention)) };
      rows.push({
        channelId,
        jobId: null,
        // The changes are committed with this row, so one cycle can never produce it twice.
        dedupeKey: `digest:${channelId}:${options.now}:${all[0]!.job.id}`,
        payload,
        createdAt: options.now,
      });
      continue;
    }
    for (const { change, mention } of wanted) {
      const payload: AlertPayload = { type: 'job', change, mention };
      rows.push({
        channelId,
        jobId: change.job.id,
        // One alert per change of a job and channel: the same change planned twice (two replicas
        // reading the same state) is queued once, while a job that comes back to a status it
        // had (completed → running → completed) is a later change and edits its message again.
        dedupeKey: `job:${change.job.id}:${change.to}:${channelId}${change.fromSeenAt === undefined ? '' : `:after:${change.fromSeenAt}`}`,
        payload,
        createdAt: options.now,
      });
    }
  }
  return rows;
}

/**
 * Overdue alerts. A channel with its own limit (`overdue 45m`) gets them past that limit, for the
 * jobs any of its subscriptions selects; one on the learnt rule gets them for the jobs selected
 * by its subscriptions that hear about trouble (subscribed to failures) or follow jobs while they
 * run; `overdue off` gets none. The limit is the channel's, not a subscription's. One per job and
 * channel, ever (the dedupe key makes sure of it), mentioning each matching subscription's once.
 */
export function planOverdue(active: readonly Job[], rule: OverdueRule | null, subscriptions: Subscription[], now: number): NewOutboxRow[] {
  const rows: NewOutboxRow[] = [];
  for (const [channelId, subs] of byChannel(subscriptions)) {
    const limitMs = subs[0]!.overdueMs;
    const followsTrouble = (sub: Subscription) => sub.kinds.includes('failed') || sub.kinds.includes('running');
    const watching = limitMs !== null ? subs : rule ? subs.filter(followsTrouble) : [];
    const thresholdMs = limitMs ?? rule?.thresholdMs ?? null;
    if (thresholdMs === null || thresholdMs === 0 || watching.length === 0) continue;
    for (const { job, ageMs } of findOverdue(active, thresholdMs, now)) {
      const matching = watching.filter((sub) => matchesJob(job, sub.match));
      if (matching.length === 0) continue;
      const mention = combineMentions(matching.map((sub) => sub.mention));
      const payload: AlertPayload = { type: 'overdue', job, ageMs, typicalMs: rule?.typicalMs ?? null, limitMs, mention };
      rows.push({ channelId, jobId: job.id, dedupeKey: `job:${job.id}:overdue:${channelId}`, payload, createdAt: now });
    }
  }
  return rows;
}

export interface FoldOptions {
  now: number;
  /** More new overdue alerts than this for one channel in one cycle become one digest. */
  digestThreshold: number;
}

/** Whether some channel has more overdue rows than the threshold: only then are they folded. */
export function mayFoldOverdue(rows: readonly NewOutboxRow[], digestThreshold: number): boolean {
  const perChannel = new Map<string, number>();
  for (const row of rows) perChannel.set(row.channelId, (perChannel.get(row.channelId) ?? 0) + 1);
  return [...perChannel.values()].some((n) => n > digestThreshold);
}

/**
 * A stalled queue sends many jobs overdue at once. A channel's new overdue alerts of one cycle,
 * when more than the digest threshold, become one digest with one mention, and each job still
 * gets its line in its own thread: its row stays, thread-only and without the mention, so its
 * dedupe key still says the job was reported here once. `reported` holds the keys queued in
 * earlier cycles: those jobs are neither listed again nor queued again.
 */
export function foldOverdue(rows: readonly NewOutboxRow[], reported: ReadonlySet<string>, options: FoldOptions): NewOutboxRow[] {
  const byChannel = new Map<string, NewOutboxRow[]>();
  for (const row of rows) {
    if (reported.has(row.dedupeKey)) continue;
    byChannel.set(row.channelId, [...(byChannel.get(row.channelId) ?? []), row]);
  }
  const folded: NewOutboxRow[] = [];
  for (const [channelId, channelRows] of byChannel) {
    if (channelRows.length <= options.digestThreshold) {
      folded.push(...channelRows);
      continue;
    }
    const payloads = channelRows.map((row) => row.payload).filter((p): p is OverduePayload => p.type === 'overdue');
    const { typicalMs, limitMs } = payloads[0]!;
    // Jobs of different subscriptions carry different mentions: the digest pings each once.
    const mention = combineMentions(payloads.map((p) => p.mention));
    const payload: DigestPayload = {
      type: 'digest',
      changes: [],
      catchUp: false,
      mention,
      overdue: payloads.map(({ job, ageMs }) => ({ job, ageMs })),
      overdueRule: { typicalMs, limitMs: limitMs ?? null },
    };
    // Committed with the per-job rows below, whose keys keep the next cycles from repeating it.
    const dedupeKey = `overdue-digest:${channelId}:${options.now}:${payloads[0]!.job.id}`;
    folded.push({ channelId, jobId: null, dedupeKey, payload, createdAt: options.now });
    for (const row of channelRows) folded.push(row.payload.type === 'overdue' ? { ...row, payload: { ...row.payload, mention: null, threadOnly: true } } : row);
  }
  return folded;
}
