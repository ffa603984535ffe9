/**
 * Subscriptions as code in SQL (migration 13): the reconcile that makes the store match a
 * SUBSCRIPTIONS_FILE, and what the file holds. A subscription is the file's when `managed_by` is
 * 'file'; a channel's own settings the file holds are rows of `managed_channel_settings`.
 *
 * Each channel is locked (its `subscriptions` row, as chat's `subscribe` does) before it is read,
 * so replicas reconciling the same file at once take turns, and the second finds nothing to change.
 */
import type { DeclaredChannel, DeclaredDigest } from '../config/subscriptions-file';
import type { DigestSchedule } from '../domain/digest-schedule';
import { lockDigestSchedule, removeDigestSchedule, toDigestSchedule, upsertDigestSchedule } from './sql-digests';
import { subscribeChange, type ChangeStamp } from '../domain/setting-change';
import type { Subscription } from '../domain/channel';
import type { Dialect, Script, Stmt } from './driver';
import { stmt } from './driver';
import { unionKinds } from './kinds';
import { int, text, toSubscription } from './rows';
import { recordChange } from './sql-setting-changes';
import {
  deleteChannel,
  deleteSubscription,
  ensureChannel,
  insertSubscription,
  listSubscriptions,
  lockChannel,
  matchKey,
  setOverdue,
  updateSubscription,
} from './sql-subscriptions';
import type { ManagedSetting, ReconcileReport } from './ports/declared-settings';

const managedChannels = (): Stmt =>
  stmt(
    `SELECT channel_id FROM channel_subscriptions WHERE managed_by = 'file'
     UNION SELECT channel_id FROM managed_channel_settings ORDER BY channel_id`,
  );

export const managedSettings = (channelId: string): Stmt =>
  stmt('SELECT setting FROM managed_channel_settings WHERE channel_id = @channelId ORDER BY setting', { channelId });

const clearManagedSettings = (channelId: string): Stmt => stmt('DELETE FROM managed_channel_settings WHERE channel_id = @channelId', { channelId });

const insertManagedSetting = (channelId: string, setting: ManagedSetting): Stmt =>
  stmt('INSERT INTO managed_channel_settings (channel_id, setting) VALUES (@channelId, @setting)', { channelId, setting });

export const toManagedSetting = (row: Record<string, unknown>): ManagedSetting => text(row, 'setting') as ManagedSetting;

const sameKinds = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((k, i) => k === b[i]);

/** Removes a managed subscription, recorded as every kind of it stopping. */
function* removeManaged(sub: Subscription, change: ChangeStamp): Script<void> {
  yield deleteSubscription(sub.id);
  yield* recordChange(sub.channelId, change, { kind: 'unsubscribe', removed: sub.kinds, kinds: [], match: sub.match });
}

/** The channel's row goes with its last subscription, as after chat's last `unsubscribe`. */
function* dropChannelIfEmpty(channelId: string): Script<void> {
  if ((yield listSubscriptions(channelId)).length === 0) yield deleteChannel(channelId);
}

