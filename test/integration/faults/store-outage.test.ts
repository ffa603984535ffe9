/**
 * PostgreSQL going away under one replica is an outage, not a crash. The real app (src/index.ts
 * in its own process) reaches the database through a TCP proxy the test cuts: every connection
 * dropped and new ones refused, as when the server stops, without disturbing anyone else's tests.
 * During the outage the process lives, answers what needs no database, and /healthz says the
 * store is unavailable; when the database is back it takes the lease again and the alert from
 * during the outage arrives, once. The outage is logged once when it starts and once when it ends.
 */
import { killAll, type ChildApp } from '../../support/child-process';
import { createSchema, describeWithPostgres } from '../../support/postgres';
import { startRealApp, startRealAppWorld, type RealAppWorld } from '../../support/real-app';
import { postSignedRaw } from '../../support/raw-http';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';

const CHANNEL = 'CSTORE';

interface HealthBody {
  status: string;
  store: { state: string; reason?: string };
  leader: { role: string };
  poller: { state: string };
}

async function health(port: number): Promise<{ status: number; body: HealthBody } | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(5000) });
    return { status: response.status, body: (await response.json()) as HealthBody };
  } catch (error) {
    console.log('health failed', error, (error as Error).cause);
    return null;
  }
}

async function eventually(probe: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeWithPostgres('PostgreSQL outage under one replica', () => {
  let world: RealAppWorld;
  let proxy: TcpProxy;
  let db: { url: string; drop: () => Promise<void> };
  const children: ChildApp[] = [];

  beforeEach(async () => {
    world = await startRealAppWorld();
    db = await createSchema();
    proxy = await startTcpProxy(Number(new URL(db.url).port || 5432));
  });

  afterEach(async () => {
    for (const child of children) if (child.process.exitCode !== null) console.log(`app exited ${child.process.exitCode}:\n${child.output.join('').slice(-3000)}`);
    await killAll(children);
    await proxy.close();
    await world.close();
    await db.drop();
  });

  const alertsAbout = (jobId: string) => world.slack.messages.filter((m) => m.channel === CHANNEL && m.threadTs === null && JSON.stringify(m).includes(jobId));

  test('the process lives, /healthz tells, the lease comes back and the alert from during the outage arrives once', async () => {
    const url = new URL(db.url);
    url.port = String(proxy.port);
    const app = await startRealApp(world.env({ DATABASE_URL: url.toString(), ALERT_CHANNEL: CHANNEL, LOG_LEVEL: 'info' }));
    children.push(app);
    // The first cycle records what Hume has as the baseline: only jobs after it are alerted.
    await eventually(async () => (await health(app.port))?.body.poller.state === 'running', 'the first poll cycle');

    const before = world.book.add({}).job_id;
    world.book.complete(before);
    await eventually(() => alertsAbout(before).length === 1, 'the alert from before the outage');

    await proxy.cut();
    const logsBefore = app.output.join('').split('\n').length;
    const during = world.book.add({}).job_id;
    world.book.complete(during);

    await eventually(async () => (await health(app.port))?.status === 503, '/healthz to report the outage');
    const down = (await health(app.port))!;
    expect(down.body.store.state).toBe('unavailable');
    expect(down.body.store.reason).toMatch(/database/i);
    // A command that needs no database is still answered.
    const help = await postSignedRaw(
      app.port,
      new URLSearchParams({ command: '/hume-jobs', text: 'help', team_id: 'T0', user_id: 'U0', channel_id: 'C0', response_url: world.slack.responseUrl(), trigger_id: '1.2.3' }).toString(),
      'application/x-www-form-urlencoded',
      'real-app-secret',
    );
    expect(help.status).toBe(200);
    // Hold the outage for several lease lifetimes (the lease lives 750 ms at this poll interval).
    const outageMs = 8000;
    await new Promise((resolve) => setTimeout(resolve, outageMs));
    expect(app.process.exitCode).toBeNull();
    expect((await health(app.port))?.body.leader.role).toBe('standby');
    const outageLines = app.output.join('').split('\n').slice(logsBefore - 1).filter((line) => line.trim() !== '');

    await proxy.restore();
    await eventually(async () => {
      const h = await health(app.port);
      return h?.status === 200 && h.body.leader.role === 'leader';
    }, 'the replica to lead again');
    await eventually(() => alertsAbout(during).length === 1, 'the alert from during the outage');
    // Let a few more cycles and deliveries run: nothing may repeat.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(alertsAbout(before)).toHaveLength(1);
    expect(alertsAbout(during)).toHaveLength(1);
    expect(app.process.exitCode).toBeNull();

    // One line when the store went away (and one for the lost lead), not one a second, and no stack traces.
    const storeLines = outageLines.filter((line) => /"component":"store"/.test(line));
    console.info(`log lines during an ${outageMs} ms outage: ${outageLines.length}\n${outageLines.join('\n')}`);
    expect(storeLines).toHaveLength(1);
    expect(outageLines.filter((line) => line.includes('"stack"'))).toEqual([]);
    expect(outageLines.length).toBeLessThanOrEqual(6);
    const after = app.output.join('').split('\n');
    expect(after.filter((line) => /"component":"store"/.test(line) && /available again/.test(line))).toHaveLength(1);
  }, 90_000);
});
