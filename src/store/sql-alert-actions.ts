/**
 * The SQL of the alert buttons (ports/alert-actions.ts): claims, muted causes and the edit lock
 * of a job's messages, and the one transaction that ends a mute. Parameters are `@name`.
 */
import type { AlertClaim, Mute } from '../domain/alert-actions';
import type { Row, Script, Stmt } from './driver';
import { stmt } from './driver';
import { int, sortReadable, text, textOrNull, toOutboxRow, toSteps } from './rows';
import { failOutbox, insertAlert } from './sql';
import type { EndedMute } from './ports/alert-actions';
import { insertSettingChange } from './sql-setting-changes';
import { settingChange, type ChangeStamp } from '../domain/setting-change';
import type { NewOutboxRow, OutboxRow } from './store';

// Claims

export const insertClaim = (claim: AlertClaim): Stmt =>
  stmt(
    `INSERT INTO alert_claims (channel_id, job_id, user_id, claimed_at) VALUES (@channelId, @jobId, @userId, @at)
     ON CONFLICT (channel_id, job_id) DO NOTHING RETURNING user_id`,
    { ...claim },
  );

export const selectClaim = (channelId: string, jobId: string): Stmt =>
  stmt('SELECT channel_id, job_id, user_id, claimed_at FROM alert_claims WHERE channel_id = @channelId AND job_id = @jobId', { channelId, jobId });

export const toClaim = (row: Row): AlertClaim => ({
  channelId: text(row, 'channel_id'),
  jobId: text(row, 'job_id'),
  userId: text(row, 'user_id'),
  at: int(row, 'claimed_at'),
});

// The row behind a message

export const outboxRowById = (id: number): Stmt => stmt('SELECT * FROM outbox WHERE id = @id', { id });

/** A job's rows in a channel, newest first: a handful per job, through (channel_id, job_id). */
export const jobRows = (channelId: string, jobId: string): Stmt =>
  stmt('SELECT * FROM outbox WHERE channel_id = @channelId AND job_id = @jobId ORDER BY id DESC LIMIT 50', { channelId, jobId });

/** The newest readable row that recorded posting `ts` (its main message or a thread line). */
export function rowThatPosted(rows: readonly Row[], ts: string): OutboxRow | null {
  const posted = rows.filter((row) => Object.values(toSteps(row)).includes(ts));
  return sortReadable(posted.map(toOutboxRow)).rows.sort((a, b) => b.id - a.id)[0] ?? null;
}

// The edit lock

export const lockMessage = (channelId: string, jobId: string, holder: string, now: number, ttlMs: number): Stmt =>
  stmt(
    `INSERT INTO alert_message_locks (channel_id, job_id, holder, locked_until) VALUES (@channelId, @jobId, @holder, @until)
     ON CONFLICT (channel_id, job_id) DO UPDATE SET holder = excluded.holder, locked_until = excluded.locked_until
       WHERE alert_message_locks.locked_until < @now OR alert_message_locks.holder = excluded.holder
     RETURNING holder`,
    { channelId, jobId, holder, now, until: now + ttlMs },
  );

export const unlockMessage = (channelId: string, jobId: string, holder: string): Stmt =>
  stmt('DELETE FROM alert_message_locks WHERE channel_id = @channelId AND job_id = @jobId AND holder = @holder', { channelId, jobId, holder });

// Mutes

const MUTE_COLUMNS = 'channel_id, cause, example, created_by, started_at, ends_at';

export const insertMute = (mute: Mute): Stmt =>
  stmt(
    `INSERT INTO alert_mutes (${MUTE_COLUMNS}) VALUES (@channelId, @cause, @example, @createdBy, @startedAt, @endsAt)
     ON CONFLICT (channel_id, cause) DO NOTHING RETURNING ${MUTE_COLUMNS}`,
    { ...mute },
  );

/** Starts a mute unless one of that cause is on, with its change record in the same transaction. */
export function* startMute(mute: Mute, change?: ChangeStamp): Script<{ created: boolean; row: Row | undefined }> {
  const [inserted] = yield insertMute(mute);
  if (inserted && change) yield insertSettingChange(settingChange(mute.channelId, change, { kind: 'mute', cause: mute.example, until: mute.endsAt }));
  if (inserted) return { created: true, row: inserted };
  const [row] = yield selectMute(mute.channelId, mute.cause);
  return { created: false, row };
}

export const selectMute = (channelId: string, cause: string): Stmt =>
  stmt(`SELECT ${MUTE_COLUMNS} FROM alert_mutes WHERE channel_id = @channelId AND cause = @cause`, { channelId, cause });

export const listMutes = (channelId: string | null): Stmt =>
  channelId === null
    ? stmt(`SELECT ${MUTE_COLUMNS} FROM alert_mutes ORDER BY ends_at, channel_id, cause`)
    : stmt(`SELECT ${MUTE_COLUMNS} FROM alert_mutes WHERE channel_id = @channelId ORDER BY ends_at, cause`, { channelId });

export const dueMutes = (now: number): Stmt => stmt(`SELECT ${MUTE_COLUMNS} FROM alert_mutes WHERE ends_at <= @now ORDER BY ends_at`, { now });

/** Deleting first locks the row: a replica ending the same mute at once finds nothing. */
const takeMute = (channelId: string, cause: string, at: number, onlyIfDue: boolean): Stmt =>
  stmt(`DELETE FROM alert_mutes WHERE channel_id = @channelId AND cause = @cause${onlyIfDue ? ' AND ends_at <= @at' : ''} RETURNING ${MUTE_COLUMNS}`, {
    channelId,
    cause,
    ...(onlyIfDue ? { at } : {}),
  });

/** The alerts a mute held, marked done where they are picked; begun or claimed rows finish as they began. */
const foldMuted = (channelId: string, cause: string, at: number): Stmt =>
  stmt(
    `UPDATE outbox SET status = 'done', done_at = @at, steps = '{"folded":"mute"}', claimed_by = NULL, claimed_until = NULL
     WHERE channel_id = @channelId AND cause = @cause AND status = 'pending' AND posted_ts IS NULL AND steps = '{}'
       AND (claimed_until IS NULL OR claimed_until < @at)
     RETURNING *`,
    { channelId, cause, at },
  );

export const toMute = (row: Row): Mute => ({
  channelId: text(row, 'channel_id'),
  cause: text(row, 'cause'),
  example: text(row, 'example'),
  createdBy: textOrNull(row, 'created_by'),
  startedAt: int(row, 'started_at'),
  endsAt: int(row, 'ends_at'),
});

export function* endMute(
  channelId: string,
  cause: string,
  at: number,
  onlyIfDue: boolean,
  summarize: (mute: Mute, held: OutboxRow[]) => NewOutboxRow | null,
  change?: ChangeStamp,
): Script<EndedMute | null> {
  const [row] = yield takeMute(channelId, cause, at, onlyIfDue);
  if (!row) return null;
  const mute = toMute(row);
  if (change) yield insertSettingChange(settingChange(channelId, change, { kind: 'unmute', cause: mute.example }));
  const { rows: held, unreadable } = sortReadable((yield foldMuted(channelId, cause, at)).map(toOutboxRow));
  // A held row this version cannot read is given up with the reason, not summed up.
  for (const bad of unreadable) yield failOutbox(bad.id, bad.reason, at);
  const summary = summarize(mute, held);
  if (summary) yield insertAlert(summary);
  return { mute, held, summary };
}