function* reconcileChannel(dialect: Dialect, declared: DeclaredChannel, change: ChangeStamp, report: ReconcileReport): Script<void> {
  const { channelId } = declared;
  if (declared.subscriptions.length > 0) yield ensureChannel(channelId, change.author.by, change.at);
  const [channel] = yield lockChannel(dialect, channelId);
  const existing = (yield listSubscriptions(channelId)).map(toSubscription);
  const kept = new Set<number>();
  for (const wanted of declared.subscriptions) {
    const kinds = unionKinds([], wanted.kinds);
    const current = existing.find((s) => matchKey(s.match) === matchKey(wanted.match));
    if (!current) {
      const [row] = yield insertSubscription(channelId, { ...wanted, kinds, managedBy: 'file' }, change.author.by, change.at);
      if (!row) throw new Error(`store: a declared subscription of ${channelId} was not inserted`);
      const made: Subscription = { id: int(row, 'id'), channelId, kinds, match: { ...wanted.match }, mention: wanted.mention, createdBy: change.author.by, createdAt: change.at, overdueMs: null, managedBy: 'file' };
      kept.add(made.id);
      yield* recordChange(channelId, change, subscribeChange(null, made));
      report.added += 1;
      continue;
    }
    kept.add(current.id);
    const next: Subscription = { ...current, kinds, mention: wanted.mention, managedBy: 'file' };
    if (sameKinds(current.kinds, kinds) && current.mention === next.mention && current.managedBy === 'file') continue;
    yield updateSubscription(next);
    const removed = current.kinds.filter((k) => !kinds.includes(k));
    if (removed.length > 0) yield* recordChange(channelId, change, { kind: 'unsubscribe', removed, kinds, match: current.match });
    yield* recordChange(channelId, change, subscribeChange(current, next));
    report.changed += 1;
  }
  for (const sub of existing) {
    if (sub.managedBy !== 'file' || kept.has(sub.id)) continue;
    yield* removeManaged(sub, change);
    report.removed += 1;
  }
  const overdue = channel ? channel.overdue_ms : undefined;
  const currentOverdue = overdue === null || overdue === undefined ? null : Number(overdue);
  if (channel && declared.overdueMs !== undefined && declared.overdueMs !== currentOverdue) {
    yield setOverdue(channelId, declared.overdueMs);
    yield* recordChange(channelId, change, { kind: 'overdue', overdueMs: declared.overdueMs });
    report.overdue += 1;
  }
  if (declared.digest !== undefined) yield* reconcileDigest(dialect, channelId, declared.digest, change, report);
  yield clearManagedSettings(channelId);
  if (declared.overdueMs !== undefined) yield insertManagedSetting(channelId, 'overdue');
  if (declared.board !== null) yield insertManagedSetting(channelId, declared.board ? 'board' : 'no-board');
  if (declared.digest !== undefined) yield insertManagedSetting(channelId, 'digest');
  if (channel) yield* dropChannelIfEmpty(channelId);
}

/**
 * The channel's digest as the file says: set (a schedule that differs is replaced, and counts its
 * periods from now, as one set in chat does) or none ('off'). A schedule already so is left alone,
 * with its progress, so a reload or another replica changes nothing.
 */
function* reconcileDigest(dialect: Dialect, channelId: string, wanted: DeclaredDigest | 'off', change: ChangeStamp, report: ReconcileReport): Script<void> {
  const [row] = yield lockDigestSchedule(dialect, channelId);
  const current = row ? toDigestSchedule(row) : null;
  if (wanted === 'off') {
    if (current === null) return;
    yield removeDigestSchedule(channelId);
    yield* recordChange(channelId, change, { kind: 'digest', schedule: null });
    report.digests += 1;
    return;
  }
  const same = current && current.cadence === wanted.cadence && current.weekday === wanted.weekday && current.minutes === wanted.minutes && current.timeZone === wanted.timeZone;
  if (same) return;
  const schedule: DigestSchedule = { channelId, ...wanted, createdBy: change.author.by, createdAt: change.at, lastDueAt: null, coveredUntil: null };
  yield upsertDigestSchedule(schedule);
  yield* recordChange(channelId, change, { kind: 'digest', schedule: { ...wanted } });
  report.digests += 1;
}

/** A channel the file no longer names: what the file made goes, what people made stays. */
function* releaseChannel(dialect: Dialect, channelId: string, change: ChangeStamp, report: ReconcileReport): Script<void> {
  const [channel] = yield lockChannel(dialect, channelId);
  for (const sub of (yield listSubscriptions(channelId)).map(toSubscription)) {
    if (sub.managedBy !== 'file') continue;
    yield* removeManaged(sub, change);
    report.removed += 1;
  }
  yield clearManagedSettings(channelId);
  if (channel) yield* dropChannelIfEmpty(channelId);
}

export function* reconcileDeclared(dialect: Dialect, channels: DeclaredChannel[], change: ChangeStamp): Script<ReconcileReport> {
  const report: ReconcileReport = { added: 0, changed: 0, removed: 0, overdue: 0, digests: 0 };
  const named = new Set(channels.map((c) => c.channelId));
  const before = (yield managedChannels()).map((row) => text(row, 'channel_id'));
  // Channels in one order (by ID) so two replicas lock them in the same order.
  for (const channelId of [...new Set([...before, ...named])].sort()) {
    const declared = channels.find((c) => c.channelId === channelId);
    if (declared) yield* reconcileChannel(dialect, declared, change, report);
    else yield* releaseChannel(dialect, channelId, change, report);
  }
  return report;
}
