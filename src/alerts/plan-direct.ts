/**
 * Which people get a DM about which changes: a pure function from one cycle's changes and what
 * people asked for (their watches and `notify me` rules) to outbox rows addressed to them,
 * committed in the same transaction as the channels' alerts, so each DM is queued exactly once.
 *
 * - A watch is told once, when its job reaches completed or failed, and ends in that commit. A
 *   watch whose job had already ended when it was started (it raced the cycle that saw the end)
 *   comes in as a finished watch and is told the same way, under the same key.
 * - A rule is told of each change that reaches one of its statuses for a job its filter matches
 *   (`mine`: the runs of the Hume user the person linked; no link, nothing). A job the person
 *   hears of by a watch in this cycle is not told twice by their rule.
 * - More than `digestThreshold` changes for one person in one cycle become one DM listing them.
 */
import type { JobChange } from '../domain/alert-payload';
import type { DirectPayload } from '../domain/alert-payload';
import { DIRECT_KEY_PREFIX, type NewOutboxRow } from '../domain/outbox';
import { ruleMatch, WATCH_ENDS, type FinishedWatch, type LinkedRule, type Watch } from '../domain/personal';
import { matchesJob } from '../jobs/job-match';

export interface DirectPlanInput {
  changes: readonly JobChange[];
  /** Watches on the jobs that changed this cycle. */
  watches: readonly Watch[];
  /** Watches whose job the store already had as finished. */
  finished: readonly FinishedWatch[];
  rules: readonly LinkedRule[];
}

export interface DirectPlanOptions {
  now: number;
  digestThreshold: number;
}

export interface DirectPlan {
  rows: NewOutboxRow[];
  /** The watches told in `rows`: they end in the same commit. */
  endWatches: { userId: string; jobId: string }[];
}

function row(userId: string, jobId: string | null, dedupeKey: string, payload: DirectPayload, now: number): NewOutboxRow {
  return { channelId: userId, jobId, dedupeKey: `${DIRECT_KEY_PREFIX}${dedupeKey}`, payload, createdAt: now };
}

function watchRow(watch: Watch, change: JobChange, seenAt: number, now: number): NewOutboxRow {
  const payload: DirectPayload = { type: 'dm', userId: watch.userId, reason: 'watch', changes: [change], mention: null };
  // The end's own time (when it was first seen): the change and the late catch-up name it alike.
  return row(watch.userId, change.job.id, `watch:${watch.userId}:${change.job.id}:${change.to}:${seenAt}`, payload, now);
}

export function planDirect(input: DirectPlanInput, options: DirectPlanOptions): DirectPlan {
  const { now, digestThreshold } = options;
  const rows: NewOutboxRow[] = [];
  const endWatches: DirectPlan['endWatches'] = [];
  /** `user job`: told by a watch in this cycle. */
  const toldByWatch = new Set<string>();
  const tell = (watch: Watch, change: JobChange, seenAt: number) => {
    const key = `${watch.userId} ${watch.jobId}`;
    if (toldByWatch.has(key)) return;
    toldByWatch.add(key);
    rows.push(watchRow(watch, change, seenAt, now));
    endWatches.push({ userId: watch.userId, jobId: watch.jobId });
  };

  const ending = input.changes.filter((c) => WATCH_ENDS.includes(c.to));
  for (const watch of input.watches) {
    const change = ending.find((c) => c.job.id === watch.jobId);
    // The cycle's new state is recorded with `now` as when it was first seen.
    if (change) tell(watch, change, now);
  }
  for (const { watch, job, seenAt } of input.finished) tell(watch, { job, from: null, to: job.status }, seenAt);

  for (const { rule, humeUserId } of input.rules) {
    const match = ruleMatch(rule, humeUserId);
    if (match === null) continue;
    const wanted = input.changes.filter(
      (c) => rule.kinds.includes(c.to) && matchesJob(c.job, match) && !toldByWatch.has(`${rule.userId} ${c.job.id}`),
    );
    if (wanted.length === 0) continue;
    if (wanted.length > digestThreshold) {
      const payload: DirectPayload = { type: 'dm', userId: rule.userId, reason: 'rule', changes: wanted, mention: null };
      rows.push(row(rule.userId, null, `rule-digest:${rule.userId}:${now}:${wanted[0]!.job.id}`, payload, now));
      continue;
    }
    for (const change of wanted) {
      const payload: DirectPayload = { type: 'dm', userId: rule.userId, reason: 'rule', changes: [change], mention: null };
      // As a channel alert's key: a job that comes back to a status it had is a later change.
      const after = change.fromSeenAt === undefined ? '' : `:after:${change.fromSeenAt}`;
      rows.push(row(rule.userId, change.job.id, `rule:${rule.userId}:${change.job.id}:${change.to}${after}`, payload, now));
    }
  }
  return { rows, endWatches };
}
