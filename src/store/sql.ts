/**
 * The SQL text both adapters run. SQLite (3.35+) and Postgres agree on everything the store needs
 * (ON CONFLICT upserts, RETURNING, MATERIALIZED CTEs); the only differences are row locks,
 * which SQLite does not need: its write transactions (BEGIN IMMEDIATE) already exclude other
 * writers. Parameters are `@name` (see `driver.ts`), so `@` means nothing else in this text.
 */
import type { Dialect, Stmt } from './driver';
import { stmt } from './driver';
import { FOR_UPDATE, ID_CHUNK, idList } from './sql-common';
import { endWatch } from './sql-personal';
import type { AlertPayload } from '../domain/alert-payload';
import { alertCause } from '../alerts/alert-cause';
import type { Board, CycleWrite, NewOutboxRow, Snooze, TrackedJob } from './store';

// The outbox's statements (claim, steps, refs, retries, stats) live in sql-outbox.ts.
export * from './sql-outbox';
export * from './sql-leases';

export const ping = (): Stmt => stmt('SELECT 1 AS one');

// Poller

export const getProgress = (key: string): Stmt => stmt('SELECT value FROM poller_progress WHERE key = @key', { key });

const setProgress = (key: string, value: string): Stmt =>
  stmt('INSERT INTO poller_progress (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value = excluded.value', {
    key,
    value,
  });

const JOBS = 'SELECT id, status, raw_status, snapshot, seen_at FROM job_states';

export function getJobs(ids: readonly string[]): Stmt[] {
  const unique = [...new Set(ids)];
  const stmts: Stmt[] = [];
  for (let start = 0; start < unique.length; start += ID_CHUNK) {
    const { list, params } = idList(unique.slice(start, start + ID_CHUNK));
    stmts.push(stmt(`${JOBS} WHERE id IN (${list})`, params));
  }
  return stmts;
}

export const activeJobs = (): Stmt => stmt(`${JOBS} WHERE status IN ('queued', 'running') ORDER BY id`);

export const jobsCreatedSince = (since: number): Stmt => stmt(`${JOBS} WHERE created_at >= @since ORDER BY created_at, id`, { since });

/**
 * Counts by status of the jobs created since `since`, from the (created_at, status, num_errors)
 * index alone: a busy day's board costs an index range, not 50,000 JSON parses in Node. The CTE
 * is MATERIALIZED so SQLite does not answer the GROUP BY by walking another index over every row.
 */
export const statusCountsSince = (since: number): Stmt =>
  stmt(
    `WITH recent AS MATERIALIZED (SELECT status, num_errors FROM job_states WHERE created_at >= @since)
     SELECT status, COUNT(*) AS n, SUM(CASE WHEN status = 'completed' AND num_errors > 0 THEN 1 ELSE 0 END) AS with_errors
     FROM recent GROUP BY status`,
    { since },
  );

/** The `limit` newest jobs of one status created since `since`, newest first. */
export const recentWithStatus = (status: string, since: number, limit: number): Stmt =>
  stmt(`${JOBS} WHERE status = @status AND created_at >= @since ORDER BY created_at DESC, id DESC LIMIT @limit`, { status, since, limit });

/**
 * Tracked ids that start with `prefix` (a short id from a list). `substr` rather than LIKE: exact
 * and case-sensitive on both engines, with no wildcard to escape; it reads the id index only.
 */
export const idsWithPrefix = (prefix: string, limit: number): Stmt =>
  stmt('SELECT id FROM job_states WHERE substr(id, 1, @length) = @prefix ORDER BY id LIMIT @limit', { prefix, length: prefix.length, limit });

/** Newest first by creation, through the created_at index: bounded however long the history. */
export const recentFinishedJobs = (limit: number): Stmt =>
  stmt(`${JOBS} WHERE status IN ('completed', 'failed') AND created_at IS NOT NULL ORDER BY created_at DESC, id DESC LIMIT @limit`, { limit });

const upsertJob = (job: TrackedJob): Stmt =>
  stmt(
    `INSERT INTO job_states (id, status, raw_status, snapshot, seen_at, created_at, num_errors)
     VALUES (@id, @status, @rawStatus, @snapshot, @seenAt, @createdAt, @numErrors)
     ON CONFLICT (id) DO UPDATE SET status = excluded.status, raw_status = excluded.raw_status,
       snapshot = excluded.snapshot, seen_at = excluded.seen_at, created_at = excluded.created_at, num_errors = excluded.num_errors`,
    {
      id: job.id,
      status: job.status,
      rawStatus: job.rawStatus,
      snapshot: JSON.stringify(job.snapshot),
      seenAt: job.seenAt,
      createdAt: job.snapshot.createdAt,
      numErrors: job.snapshot.numErrors,
    },
  );

