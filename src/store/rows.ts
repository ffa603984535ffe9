/**
 * Database rows to the port's types. Both drivers hand back loosely typed rows (and pg returns
 * BIGINT as strings), so every column is checked and converted here, in one place; a row that
 * does not fit fails loudly instead of spreading a wrong type through the app.
 */
import type { Row } from './driver';
import { decodeKinds, isStatusKind } from './kinds';
import { zeroCounts, type Job } from '../jobs/job';
import type { JobMatch } from '../jobs/job-match';
import { checkAlertPayload } from '../domain/alert-payload-schema';
import { outboxKind } from '../domain/outbox';
import type { Board, ChannelProblem, GivenUpAlerts, OutboxRow, OutboxStats, Snooze, StatusCounts, Subscription, TrackedJob } from './store';

function corrupt(column: string, value: unknown): Error {
  return new Error(`store: column ${column} holds an unexpected value (${typeof value})`);
}

export function text(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== 'string') throw corrupt(column, value);
  return value;
}

export function textOrNull(row: Row, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

/** Unix ms and counts: a number from SQLite, a decimal string for pg's BIGINT and COUNT. */
export function int(row: Row, column: string): number {
  const value = row[column];
  const number = typeof value === 'number' || typeof value === 'string' || typeof value === 'bigint' ? Number(value) : NaN;
  if (!Number.isSafeInteger(number)) throw corrupt(column, value);
  return number;
}

export function intOrNull(row: Row, column: string): number | null {
  return row[column] === null ? null : int(row, column);
}

function json(row: Row, column: string): unknown {
  return JSON.parse(text(row, column));
}

export function toTrackedJob(row: Row): TrackedJob {
  const status = text(row, 'status');
  if (!isStatusKind(status)) throw corrupt('status', status);
  return {
    id: text(row, 'id'),
    status,
    rawStatus: text(row, 'raw_status'),
    snapshot: json(row, 'snapshot') as Job,
    seenAt: int(row, 'seen_at'),
  };
}

const MODES: ReadonlySet<string> = new Set(['realtime', 'file']);
const ENDPOINTS: ReadonlySet<string> = new Set(['audio', 'video']);

/** A subscription's filters; a value this version does not know fails loudly rather than matching every job. */
function toMatch(row: Row): JobMatch {
  const mode = textOrNull(row, 'mode');
  const endpoint = textOrNull(row, 'endpoint');
  if (mode !== null && !MODES.has(mode)) throw corrupt('mode', mode);
  if (endpoint !== null && !ENDPOINTS.has(endpoint)) throw corrupt('endpoint', endpoint);
  return {
    mode: mode as JobMatch['mode'],
    endpoint: endpoint as JobMatch['endpoint'],
    userId: textOrNull(row, 'user_id'),
    model: textOrNull(row, 'model'),
  };
}

export function toSubscription(row: Row): Subscription {
  return {
    id: int(row, 'id'),
    channelId: text(row, 'channel_id'),
    kinds: decodeKinds(text(row, 'kinds')),
    match: toMatch(row),
    mention: textOrNull(row, 'mention'),
    createdBy: textOrNull(row, 'created_by'),
    createdAt: int(row, 'created_at'),
    overdueMs: intOrNull(row, 'overdue_ms'),
    // Only when managed, so a subscription made in chat reads as it did before files.
    ...(row.managed_by === 'file' ? { managedBy: 'file' as const } : {}),
  };
}

export function toSnooze(row: Row): Snooze {
  return {
    channelId: text(row, 'channel_id'),
    startedAt: int(row, 'started_at'),
    endsAt: int(row, 'ends_at'),
    createdBy: textOrNull(row, 'created_by'),
  };
}

export function toBoard(row: Row): Board {
  return {
    channelId: text(row, 'channel_id'),
    ts: text(row, 'ts'),
    createdBy: textOrNull(row, 'created_by'),
    createdAt: int(row, 'created_at'),
    editedAt: int(row, 'edited_at'),
    fingerprint: text(row, 'fingerprint'),
  };
}

export function toChannelProblem(row: Row): ChannelProblem {
  return { channelId: text(row, 'channel_id'), error: text(row, 'error'), at: int(row, 'at') };
}

export function toSteps(row: Row): Record<string, string> {
  return json(row, 'steps') as Record<string, string>;
}

/** An outbox row as read: the row, or (its payload does not fit) its id and what is wrong. */
export type ReadOutboxRow = { ok: true; row: OutboxRow } | { ok: false; id: number; reason: string };

/**
 * The payload is checked here, not cast where it is used: a row this version cannot read (a
 * damaged write, a newer version's payload) is handed back as unreadable so the store gives it
 * up with the reason, instead of the deliverer crashing on it or retrying it forever. The kind
 * is derived from the payload: the column holds the coarse value older versions wrote.
 */
export function toOutboxRow(row: Row): ReadOutboxRow {
  const id = int(row, 'id');
  let parsed: unknown;
  try {
    parsed = json(row, 'payload');
  } catch {
    return { ok: false, id, reason: 'unreadable payload: not JSON' };
  }
  const checked = checkAlertPayload(parsed);
  if (!checked.ok) return { ok: false, id, reason: checked.reason };
  return {
    ok: true,
    row: {
      id,
      channelId: text(row, 'channel_id'),
      jobId: textOrNull(row, 'job_id'),
      kind: outboxKind(checked.payload),
      dedupeKey: text(row, 'dedupe_key'),
      payload: checked.payload,
      createdAt: int(row, 'created_at'),
      attempts: int(row, 'attempts'),
      postedTs: textOrNull(row, 'posted_ts'),
      steps: toSteps(row),
      lastError: textOrNull(row, 'last_error'),
    },
  };
}

/** Readable rows, oldest first (the order they were queued), and the unreadable ones apart. */
export function sortReadable(read: readonly ReadOutboxRow[]): { rows: OutboxRow[]; unreadable: { id: number; reason: string }[] } {
  const rows: OutboxRow[] = [];
  const unreadable: { id: number; reason: string }[] = [];
  for (const r of read) {
    if (r.ok) rows.push(r.row);
    else unreadable.push({ id: r.id, reason: r.reason });
  }
  rows.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  return { rows, unreadable };
}

/** One row per status present; statuses with no jobs count 0. */
export function toStatusCounts(rows: Row[]): StatusCounts {
  const result: StatusCounts = { counts: zeroCounts(), completedWithErrors: 0 };
  for (const row of rows) {
    const status = text(row, 'status');
    if (!isStatusKind(status)) throw corrupt('status', status);
    result.counts[status] = int(row, 'n');
    result.completedWithErrors += int(row, 'with_errors');
  }
  return result;
}

export function toOutboxStats(row: Row): OutboxStats {
  return { pending: int(row, 'pending'), oldestCreatedAt: intOrNull(row, 'oldest_created_at'), held: int(row, 'held'), dead: int(row, 'dead') };
}

export function toGivenUp(row: Row): GivenUpAlerts {
  return { channelId: text(row, 'channel_id'), reason: textOrNull(row, 'last_error') ?? 'unknown', count: int(row, 'n'), lastAt: int(row, 'last_at') };
}
