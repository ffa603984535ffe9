/**
 * Scheduled digests: the SQL both engines run, and their rows as the domain's type. Kept apart
 * from sql.ts so this table's statements live next to each other.
 */
import type { DigestCadence, DigestSchedule } from '../domain/digest-schedule';
import type { Dialect, Row, Stmt } from './driver';
import { stmt } from './driver';
import { int, intOrNull, text, textOrNull } from './rows';
import { FOR_UPDATE } from './sql-common';

const COLUMNS = 'channel_id, cadence, weekday, minutes, time_zone, created_by, created_at, last_due_at, covered_until';
const CADENCES: readonly string[] = ['daily', 'weekdays', 'weekly'];

export function toDigestSchedule(row: Row): DigestSchedule {
  const cadence = text(row, 'cadence');
  if (!CADENCES.includes(cadence)) throw new Error(`store: column cadence holds an unexpected value (${cadence})`);
  return {
    channelId: text(row, 'channel_id'),
    cadence: cadence as DigestCadence,
    weekday: intOrNull(row, 'weekday'),
    minutes: int(row, 'minutes'),
    timeZone: text(row, 'time_zone'),
    createdBy: textOrNull(row, 'created_by'),
    createdAt: int(row, 'created_at'),
    lastDueAt: intOrNull(row, 'last_due_at'),
    coveredUntil: intOrNull(row, 'covered_until'),
  };
}

export const lockDigestSchedule = (dialect: Dialect, channelId: string): Stmt =>
  stmt(`SELECT ${COLUMNS} FROM digest_schedules WHERE channel_id = @channelId ${FOR_UPDATE[dialect]}`, { channelId });

/** One schedule per channel: a new one replaces the old one whole, progress included. */
export const upsertDigestSchedule = (s: DigestSchedule): Stmt =>
  stmt(
    `INSERT INTO digest_schedules (${COLUMNS})
     VALUES (@channelId, @cadence, @weekday, @minutes, @timeZone, @createdBy, @createdAt, @lastDueAt, @coveredUntil)
     ON CONFLICT (channel_id) DO UPDATE SET cadence = excluded.cadence, weekday = excluded.weekday, minutes = excluded.minutes,
       time_zone = excluded.time_zone, created_by = excluded.created_by, created_at = excluded.created_at,
       last_due_at = excluded.last_due_at, covered_until = excluded.covered_until`,
    { ...s },
  );

export const removeDigestSchedule = (channelId: string): Stmt =>
  stmt(`DELETE FROM digest_schedules WHERE channel_id = @channelId RETURNING ${COLUMNS}`, { channelId });

export const listDigestSchedules = (channelId: string | null): Stmt =>
  channelId === null
    ? stmt(`SELECT ${COLUMNS} FROM digest_schedules ORDER BY channel_id`)
    : stmt(`SELECT ${COLUMNS} FROM digest_schedules WHERE channel_id = @channelId`, { channelId });

/** The period moves forward only: a due time at or before the recorded one changes nothing. */
export const advanceDigest = (channelId: string, createdAt: number, dueAt: number, coveredUntil: number): Stmt =>
  stmt(
    `UPDATE digest_schedules SET last_due_at = @dueAt, covered_until = @coveredUntil
     WHERE channel_id = @channelId AND created_at = @createdAt AND (last_due_at IS NULL OR last_due_at < @dueAt)
     RETURNING channel_id`,
    { channelId, createdAt, dueAt, coveredUntil },
  );