/**
 * The outbox `kind` column, as migration 1 constrains it (job, digest, catchup). Readers derive
 * the kind from the payload (`outboxKind`); the column keeps the coarse value so an older replica
 * still running during a rolling upgrade reads the rows a newer one wrote.
 */
function kindColumn(payload: AlertPayload): 'job' | 'digest' | 'catchup' {
  if (payload.type !== 'digest') return 'job';
  return payload.catchUp ? 'catchup' : 'digest';
}

/**
 * A new alert is due as soon as it exists; a dedupe key seen before is silently skipped. Its
 * cause is copied out of the payload, so a mute holds it in SQL (alerts/alert-cause.ts).
 */
export const insertAlert = (row: NewOutboxRow): Stmt =>
  stmt(
    `INSERT INTO outbox (channel_id, job_id, kind, dedupe_key, payload, due_at, created_at, cause)
     VALUES (@channelId, @jobId, @kind, @dedupeKey, @payload, @createdAt, @createdAt, @cause)
     ON CONFLICT (dedupe_key) DO NOTHING`,
    {
      channelId: row.channelId,
      jobId: row.jobId,
      kind: kindColumn(row.payload),
      dedupeKey: row.dedupeKey,
      payload: JSON.stringify(row.payload),
      createdAt: row.createdAt,
      cause: alertCause(row.payload),
    },
  );

/**
 * A mark that only moves forward: the stored value is kept when it is already at or past the new
 * one, so a late or replayed commit cannot take the high-water mark back. A stored value that is
 * not an integer (never written by this app) or is past the ceiling (poisoned) is replaced.
 */
const MARK_IS_INTEGER: Record<Dialect, string> = {
  sqlite: "poller_progress.value GLOB '[0-9]*' AND NOT poller_progress.value GLOB '*[^0-9]*'",
  postgres: "poller_progress.value ~ '^[0-9]+$'",
};

const advanceMark = (dialect: Dialect, key: string, mark: { value: number; ceiling: number }): Stmt =>
  stmt(
    `INSERT INTO poller_progress (key, value) VALUES (@key, @value) ON CONFLICT (key) DO UPDATE SET value =
       CASE WHEN ${MARK_IS_INTEGER[dialect]} AND CAST(poller_progress.value AS BIGINT) >= CAST(excluded.value AS BIGINT)
         AND CAST(poller_progress.value AS BIGINT) <= @ceiling
         THEN poller_progress.value ELSE excluded.value END`,
    { key, value: String(Math.max(0, Math.trunc(mark.value))), ceiling: Math.trunc(mark.ceiling) },
  );

export const commitCycle = (dialect: Dialect, write: CycleWrite): Stmt[] => [
  ...write.upsertJobs.map(upsertJob),
  ...write.alerts.map(insertAlert),
  ...(write.endWatches ?? []).map(endWatch),
  ...Object.entries(write.progress).map(([key, value]) => setProgress(key, value)),
  ...Object.entries(write.marks ?? {}).map(([key, value]) => advanceMark(dialect, key, value)),
];

// Subscriptions and the channel's overdue limit: sql-subscriptions.ts.

export const setChannelProblem = (channelId: string, problem: { error: string; at: number } | null): Stmt =>
  problem === null
    ? stmt('DELETE FROM channel_problems WHERE channel_id = @channelId', { channelId })
    : stmt(
        `INSERT INTO channel_problems (channel_id, error, at) VALUES (@channelId, @error, @at)
         ON CONFLICT (channel_id) DO UPDATE SET error = excluded.error, at = excluded.at`,
        { channelId, error: problem.error, at: problem.at },
      );

export const channelProblems = (): Stmt => stmt('SELECT channel_id, error, at FROM channel_problems ORDER BY channel_id');

// Leases and the fence check: sql-leases.ts.

// Snoozes

const SNOOZE_COLUMNS = 'channel_id, started_at, ends_at, created_by';

/** A second `snooze` moves the end and keeps the start, so the summary covers the whole quiet time. */
export const upsertSnooze = (snooze: Snooze): Stmt =>
  stmt(
    `INSERT INTO snoozes (channel_id, started_at, ends_at, created_by) VALUES (@channelId, @startedAt, @endsAt, @createdBy)
     ON CONFLICT (channel_id) DO UPDATE SET ends_at = excluded.ends_at, created_by = excluded.created_by
     RETURNING ${SNOOZE_COLUMNS}`,
    { channelId: snooze.channelId, startedAt: snooze.startedAt, endsAt: snooze.endsAt, createdBy: snooze.createdBy },
  );

