/**
 * The store's multi-statement transactions, written once for both engines (see `Script` in
 * driver.ts). Read-modify-write steps lock what they read first (FOR UPDATE on Postgres) so
 * replicas doing the same thing at once take turns instead of overwriting each other.
 */
import type { Dialect, Script, Stmt } from './driver';
import { sortReadable, text, toBoard, toOutboxRow, toSnooze, toSteps } from './rows';
import * as sql from './sql';
import { recordChange as record } from './sql-setting-changes';
import type { ChangeStamp } from '../domain/setting-change';
import type { Board, EndedSnooze, FoldedBacklog, NewOutboxRow, OutboxRow, Snooze } from './store';

/** Runs fixed statements in order: their rows are not needed. */
export function* sequence(stmts: Stmt[]): Script<void> {
  for (const s of stmts) yield s;
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
