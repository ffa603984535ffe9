/**
 * The SQL both adapters share for the bits every statement file needs: row locks (which SQLite
 * does not need: its write transactions already exclude other writers) and IN lists.
 */
import type { Dialect, Params } from './driver';

/** Appended to a SELECT whose rows the transaction rewrites next. */
export const FOR_UPDATE: Record<Dialect, string> = { sqlite: '', postgres: 'FOR UPDATE' };

/** Appended to a SELECT whose rows must not change (nor be locked FOR UPDATE) until the transaction ends. */
export const FOR_SHARE: Record<Dialect, string> = { sqlite: '', postgres: 'FOR SHARE' };

/** Replicas claiming at once skip each other's rows instead of queueing behind them. */
export const SKIP_LOCKED: Record<Dialect, string> = { sqlite: '', postgres: 'FOR UPDATE SKIP LOCKED' };

/** Ids per IN list: far below both engines' parameter limits, and few distinct statement texts. */
export const ID_CHUNK = 500;

/** `@id0, @id1, …` and their values, for an IN list. */
export function idList(ids: readonly string[]): { list: string; params: Params } {
  return { list: ids.map((_, i) => `@id${i}`).join(', '), params: Object.fromEntries(ids.map((id, i) => [`id${i}`, id])) };
}

/**
 * An outbox row `o` that none of its channel's mutes holds (*Mute this cause 4h*): rows without a
 * cause never are. Used wherever a snoozed channel's rows are left out (claims, backlog folds, counts).
 */
export const NOT_MUTED = '(o.cause IS NULL OR NOT EXISTS (SELECT 1 FROM alert_mutes m WHERE m.channel_id = o.channel_id AND m.cause = o.cause))';

/** What a snooze or a mute holds waits on purpose: it is neither pending work nor late. */
export const NOT_HELD = `o.channel_id NOT IN (SELECT channel_id FROM snoozes) AND ${NOT_MUTED}`;