export const listSnoozes = (channelId: string | null): Stmt =>
  channelId === null
    ? stmt(`SELECT ${SNOOZE_COLUMNS} FROM snoozes ORDER BY channel_id`)
    : stmt(`SELECT ${SNOOZE_COLUMNS} FROM snoozes WHERE channel_id = @channelId`, { channelId });

export const dueSnoozes = (now: number): Stmt => stmt(`SELECT ${SNOOZE_COLUMNS} FROM snoozes WHERE ends_at <= @now ORDER BY ends_at`, { now });

/** Deleting first locks the row: a replica ending the same snooze at once finds nothing. */
export const takeSnooze = (channelId: string, at: number, onlyIfDue: boolean): Stmt =>
  stmt(`DELETE FROM snoozes WHERE channel_id = @channelId${onlyIfDue ? ' AND ends_at <= @at' : ''} RETURNING ${SNOOZE_COLUMNS}`, {
    channelId,
    ...(onlyIfDue ? { at } : {}),
  });

/**
 * The alerts a snooze held, marked done in the same statement that picks them. A row with any
 * step recorded (a deliverer began it before the snooze) or a live claim is not held: it is
 * finished as it began, never half-sent and also summed up.
 */
export const foldHeld = (channelId: string, at: number): Stmt =>
  stmt(
    `UPDATE outbox SET status = 'done', done_at = @at, steps = '{"folded":"snooze"}', claimed_by = NULL, claimed_until = NULL
     WHERE channel_id = @channelId AND status = 'pending' AND posted_ts IS NULL AND steps = '{}'
       AND (claimed_until IS NULL OR claimed_until < @at)
     RETURNING *`,
    { channelId, at },
  );

// Boards

const BOARD_COLUMNS = 'channel_id, ts, created_by, created_at, edited_at, fingerprint';

export const lockBoard = (dialect: Dialect, channelId: string): Stmt =>
  stmt(`SELECT ${BOARD_COLUMNS} FROM boards WHERE channel_id = @channelId ${FOR_UPDATE[dialect]}`, { channelId });

export const upsertBoard = (board: Board): Stmt =>
  stmt(
    `INSERT INTO boards (channel_id, ts, created_by, created_at, edited_at, fingerprint)
     VALUES (@channelId, @ts, @createdBy, @createdAt, @editedAt, @fingerprint)
     ON CONFLICT (channel_id) DO UPDATE SET ts = excluded.ts, created_by = excluded.created_by,
       created_at = excluded.created_at, edited_at = excluded.edited_at, fingerprint = excluded.fingerprint`,
    { ...board },
  );

export const listBoards = (): Stmt => stmt(`SELECT ${BOARD_COLUMNS} FROM boards ORDER BY channel_id`);

export const removeBoard = (channelId: string): Stmt =>
  stmt(`DELETE FROM boards WHERE channel_id = @channelId RETURNING ${BOARD_COLUMNS}`, { channelId });

export const boardEdited = (channelId: string, ts: string, fingerprint: string, at: number): Stmt =>
  stmt('UPDATE boards SET edited_at = @at, fingerprint = @fingerprint WHERE channel_id = @channelId AND ts = @ts RETURNING channel_id', {
    channelId,
    ts,
    fingerprint,
    at,
  });

// Retention

/** Rows per statement: each pass is a short transaction, so pruning never holds writers up. */
export const PRUNE_BATCH = 500;

/**
 * Delivered (or given-up) outbox rows finished before `before`. Rows about a job that is still
 * queued or running are kept: their dedupe keys are what stops an overdue alert from repeating.
 */
export const pruneOutbox = (status: 'done' | 'failed', before: number): Stmt =>
  stmt(
    `DELETE FROM outbox WHERE id IN (
       SELECT id FROM outbox WHERE status = @status AND done_at < @before
         AND (job_id IS NULL OR job_id NOT IN (SELECT id FROM job_states WHERE status IN ('queued', 'running')))
       LIMIT ${PRUNE_BATCH})
     RETURNING id`,
    { status, before },
  );

/** Finished jobs created before `before`: a batch of their ids, to delete with their message refs and claims. */
export const finishedJobsBefore = (before: number): Stmt =>
  stmt(`SELECT id FROM job_states WHERE status IN ('completed', 'failed') AND created_at < @before LIMIT ${PRUNE_BATCH}`, { before });

export function deleteJobs(ids: readonly string[]): Stmt[] {
  const { list, params } = idList(ids);
  return [
    stmt(`DELETE FROM message_refs WHERE job_id IN (${list})`, params),
    // Who took the job's alerts, and a lock a crashed editor left: they go with its messages.
    stmt(`DELETE FROM alert_claims WHERE job_id IN (${list})`, params),
    stmt(`DELETE FROM alert_message_locks WHERE job_id IN (${list})`, params),
    stmt(`DELETE FROM job_states WHERE id IN (${list})`, params),
  ];
}
