/**
 * The store's multi-statement transactions, written once for both engines (see `Script` in
 * driver.ts). Read-modify-write steps lock what they read first (FOR UPDATE on Postgres) so
 * replicas doing the same thing at once take turns instead of overwriting each other.
 */
import type { StatusKind } from '../jobs/job';
import type { Dialect, Script, Stmt } from './driver';
import { removeKinds, unionKinds } from './kinds';
import { sortReadable, text, toBoard, toOutboxRow, toSnooze, toSteps, toSubscription } from './rows';
import * as sql from './sql';
import { insertSettingChange } from './sql-setting-changes';
import { settingChange, subscribeChange, type ChangeStamp, type SettingChangeWhat } from '../domain/setting-change';
import type { Board, EndedSnooze, FoldedBacklog, NewOutboxRow, OutboxRow, Snooze, Subscription } from './store';

/**
 * Records a settings change in the transaction that makes it, when it was made by someone
 * (`change`) and changed something (`what`): the change and its record commit together or not at all.
 */
function* record(channelId: string, change: ChangeStamp | undefined, what: SettingChangeWhat | null): Script<void> {
  if (change !== undefined && what !== null) yield insertSettingChange(settingChange(channelId, change, what));
}

/** Runs fixed statements in order: their rows are not needed. */
export function* sequence(stmts: Stmt[]): Script<void> {
  for (const s of stmts) yield s;
}

export function* subscribe(
  dialect: Dialect,
  channelId: string,
  kinds: StatusKind[],
  mention: string | null,
  by: string | null,
  at: number,
  change?: ChangeStamp,
): Script<Subscription> {
  yield sql.ensureSubscription(channelId, by, at);
  const [row] = yield sql.lockSubscription(dialect, channelId);
  if (!row) throw new Error(`store: subscription ${channelId} vanished inside its transaction`);
  const current = toSubscription(row);
  const next = { ...current, kinds: unionKinds(current.kinds, kinds), mention: mention ?? current.mention };
  yield sql.updateSubscription(next);
  // A row without kinds is the one just made (or one an older version left): no subscription before.
  yield* record(channelId, change, subscribeChange(current.kinds.length > 0 ? current : null, next));
  return next;
}

export function* unsubscribe(dialect: Dialect, channelId: string, kinds: StatusKind[], change?: ChangeStamp): Script<Subscription | null> {
  const [row] = yield sql.lockSubscription(dialect, channelId);
  if (!row) return null;
  const current = toSubscription(row);
  const left = kinds.length === 0 ? [] : removeKinds(current.kinds, kinds);
  const removed = current.kinds.filter((k) => !left.includes(k));
  yield* record(channelId, change, removed.length > 0 ? { kind: 'unsubscribe', removed, kinds: left } : null);
  if (left.length === 0) {
    yield sql.deleteSubscription(channelId);
    return null;
  }
  const next = { ...current, kinds: left };
  yield sql.updateSubscription(next);
  return next;
}

/** The channel's overdue limit, recorded when the channel has a subscription to set it on. */
export function* setOverdue(channelId: string, overdueMs: number | null, change?: ChangeStamp): Script<Subscription | null> {
  const [row] = yield sql.setOverdue(channelId, overdueMs);
  if (!row) return null;
  yield* record(channelId, change, { kind: 'overdue', overdueMs });
  return toSubscription(row);
}

/** Starts or extends a snooze. */
export function* startSnooze(value: Snooze, change?: ChangeStamp): Script<Snooze> {
  const [row] = yield sql.upsertSnooze(value);
  if (!row) throw new Error('store: snooze upsert returned no row');
  yield* record(value.channelId, change, { kind: 'snooze', until: value.endsAt });
  return toSnooze(row);
}

export function* removeBoard(channelId: string, change?: ChangeStamp): Script<Board | null> {
  const [row] = yield sql.removeBoard(channelId);
  if (!row) return null;
  yield* record(channelId, change, { kind: 'board', on: false });
  return toBoard(row);
}

/** The 'main' step is the alert message itself, which is also what `postedTs` reports. */
export function* recordPosted(dialect: Dialect, id: number, step: string, ts: string): Script<void> {
  const [row] = yield sql.lockSteps(dialect, id);
  if (!row) throw new Error(`store: outbox row ${id} does not exist`);
  yield sql.updateSteps(id, { ...toSteps(row), [step]: ts }, step === 'main' ? ts : null);
}

export function* endSnooze(
  channelId: string,
  at: number,
  onlyIfDue: boolean,
  summarize: (snooze: Snooze, held: OutboxRow[]) => NewOutboxRow | null,
  change?: ChangeStamp,
): Script<EndedSnooze | null> {
  const [row] = yield sql.takeSnooze(channelId, at, onlyIfDue);
  if (!row) return null;
  const snooze = toSnooze(row);
  yield* record(channelId, change, { kind: 'snooze-off' });
  const { rows: held, unreadable } = sortReadable((yield sql.foldHeld(channelId, at)).map(toOutboxRow));
  // A held row this version cannot read is given up with the reason, not summed up.
  for (const bad of unreadable) yield sql.failOutbox(bad.id, bad.reason, at);
  const summary = summarize(snooze, held);
  if (summary) yield sql.insertAlert(summary);
  return { snooze, held, summary };
}

export function* putBoard(dialect: Dialect, board: Board, change?: ChangeStamp): Script<Board | null> {
  const [row] = yield sql.lockBoard(dialect, board.channelId);
  yield sql.upsertBoard(board);
  yield* record(board.channelId, change, { kind: 'board', on: true });
  return row ? toBoard(row) : null;
}

/** One batch of finished jobs and their message refs; returns how many jobs went. */
export function* pruneJobs(before: number): Script<number> {
  const ids = (yield sql.finishedJobsBefore(before)).map((row) => text(row, 'id'));
  if (ids.length === 0) return 0;
  yield* sequence(sql.deleteJobs(ids));
  return ids.length;
}

/** Each channel with more than `above` foldable rows: those rows done, and digests for them. */
export function* foldBacklogs(now: number, above: number, fold: (channelId: string, rows: OutboxRow[]) => NewOutboxRow[]): Script<FoldedBacklog[]> {
  const folded: FoldedBacklog[] = [];
  for (const channel of yield sql.backlogChannels(now, above)) {
    const channelId = text(channel, 'channel_id');
    const { rows, unreadable } = sortReadable((yield sql.foldBacklogRows(channelId, now)).map(toOutboxRow));
    // A row this version cannot read is given up with the reason, not folded.
    for (const bad of unreadable) yield sql.failOutbox(bad.id, bad.reason, now);
    if (rows.length === 0) continue;
    const digests = fold(channelId, rows);
    for (const digest of digests) yield sql.insertAlert(digest);
    folded.push({ channelId, rows, digests });
  }
  return folded;
}
