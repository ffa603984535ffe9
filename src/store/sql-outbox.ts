/**
 * The outbox's SQL: claiming rows in order per job and channel, recording each Slack write, the
 * message refs with the version they show, retries, given-up rows and the counts metrics read.
 * Parameters are `@name` (see `driver.ts`).
 */
import type { Dialect, Stmt } from './driver';
import { stmt } from './driver';
import { FOR_UPDATE, ID_CHUNK, idList, NOT_HELD, NOT_MUTED, SKIP_LOCKED } from './sql-common';
import type { MessageRef } from './store';
/** How delivery wants its rows: `perChannel` at most per channel, and none of a channel still in flight. */
export interface ClaimShape {
  perChannel: number;
  /** Skip channels that have a row claimed and not yet finished (delivery's per-channel lanes). */
  idleChannelsOnly: boolean;
}

/** The app's own health (domain/ops.ts OPS_KEY_PREFIX): never held by a snooze, never folded into a digest. */
export const IS_OPS_ROW = "o.dedupe_key LIKE 'ops:%'";

/**
 * Picks the due, unleased rows first and updates only those. The CTEs are MATERIALIZED so each
 * pick is evaluated once. Two rules keep a job's message in step with the job:
 * - a row about a job is not claimable while an earlier row (lower id: queued earlier) about the
 *   same job in the same channel is still pending, claimed or waiting to be retried, so a job's
 *   alerts in a channel are applied in the order they happened;
 * - with `idleChannelsOnly`, a channel whose rows are in flight gets no more until they are
 *   done, so each channel is delivered by one lane at a time, in order.
 * `perChannel` (a window per channel) stops one busy channel from taking the whole batch.
 * A snooze holds job alerts, not the app's own health (`ops:` rows, domain/ops.ts): those go on.
 * The window is computed apart from the locking pick (Postgres refuses FOR UPDATE next to window
 * functions), so the UPDATE checks the lease again: a row another claimer took after this
 * statement's snapshot fails that check and is left out.
 * RETURNING has no defined order: the caller sorts.
 */
export const claimOutbox = (dialect: Dialect, now: number, limit: number, owner: string, leaseMs: number, shape: ClaimShape): Stmt =>
  stmt(
    `WITH candidates AS MATERIALIZED (
       SELECT o.id, o.created_at, ROW_NUMBER() OVER (PARTITION BY o.channel_id ORDER BY o.created_at, o.id) AS lane_rank
       FROM outbox o
       WHERE o.status = 'pending' AND o.due_at <= @now AND (o.claimed_until IS NULL OR o.claimed_until < @now)
         AND o.channel_id NOT IN (SELECT channel_id FROM channel_problems)
         AND (o.channel_id NOT IN (SELECT channel_id FROM snoozes) OR ${IS_OPS_ROW}) AND ${NOT_MUTED}
         ${shape.idleChannelsOnly ? "AND o.channel_id NOT IN (SELECT channel_id FROM outbox WHERE status = 'pending' AND claimed_until >= @now)" : ''}
         AND (o.job_id IS NULL OR NOT EXISTS (
           SELECT 1 FROM outbox e WHERE e.channel_id = o.channel_id AND e.job_id = o.job_id AND e.status = 'pending' AND e.id < o.id))
     ),
     picked AS MATERIALIZED (
       SELECT id FROM outbox WHERE id IN (SELECT id FROM candidates WHERE lane_rank <= @perChannel)
       ORDER BY created_at, id LIMIT @limit ${SKIP_LOCKED[dialect]}
     )
     UPDATE outbox SET claimed_by = @owner, claimed_until = @until, attempts = attempts + 1
     WHERE id IN (SELECT id FROM picked) AND status = 'pending' AND (claimed_until IS NULL OR claimed_until < @now)
     RETURNING *`,
    // `until` is computed here: Postgres cannot infer a type for `@now + @leaseMs`.
    { now, limit, owner, until: now + leaseMs, perChannel: shape.perChannel },
  );

