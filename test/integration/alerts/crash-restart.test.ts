/**
 * The app in its own process is killed with SIGKILL in the middle of a burst of status changes,
 * restarted on the same database, and every alert still arrives exactly once. Real time: the
 * burst lasts a few seconds; nothing here waits on a fixed sleep for correctness.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src/clock';
import { createJobBook, mulberry32 } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn, type StoredMessage } from '../../../src/simulator/slack-server';
import { killAll, startChildApp, type ChildApp } from '../../support/child-process';
import { waitFor } from '../../support/app-harness';
import { TEST_API_KEY } from '../../support/hume';
import { auditDelivery, readSqliteOutbox } from '../../support/outbox-audit';

let hume: HumeSimulator;
let slack: SlackStandIn;
let dir: string;
const children: ChildApp[] = [];

afterEach(async () => {
  await killAll(children);
  await hume?.close();
  await slack?.close();
  rmSync(dir, { recursive: true, force: true });
});

const pendingAlerts = (dbPath: string) => readSqliteOutbox(dbPath).filter((row) => row.status === 'pending').length;

const isMain = (m: StoredMessage) => m.threadTs === null;

test('SIGKILL mid-burst, restart on the same database: every alert delivered exactly once', async () => {
  dir = mkdtempSync(join(tmpdir(), 'hume-jobs-crash-'));
  const dbPath = join(dir, 'hume-jobs.db');
  const book = createJobBook({ clock: systemClock, seed: 3 });
  hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
  slack = await startSlackStandIn();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-crash-test',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: slack.apiUrl,
    HUME_API_KEY: TEST_API_KEY,
    HUME_API_URL: hume.url,
    DATABASE_URL: `sqlite:${dbPath}`,
    PORT: '0',
    POLL_INTERVAL: '500ms',
    ALERT_CHANNEL: 'CFINAL',
    LOG_LEVEL: 'info',
    CHILD_CHANNEL_GAP_MS: '15',
  };
  children.push(await startChildApp({ ...env, CHILD_OWNER: 'first' }));
  // The first cycle records the (empty) account; wait for it before any job exists.
  await waitFor(() => children[0]!.output.join('').includes('"msg":"hume-jobs started"'), 'the first start');
  const subscribe = new Database(dbPath);
  subscribe
    .prepare("INSERT INTO subscriptions (channel_id, kinds, mention, created_by, created_at) VALUES ('CALL', 'queued,running,completed,failed', NULL, 'test', 0)")
    .run();
  subscribe.close();
  await new Promise((r) => setTimeout(r, 700));

  // 60 jobs created over 6 s, each queued → running → completed or failed within a few seconds.
  const random = mulberry32(99);
  const ids: string[] = [];
  const started = Date.now();
  const finals = new Map<string, string>();
  const creator = setInterval(() => {
    while (ids.length < 60 && ids.length * 100 <= Date.now() - started) {
      const fails = random() < 0.25;
      const job = book.add({
        plan: {
          startAfterMs: Math.floor(random() * 1500),
          runMs: 200 + Math.floor(random() * 2500),
          outcome: fails ? { status: 'FAILED', message: 'Media too long' } : { status: 'COMPLETED', numPredictions: 3, numErrors: 0 },
        },
      });
      ids.push(job.job_id);
      finals.set(job.job_id, fails ? 'FAILED' : 'COMPLETED');
    }
  }, 20);

  await new Promise((r) => setTimeout(r, 3000));
  children[0]!.process.kill('SIGKILL');
  await children[0]!.exited;
  const postedBeforeKill = slack.messages.length;
  children.push(await startChildApp({ ...env, CHILD_OWNER: 'second' }));

  await waitFor(() => ids.length === 60 && book.list().every((j) => j.state.status === 'COMPLETED' || j.state.status === 'FAILED'), 'every job to finish', 20_000);
  clearInterval(creator);
  // Two more cycles see the last changes; then the outbox must drain.
  await new Promise((r) => setTimeout(r, 1500));
  await waitFor(() => pendingAlerts(dbPath) === 0, 'the outbox to drain', 20_000).catch((error: unknown) => {
    console.log(children.map((c) => c.output.join('').split('\n').slice(-12).join('\n')).join('\n----\n'));
    throw error;
  });

  expect(postedBeforeKill).toBeGreaterThan(0);
  expect(slack.messages.length).toBeGreaterThan(postedBeforeKill);

  // None twice, none missing: each job's final status reached CFINAL exactly once (its own
  // alert or a digest), every row was delivered, and no Slack write happened twice.
  const rows = readSqliteOutbox(dbPath);
  const expected = new Map(ids.map((id) => [id, finals.get(id) === 'FAILED' ? ('failed' as const) : ('completed' as const)]));
  expect(auditDelivery(rows, slack.messages, 'CFINAL', expected)).toEqual([]);
  expect(auditDelivery(rows, slack.messages, 'CALL', new Map())).toEqual([]);
  // The channel following every status has one message per job, edited in place as it moved on.
  const followed = slack.messages.filter((m) => m.channel === 'CALL' && isMain(m) && !/job updates/.test(m.text));
  for (const id of ids) {
    const own = followed.filter((m) => JSON.stringify(m.blocks).includes(id));
    expect(own.length).toBeLessThanOrEqual(1);
    if (own.length === 1) expect(own[0]!.text.toUpperCase()).toContain(finals.get(id)!);
  }
}, 60_000);
