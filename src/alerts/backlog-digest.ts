/**
 * A channel's backlog, folded into one digest. Slack takes about one message a second per
 * channel, so a channel with more alerts waiting than a few seconds' worth would fall further
 * and further behind: delivery folds what waits (job alerts, thread lines, overdue alerts and
 * earlier digests) into one digest. Each job once, with its first `from` and its last state; a
 * job that went overdue and then changed is shown by its change. Pure: the store calls it inside
 * the transaction that marks the folded rows done, so the fold and the digest are one commit.
 */
import type { Job } from '../jobs/job';
import type { DigestPayload, JobChange } from '../domain/alert-payload';
import type { NewOutboxRow, OutboxRow } from '../domain/outbox';
import { mergeChanges } from './snooze-digest';

/** The digest for `rows` (one channel's, oldest first), queued at `at`. */
export function foldBacklog(channelId: string, rows: readonly OutboxRow[], at: number): NewOutboxRow {
  const changes: JobChange[] = [];
  const overdue = new Map<string, { job: Job; ageMs: number }>();
  let mention: string | null = null;
  let overdueRule: DigestPayload['overdueRule'];
  const changed = (jobId: string) => overdue.delete(jobId);
  for (const row of rows) {
    const payload = row.payload;
    mention = payload.mention ?? mention;
    switch (payload.type) {
      case 'job':
        changes.push(payload.change);
        changed(payload.change.job.id);
        break;
      case 'digest':
        changes.push(...payload.changes);
        for (const change of payload.changes) changed(change.job.id);
        for (const late of payload.overdue ?? []) overdue.set(late.job.id, late);
        overdueRule ??= payload.overdueRule;
        break;
      case 'overdue':
        // Only a thread line for a job an overdue digest told already: saying it again would repeat it.
        if (payload.threadOnly) break;
        overdue.set(payload.job.id, { job: payload.job, ageMs: payload.ageMs });
        overdueRule ??= { typicalMs: payload.typicalMs, limitMs: payload.limitMs ?? null };
        break;
    }
  }
  const merged = mergeChanges(changes);
  const payload: DigestPayload = {
    type: 'digest',
    changes: merged,
    catchUp: false,
    mention,
    ...(overdue.size > 0 ? { overdue: [...overdue.values()] } : {}),
    // Only a digest of overdue jobs alone says why they count as overdue.
    ...(merged.length === 0 && overdueRule ? { overdueRule } : {}),
  };
  const ids = rows.map((row) => row.id);
  return {
    channelId,
    jobId: null,
    // Named by the rows it folds: the same rows can never be folded into two digests.
    dedupeKey: `backlog:${channelId}:${Math.min(...ids)}-${Math.max(...ids)}:${ids.length}`,
    payload,
    createdAt: at,
  };
}