export const lockSteps = (dialect: Dialect, id: number): Stmt => stmt(`SELECT steps FROM outbox WHERE id = @id ${FOR_UPDATE[dialect]}`, { id });

/** `postedTs` null leaves posted_ts as it was. */
export const updateSteps = (id: number, steps: Record<string, string>, postedTs: string | null): Stmt =>
  stmt('UPDATE outbox SET steps = @steps, posted_ts = COALESCE(@postedTs, posted_ts) WHERE id = @id', {
    id,
    steps: JSON.stringify(steps),
    postedTs,
  });

export const completeOutbox = (id: number, at: number): Stmt =>
  stmt("UPDATE outbox SET status = 'done', done_at = @at, claimed_by = NULL, claimed_until = NULL WHERE id = @id", { id, at });

/**
 * The job's message in the channel and the version (outbox row id) of the state it shows. A ref
 * never goes back to an older version: a row that lost the race to a newer one changes nothing.
 */
export const upsertMessageRef = (ref: MessageRef): Stmt =>
  stmt(
    `INSERT INTO message_refs (channel_id, job_id, ts, version) VALUES (@channelId, @jobId, @ts, @version)
     ON CONFLICT (channel_id, job_id) DO UPDATE SET
       ts = CASE WHEN ${NEWER} THEN excluded.ts ELSE message_refs.ts END,
       version = CASE WHEN ${NEWER} THEN excluded.version ELSE message_refs.version END`,
    { channelId: ref.channelId, jobId: ref.jobId, ts: ref.ts, version: ref.version ?? null },
  );

const NEWER = 'excluded.version IS NULL OR message_refs.version IS NULL OR excluded.version >= message_refs.version';

export const retryOutbox = (id: number, retryAt: number, error: string): Stmt =>
  stmt(
    `UPDATE outbox SET status = 'pending', due_at = @retryAt, claimed_by = NULL, claimed_until = NULL, last_error = @error
     WHERE id = @id`,
    { id, retryAt, error },
  );

export const failOutbox = (id: number, error: string, at: number): Stmt =>
  stmt(
    `UPDATE outbox SET status = 'failed', last_error = @error, done_at = @at, claimed_by = NULL, claimed_until = NULL
     WHERE id = @id`,
    { id, error, at },
  );

export const releaseClaims = (owner: string | null): Stmt =>
  owner === null
    ? stmt("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by IS NOT NULL AND status = 'pending'", {})
    : stmt("UPDATE outbox SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = @owner AND status = 'pending'", { owner });

/**
 * Subqueries rather than one FILTERed scan: each is a range of the (status, due_at) index. Rows a
 * snooze or a mute holds are counted apart: they wait on purpose, and must not look like a stuck outbox.
 */
export const outboxStats = (): Stmt =>
  stmt(
    `SELECT (SELECT COUNT(*) FROM outbox o WHERE o.status = 'pending' AND ${NOT_HELD}) AS pending,
            (SELECT MIN(o.created_at) FROM outbox o WHERE o.status = 'pending' AND ${NOT_HELD}) AS oldest_created_at,
            (SELECT COUNT(*) FROM outbox o WHERE o.status = 'pending' AND NOT (${NOT_HELD})) AS held,
            (SELECT COUNT(*) FROM outbox WHERE status = 'failed') AS dead`,
  );

export function existingAlertKeys(keys: readonly string[]): Stmt[] {
  const unique = [...new Set(keys)];
  const stmts: Stmt[] = [];
  for (let start = 0; start < unique.length; start += ID_CHUNK) {
    const { list, params } = idList(unique.slice(start, start + ID_CHUNK));
    stmts.push(stmt(`SELECT dedupe_key FROM outbox WHERE dedupe_key IN (${list})`, params));
  }
  return stmts;
}

export const messageRef = (channelId: string, jobId: string): Stmt =>
  stmt('SELECT ts, version FROM message_refs WHERE channel_id = @channelId AND job_id = @jobId', { channelId, jobId });

