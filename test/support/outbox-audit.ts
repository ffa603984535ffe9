/**
 * Reads what the app did from its own outbox and from Slack, and checks the alerting promise:
 * each job's final status reached the channel exactly once (as its own alert or inside a digest),
 * every alert row was delivered, and no Slack write was made twice.
 */
import Database from 'better-sqlite3';
import type { StoredMessage } from '../../src/simulator/slack-server';

export interface OutboxRecord {
  id: number;
  channelId: string;
  kind: string;
  status: string;
  payload: unknown;
}

interface ChangeLike {
  job: { id: string };
  to: string;
}

function changesOf(payload: unknown): ChangeLike[] {
  const p = payload as { type?: string; change?: ChangeLike; changes?: ChangeLike[] };
  return p.type === 'job' && p.change ? [p.change] : (p.changes ?? []);
}

/** Problems found, as sentences; empty when everything holds. */
export function auditDelivery(
  rows: OutboxRecord[],
  messages: StoredMessage[],
  channelId: string,
  finals: Map<string, 'completed' | 'failed'>,
): string[] {
  const problems: string[] = [];
  const mine = rows.filter((r) => r.channelId === channelId);
  for (const row of mine) if (row.status !== 'done') problems.push(`outbox row ${row.id} is ${row.status}`);
  for (const [jobId, final] of finals) {
    const covering = mine.filter((r) => changesOf(r.payload).some((c) => c.job.id === jobId && c.to === final));
    if (covering.length !== 1) problems.push(`job ${jobId} ${final}: ${covering.length} alerts in ${channelId}`);
  }
  const writes = messages.map((m) => `${String(m.metadata?.event_payload?.outbox_id)}:${String(m.metadata?.event_payload?.step)}`);
  writes.forEach((w, i) => {
    if (writes.indexOf(w) !== i) problems.push(`Slack write ${w} made twice`);
  });
  // A row posts its own message ("main") or, for a job that has one already, a thread line.
  for (const row of mine) if (!writes.some((w) => w.startsWith(`${row.id}:`))) problems.push(`outbox row ${row.id} has no message in Slack`);
  return problems;
}

/** The outbox as an app left it in its SQLite file (read-only, alongside a running process). */
export function readSqliteOutbox(dbPath: string): OutboxRecord[] {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT id, channel_id, kind, status, payload FROM outbox').all() as Record<string, string | number>[]).map((r) => ({
      id: Number(r.id),
      channelId: String(r.channel_id),
      kind: String(r.kind),
      status: String(r.status),
      payload: JSON.parse(String(r.payload)) as unknown,
    }));
  } finally {
    db.close();
  }
}
