/**
 * A channel's backlog, folded into one digest. Slack takes about one message a second per
 * channel, so a channel with more alerts waiting than a few seconds' worth would fall further
 * and further behind: delivery folds what waits (job alerts, thread lines, overdue alerts and
 * earlier digests) into one digest. Each job once, with its first `from` and its last state; a
 * job that went overdue and then changed is shown by its change. Pure: the store calls it inside
 * the transaction that marks the folded rows done, so the fold and the digest are one commit.
 */
import { combineMentions } from './mentions';
import type { Job } from '../jobs/job';
import type { DigestPayload, DirectPayload, JobChange } from '../domain/alert-payload';
import { DIRECT_KEY_PREFIX, type NewOutboxRow, type OutboxRow } from '../domain/outbox';
import { mergeChanges } from './snooze-digest';

/**
 * Jobs one backlog digest holds: as many as a digest message lists by name (DIGEST_LISTED in
 * messages/alerts.ts), so every job folded is named in Slack, not only counted.
 */
export const BACKLOG_DIGEST_JOBS = 15;

/** The jobs a row is about. */
function jobsOf(row: OutboxRow): string[] {
  const { payload } = row;
  if (payload.type === 'job') return [payload.change.job.id];
  if (payload.type === 'overdue') return [payload.job.id];
  if (payload.type === 'dm') return payload.changes.map((c) => c.job.id);
  return [...payload.changes.map((c) => c.job.id), ...(payload.overdue ?? []).map((o) => o.job.id)];
}

/**
 * `rows` (one channel's, oldest first) in runs of at most `maxJobs` jobs each, in order. A row
 * joins the current run when it fits or is about a job the run holds already; a job whose rows
 * fall into two runs has two changes, each told once, the later one by the later digest.
 */
export function chunkBacklog(rows: readonly OutboxRow[], maxJobs = BACKLOG_DIGEST_JOBS): OutboxRow[][] {
  const runs: OutboxRow[][] = [];
  let run: OutboxRow[] = [];
  let jobs = new Set<string>();
  for (const row of rows) {
    const fresh = jobsOf(row).filter((id) => !jobs.has(id));
    if (run.length > 0 && fresh.length > 0 && jobs.size + fresh.length > maxJobs) {
      runs.push(run);
      run = [];
      jobs = new Set();
    }
    run.push(row);
    for (const id of jobsOf(row)) jobs.add(id);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/** The digests for `rows` (one channel's, oldest first), queued at `at`: one per run of jobs. */
export function foldBacklog(channelId: string, rows: readonly OutboxRow[], at: number): NewOutboxRow[] {
  return chunkBacklog(rows).map((run) => (run.every((row) => row.payload.type === 'dm') ? foldDirect(channelId, run, at) : foldRun(channelId, run, at)));
}

/** Rows that fold together, named by the rows: the same rows can never be folded into two. */
function foldKey(prefix: string, channelId: string, rows: readonly OutboxRow[]): string {
  const ids = rows.map((row) => row.id);
  return `${prefix}${channelId}:${Math.min(...ids)}-${Math.max(...ids)}:${ids.length}`;
}

/**
 * A person's DMs waiting behind each other (their address is their user id): one DM listing the
 * jobs, each once with its first `from` and its last state, still addressed to them.
 */
function foldDirect(userId: string, rows: readonly OutboxRow[], at: number): NewOutboxRow {
  const payloads = rows.map((row) => row.payload).filter((p): p is DirectPayload => p.type === 'dm');
  const payload: DirectPayload = {
    type: 'dm',
    userId,
    reason: payloads.every((p) => p.reason === 'watch') ? 'watch' : 'rule',
    changes: mergeChanges(payloads.flatMap((p) => p.changes)),
    mention: null,
  };
  return { channelId: userId, jobId: null, dedupeKey: foldKey(`${DIRECT_KEY_PREFIX}backlog:`, userId, rows), payload, createdAt: at };
}

function foldRun(channelId: string, rows: readonly OutboxRow[], at: number): NewOutboxRow {
  const changes: JobChange[] = [];
  const overdue = new Map<string, { job: Job; ageMs: number }>();
  const mentions: (string | null)[] = [];
  let overdueRule: DigestPayload['overdueRule'];
  const changed = (jobId: string) => overdue.delete(jobId);
  for (const row of rows) {
    const payload = row.payload;
    mentions.push(payload.mention);
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
      case 'dm':
        // A person's DMs fold on their own (foldDirect): a channel never holds one.
        changes.push(...payload.changes);
        break;
    }
  }
  const merged = mergeChanges(changes);
  const payload: DigestPayload = {
    type: 'digest',
    changes: merged,
    catchUp: false,
    // The subscriptions behind the rows may mention different people: each is pinged once.
    mention: combineMentions(mentions),
    ...(overdue.size > 0 ? { overdue: [...overdue.values()] } : {}),
    // Only a digest of overdue jobs alone says why they count as overdue.
    ...(merged.length === 0 && overdueRule ? { overdueRule } : {}),
  };
  return {
    channelId,
    jobId: null,
    // Named by the rows it folds: the same rows can never be folded into two digests.
    dedupeKey: foldKey('backlog:', channelId, rows),
    payload,
    createdAt: at,
  };
}
