/**
 * Two copies of the app on one PostgreSQL database, each in its own process: both answer, one
 * polls and delivers. Killing the active copy hands the work over with no alert lost or
 * doubled; SIGTERM exits within its bound and the other copy finishes the rest.
 */
import { Client } from 'pg';
import { systemClock } from '../../../src/clock';
import { createJobBook, mulberry32, type JobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { waitFor } from '../../support/app-harness';
import { killAll, startChildApp, type ChildApp } from '../../support/child-process';
import { TEST_API_KEY } from '../../support/hume';
import { auditDelivery, type OutboxRecord } from '../../support/outbox-audit';
import { createSchema, describeWithPostgres } from '../../support/postgres';

interface Health {
  leader: { role: string; holder: string | null };
}

async function health(child: ChildApp): Promise<Health | null> {
  try {
    return (await (await fetch(`http://127.0.0.1:${child.port}/healthz`)).json()) as Health;
  } catch {
    return null;
  }
}

async function outbox(url: string): Promise<OutboxRecord[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string; channel_id: string; kind: string; status: string; payload: string }>(
      'SELECT id, channel_id, kind, status, payload FROM outbox',
    );
    return rows.map((r) => ({ id: Number(r.id), channelId: r.channel_id, kind: r.kind, status: r.status, payload: JSON.parse(r.payload) as unknown }));
  } finally {
    await client.end();
  }
}

async function pending(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'");
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** Adds `count` jobs over `spreadMs`, each moving to its final status within a few seconds. */
function burst(book: JobBook, count: number, spreadMs: number, seed: number): { ids: string[]; done: Promise<void> } {
  const random = mulberry32(seed);
  const ids: string[] = [];
  const started = Date.now();
  const done = new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      while (ids.length < count && (ids.length * spreadMs) / count <= Date.now() - started) {
        const fails = random() < 0.25;
        ids.push(
          book.add({
            plan: {
              startAfterMs: Math.floor(random() * 1000),
              runMs: 200 + Math.floor(random() * 2000),
              outcome: fails ? { status: 'FAILED', message: 'Media too long' } : { status: 'COMPLETED', numPredictions: 2, numErrors: 0 },
            },
          }).job_id,
        );
      }
      if (ids.length === count) {
        clearInterval(timer);
        resolve();
      }
    }, 20);
  });
  return { ids, done };
}

describeWithPostgres('two replicas on one PostgreSQL', () => {
  let hume: HumeSimulator;
  let slack: SlackStandIn;
  let book: JobBook;
  let db: { url: string; drop: () => Promise<void> };
  const children: ChildApp[] = [];

  beforeEach(async () => {
    db = await createSchema();
    book = createJobBook({ clock: systemClock, seed: 5 });
    hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
    slack = await startSlackStandIn();
  });

  afterEach(async () => {
    await killAll(children);
    await hume.close();
    await slack.close();
    await db.drop();
  });

  const env = () => ({
    SLACK_BOT_TOKEN: 'xoxb-replica-test',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: slack.apiUrl,
    HUME_API_KEY: TEST_API_KEY,
    HUME_API_URL: hume.url,
    DATABASE_URL: db.url,
    PORT: '0',
    POLL_INTERVAL: '500ms',
    ALERT_CHANNEL: 'CFINAL',
    LOG_LEVEL: 'info',
    CHILD_CHANNEL_GAP_MS: '10',
  });

  async function twoReplicas(): Promise<[ChildApp, ChildApp]> {
    const a = await startChildApp({ ...env(), CHILD_OWNER: 'replica-a' });
    children.push(a);
    const b = await startChildApp({ ...env(), CHILD_OWNER: 'replica-b' });
    children.push(b);
    await waitFor(() => children.length === 2, 'both replicas');
    return [a, b];
  }

  async function roles(a: ChildApp, b: ChildApp): Promise<string[]> {
    return [(await health(a))?.leader.role ?? 'down', (await health(b))?.leader.role ?? 'down'];
  }

  /** Every Slack write names its outbox row and step: none may appear twice. */
  function expectNoRepeats(): void {
    const writes = slack.messages.map((m) => `${String(m.metadata?.event_payload?.outbox_id)}:${String(m.metadata?.event_payload?.step)}`);
    expect(writes.filter((w, i) => writes.indexOf(w) !== i)).toEqual([]);
  }

  /** Lets the burst play out and the outbox drain, then audits what reached Slack. */
  async function finishAndAudit(work: { ids: string[]; done: Promise<void> }): Promise<void> {
    await work.done;
    await waitFor(() => book.list().every((j) => j.state.status === 'COMPLETED' || j.state.status === 'FAILED'), 'every job to finish', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await waitForAsync(async () => (await pending(db.url)) === 0, 'the outbox to drain');
    expectNoRepeats();
    await expectEveryFinalOnce(work.ids);
  }

  async function expectEveryFinalOnce(ids: string[]): Promise<void> {
    const finals = new Map(ids.map((id) => [id, book.get(id)!.state.status === 'FAILED' ? ('failed' as const) : ('completed' as const)]));
    expect(auditDelivery(await outbox(db.url), slack.messages, 'CFINAL', finals)).toEqual([]);
  }

  test('exactly one polls; killing it with SIGKILL mid-burst hands over with nothing lost or doubled', async () => {
    const [a, b] = await twoReplicas();
    await waitForAsync(async () => (await roles(a, b)).sort().join() === 'leader,standby', 'one leader and one standby');
    const work = burst(book, 100, 4000, 17);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const [roleA] = await roles(a, b);
    const [active, standby] = roleA === 'leader' ? [a, b] : [b, a];
    active.process.kill('SIGKILL');
    const killedAt = Date.now();
    await waitForAsync(async () => (await health(standby))?.leader.role === 'leader', 'the standby to take over');
    console.log(`takeover after SIGKILL: ${Date.now() - killedAt} ms (poll interval 500 ms)`);

    await finishAndAudit(work);
  });

  test('SIGTERM during a burst exits 0 within its bound and the other copy finishes the rest', async () => {
    const [a, b] = await twoReplicas();
    await waitForAsync(async () => (await roles(a, b)).includes('leader'), 'a leader');
    const work = burst(book, 60, 3000, 23);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [roleA] = await roles(a, b);
    const [active, standby] = roleA === 'leader' ? [a, b] : [b, a];
    const termAt = Date.now();
    active.process.kill('SIGTERM');
    const code = await active.exited;
    const exitMs = Date.now() - termAt;
    console.log(`SIGTERM to exit: ${exitMs} ms`);
    expect(code).toBe(0);
    expect(exitMs).toBeLessThan(11_000);
    await waitForAsync(async () => (await health(standby))?.leader.role === 'leader', 'the other copy to take over');

    await finishAndAudit(work);
  });
});

/** waitFor for async probes. */
async function waitForAsync(probe: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
