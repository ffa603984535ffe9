/**
 * Reads what the app did from its own outbox and from Slack, and checks the alerting promise:
 * each job's final status reached the channel exactly once (as its own alert or inside a digest),
 * every alert row was delivered, and no Slack write was made twice.
 */
import Database from 'better-sqlite3';
import { Client } from 'pg';
import type { StoredMessage } from '../../src/simulator/slack-server';

export interface OutboxRecord {
  id: number;
  channelId: string;
  kind: string;
  status: string;
  payload: unknown;
  /** Folded into a backlog digest at delivery (its `steps` say so): the digest tells its change instead. */
  folded: boolean;
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
  const all = rows.filter((r) => r.channelId === channelId);
  for (const row of all) if (row.status !== 'done') problems.push(`outbox row ${row.id} is ${row.status}`);
  // A row folded into a backlog digest is said by that digest (delivery does it when a channel
  // falls behind: more likely on a busy machine), so it neither counts nor posts on its own.
  const mine = all.filter((r) => !r.folded);
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

/** What an app's database shows: the outbox, and each job's status as the poller recorded it. */
export interface StoreView {
  outbox: OutboxRecord[];
  statuses: Map<string, string>;
}

interface RawOutbox {
  id: string | number;
  channel_id: string;
  kind: string;
  status: string;
  payload: string;
  steps: string;
}

const OUTBOX_SQL = 'SELECT id, channel_id, kind, status, payload, steps FROM outbox';
const STATUSES_SQL = 'SELECT id, status FROM job_states';

function toView(outbox: RawOutbox[], statuses: { id: string; status: string }[]): StoreView {
  return {
    outbox: outbox.map((r) => ({
      id: Number(r.id),
      channelId: r.channel_id,
      kind: r.kind,
      status: r.status,
      payload: JSON.parse(r.payload) as unknown,
      folded: 'folded' in (JSON.parse(r.steps) as Record<string, unknown>),
    })),
    statuses: new Map(statuses.map((r) => [r.id, r.status])),
  };
}

/** The store as an app left it in its SQLite file (read-only, alongside a running process). */
export function readSqliteStore(dbPath: string): StoreView {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  try {
    return toView(db.prepare(OUTBOX_SQL).all() as RawOutbox[], db.prepare(STATUSES_SQL).all() as { id: string; status: string }[]);
  } finally {
    db.close();
  }
}

/** The outbox as an app left it in its SQLite file. */
export function readSqliteOutbox(dbPath: string): OutboxRecord[] {
  return readSqliteStore(dbPath).outbox;
}

/** The store as the replicas left it in PostgreSQL (`url` names their schema). */
export async function readPostgresStore(url: string): Promise<StoreView> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const outbox = await client.query<RawOutbox>(OUTBOX_SQL);
    const statuses = await client.query<{ id: string; status: string }>(STATUSES_SQL);
    return toView(outbox.rows, statuses.rows);
  } finally {
    await client.end();
  }
}

/**
 * Waits (real time, bounded) until the store shows every job at its final status and no alert
 * left pending: the app has seen the end of the burst and delivered it, so an audit now judges
 * what it did, not how far it got. Returns that view; on timeout, says which jobs or rows lag.
 */
export async function untilStoreShowsFinals(
  read: () => StoreView | Promise<StoreView>,
  finals: Map<string, 'completed' | 'failed'>,
  timeoutMs = 30_000,
): Promise<StoreView> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = await Promise.resolve()
      .then(read)
      .catch(() => null); // a read racing the app's write lock: look again
    const lagging = view ? [...finals].filter(([id, final]) => view.statuses.get(id) !== final).map(([id]) => id) : [...finals.keys()];
    const pending = view ? view.outbox.filter((row) => row.status === 'pending').map((row) => row.id) : [];
    if (view && lagging.length === 0 && pending.length === 0) return view;
    if (Date.now() > deadline) {
      throw new Error(`the store did not show every final status: ${lagging.length} jobs not final (${lagging.slice(0, 5).join(', ')}), pending rows ${pending.slice(0, 10).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
