/**
 * The change log of alert settings: the SQL both engines run, and its rows as the port's type.
 * `what` is JSON text, read back whole; a row this version cannot read (a newer version's kind)
 * is shown by its name rather than refused, since the log is only ever read by people.
 */
import { z } from 'zod';
import type { Row, Script, Stmt } from './driver';
import { stmt } from './driver';
import { int, text, textOrNull } from './rows';
import { PRUNE_BATCH } from './sql';
import type { StatusKind } from '../jobs/job';
import { isStatusKind } from './kinds';
import { settingChange, type ChangeStamp, type NewSettingChange, type SettingChange, type SettingChangeWhat } from '../domain/setting-change';

const COLUMNS = 'id, channel_id, at, by_user, source, action, detail';

const kinds = z.array(z.custom<StatusKind>((v) => typeof v === 'string' && isStatusKind(v)));
/** The filters of the subscription changed; absent in changes recorded before filters existed. */
const match = z
  .object({
    mode: z.enum(['realtime', 'file']).nullable(),
    endpoint: z.enum(['audio', 'video']).nullable(),
    userId: z.string().nullable(),
    model: z.string().nullable(),
  })
  .optional();
const WHAT = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('subscribe'), added: kinds, mention: z.string().nullable(), kinds, match }),
  z.object({ kind: z.literal('unsubscribe'), removed: kinds, kinds, match }),
  z.object({ kind: z.literal('snooze'), until: z.number() }),
  z.object({ kind: z.literal('snooze-off') }),
  z.object({ kind: z.literal('board'), on: z.boolean() }),
  z.object({ kind: z.literal('overdue'), overdueMs: z.number().nullable() }),
  z.object({ kind: z.literal('mute'), cause: z.string(), until: z.number() }),
  z.object({ kind: z.literal('unmute'), cause: z.string() }),
]);

function readWhat(action: string, detail: string): SettingChangeWhat {
  try {
    const parsed = WHAT.safeParse(JSON.parse(detail));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: shown by its name below
  }
  return { kind: 'unknown', name: action };
}

export function toSettingChange(row: Row): SettingChange {
  const source = text(row, 'source');
  return {
    id: int(row, 'id'),
    channelId: text(row, 'channel_id'),
    at: int(row, 'at'),
    by: textOrNull(row, 'by_user'),
    source: source === 'file' ? 'file' : 'chat',
    what: readWhat(text(row, 'action'), text(row, 'detail')),
  };
}

/** Records the change a settings write made, in its transaction; nothing when it changed nothing or has no stamp. */
export function* recordChange(channelId: string, change: ChangeStamp | undefined, what: SettingChangeWhat | null): Script<void> {
  if (change !== undefined && what !== null) yield insertSettingChange(settingChange(channelId, change, what));
}

export const insertSettingChange = (change: NewSettingChange): Stmt =>
  stmt(
    `INSERT INTO setting_changes (channel_id, at, by_user, source, action, detail)
     VALUES (@channelId, @at, @by, @source, @action, @detail)`,
    { channelId: change.channelId, at: change.at, by: change.by, source: change.source, action: change.what.kind, detail: JSON.stringify(change.what) },
  );

const scope = (channelId: string | null): string => (channelId === null ? '' : 'AND channel_id = @channelId');

/** Newest first through (at) or (channel_id, at); ties in the same millisecond by insertion order. */
export const settingChanges = (channelId: string | null, since: number, limit: number): Stmt =>
  stmt(`SELECT ${COLUMNS} FROM setting_changes WHERE at >= @since ${scope(channelId)} ORDER BY at DESC, id DESC LIMIT @limit`, { channelId, since, limit });

export const countSettingChanges = (channelId: string | null, since: number): Stmt =>
  stmt(`SELECT COUNT(*) AS n FROM setting_changes WHERE at >= @since ${scope(channelId)}`, { channelId, since });

/** One channel's latest change, or each subscribed channel's: one index probe per channel. */
export const latestSettingChanges = (channelId: string | null): Stmt =>
  channelId === null
    ? stmt(
        `SELECT ${COLUMNS.split(', ').map((c) => `c.${c}`).join(', ')} FROM subscriptions s JOIN setting_changes c ON c.id = (
           SELECT id FROM setting_changes WHERE channel_id = s.channel_id ORDER BY at DESC, id DESC LIMIT 1)
         ORDER BY c.channel_id`,
      )
    : stmt(`SELECT ${COLUMNS} FROM setting_changes WHERE channel_id = @channelId ORDER BY at DESC, id DESC LIMIT 1`, { channelId });

/** A batch of changes made before `before` (retention keeps a year). */
export const pruneSettingChanges = (before: number): Stmt =>
  stmt(
    `DELETE FROM setting_changes WHERE id IN (SELECT id FROM setting_changes WHERE at < @before LIMIT ${PRUNE_BATCH}) RETURNING id`,
    { before },
  );