/**
 * Given-up alerts by channel and reason (retention keeps them for a while, then prunes them).
 * Direct messages (keys `dm:…`, addressed to a person) are no channel's: they are left out.
 */
export const givenUpAlerts = (channelId: string | null): Stmt =>
  stmt(
    `SELECT channel_id, last_error, COUNT(*) AS n, MAX(done_at) AS last_at FROM outbox
     WHERE status = 'failed' AND dedupe_key NOT LIKE 'dm:%'${channelId === null ? '' : ' AND channel_id = @channelId'}
     GROUP BY channel_id, last_error ORDER BY channel_id, last_error`,
    channelId === null ? {} : { channelId },
  );

/**
 * Rows delivery may fold into a backlog digest: due, unclaimed, not begun (no step recorded), of
 * a channel that is idle (no rows in flight), has no problem and is not snoozed; and not behind
 * a begun row of the same job (a job's alerts apply in order: that one finishes first). A snooze
 * summary (its key starts `snooze:`, alerts/snooze-digest.ts) keeps its own message: it says
 * what a quiet time held, which a backlog digest would not; so does a mute summary (`mute:`),
 * and the rows a mute holds wait for it, like a snoozed channel's; so does the app's own health
 * (`ops:`), and a scheduled digest (its key starts `schedule:`, domain/digest-schedule.ts), which
 * is no alert at all. Nor is an overdue line for a job an overdue digest told already (`threadOnly`): the news is out; what is left is the line in the
 * job's own thread, which no digest can give. (The payload is JSON.stringify's text: inside a
 * string a quote is escaped, so only the key itself can match.)
 */
const FOLDABLE = `o.status = 'pending' AND o.due_at <= @now AND (o.claimed_until IS NULL OR o.claimed_until < @now)
   AND o.posted_ts IS NULL AND o.steps = '{}' AND o.dedupe_key NOT LIKE 'snooze:%' AND o.dedupe_key NOT LIKE 'mute:%' AND o.dedupe_key NOT LIKE 'schedule:%' AND NOT ${IS_OPS_ROW} AND o.payload NOT LIKE '%"threadOnly":true%'
   AND o.channel_id NOT IN (SELECT channel_id FROM channel_problems)
   AND o.channel_id NOT IN (SELECT channel_id FROM snoozes) AND ${NOT_MUTED}
   AND o.channel_id NOT IN (SELECT channel_id FROM outbox WHERE status = 'pending' AND claimed_until >= @now)
   AND (o.job_id IS NULL OR NOT EXISTS (
     SELECT 1 FROM outbox e WHERE e.channel_id = o.channel_id AND e.job_id = o.job_id AND e.status = 'pending' AND e.id < o.id
       AND (e.steps <> '{}' OR e.posted_ts IS NOT NULL)))`;

/** Channels with more than `above` foldable rows. */
export const backlogChannels = (now: number, above: number): Stmt =>
  stmt(`SELECT o.channel_id FROM outbox o WHERE ${FOLDABLE} GROUP BY o.channel_id HAVING COUNT(*) > @above ORDER BY o.channel_id`, { now, above });

/**
 * One channel's foldable rows, marked done in the statement that picks them. The outer WHERE
 * checks again on the row itself: a row another replica claimed or folded meanwhile is left out
 * (PostgreSQL re-reads a locked row after the other writer commits).
 */
export const foldBacklogRows = (channelId: string, now: number): Stmt =>
  stmt(
    `UPDATE outbox SET status = 'done', done_at = @now, steps = '{"folded":"backlog"}', claimed_by = NULL, claimed_until = NULL
     WHERE id IN (SELECT o.id FROM outbox o WHERE o.channel_id = @channelId AND ${FOLDABLE})
       AND status = 'pending' AND posted_ts IS NULL AND steps = '{}' AND (claimed_until IS NULL OR claimed_until < @now)
     RETURNING *`,
    { channelId, now },
  );
