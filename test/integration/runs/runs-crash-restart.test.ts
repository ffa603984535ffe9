/**
 * HUME_SOURCE=runs, the app in its own process killed with SIGKILL mid-burst and restarted on the
 * same database: every run's final status reaches the channel exactly once. Real time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src/clock';
import { mulberry32 } from '../../../src/simulator/job-book';
import { createRunBook } from '../../../src/simulator/run-book';
import { createRunsApi } from '../../../src/simulator/runs-api';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { waitFor } from '../../support/app-harness';
import { killAll, startChildApp, type ChildApp } from '../../support/child-process';
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

test('runs: SIGKILL mid-burst, restart on the same database, every final status delivered once', async () => {
  dir = mkdtempSync(join(tmpdir(), 'hume-jobs-runs-crash-'));
  const dbPath = join(dir, 'hume-jobs.db');
  const book = createRunBook({ clock: systemClock, seed: 4 });
  hume = await startHumeSimulator({ routes: [createRunsApi({ book })], apiKey: TEST_API_KEY });
  slack = await startSlackStandIn();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-runs-crash',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: slack.apiUrl,
    HUME_SOURCE: 'runs',
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
  await new Promise((r) => setTimeout(r, 700));

  // 50 runs started over 5 s, each ending or erroring within a few seconds.
  const random = mulberry32(31);
  const ids: string[] = [];
  const finals = new Map<string, 'completed' | 'failed'>();
  const started = Date.now();
  const creator = setInterval(() => {
    while (ids.length < 50 && ids.length * 100 <= Date.now() - started) {
      const fails = random() < 0.3;
      const afterMs = 300 + Math.floor(random() * 2500);
      const run = book.add({ mode: 'realtime', plan: [fails ? { afterMs, do: 'error', closeCode: 1011 } : { afterMs, do: 'end' }] });
      ids.push(run.run_id);
      finals.set(run.run_id, fails ? 'failed' : 'completed');
    }
  }, 20);

  await new Promise((r) => setTimeout(r, 2500));
  children[0]!.process.kill('SIGKILL');
  await children[0]!.exited;
  const postedBeforeKill = slack.messages.length;
  children.push(await startChildApp({ ...env, CHILD_OWNER: 'second' }));

  await waitFor(() => ids.length === 50 && ids.every((id) => ['ended', 'errored'].includes(book.get(id)?.status ?? '')), 'every run to finish', 20_000);
  clearInterval(creator);
  await new Promise((r) => setTimeout(r, 1500));
  await waitFor(() => readSqliteOutbox(dbPath).every((row) => row.status !== 'pending'), 'the outbox to drain', 20_000);

  expect(postedBeforeKill).toBeGreaterThan(0);
  expect(auditDelivery(readSqliteOutbox(dbPath), slack.messages, 'CFINAL', finals)).toEqual([]);
}, 60_000);
