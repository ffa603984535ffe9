/**
 * The app in its own process is killed with SIGKILL in the middle of a burst of status changes,
 * restarted on the same database, and every alert still arrives exactly once: for batch jobs and
 * for runs. Real time, but nothing waits on a fixed sleep: each step waits for what the app
 * reports (its first cycle committed, alerts in Slack, every final status in its store).
 */
import { ANY_JOB_KEY } from '../../../src/store/sql-subscriptions';
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src/clock';
import { createJobBook, mulberry32 } from '../../../src/simulator/job-book';
import { createRunBook } from '../../../src/simulator/run-book';
import { createRunsApi } from '../../../src/simulator/runs-api';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn, type StoredMessage } from '../../../src/simulator/slack-server';
import { killAll, startChildApp, type ChildApp } from '../../support/child-process';
import { waitFor } from '../../support/clock';
import { TEST_API_KEY } from '../../support/hume';
import { auditDelivery, readSqliteStore, untilStoreShowsFinals } from '../../support/outbox-audit';

type Final = 'completed' | 'failed';

/** One Hume API behind the simulator, and how a job that ends within a few seconds is made there. */
interface Source {
  name: 'batch' | 'runs';
  start(): Promise<{ hume: HumeSimulator; add: (random: () => number) => { id: string; final: Final } }>;
}

const SOURCES: Source[] = [
  {
    name: 'batch',
    async start() {
      const book = createJobBook({ clock: systemClock, seed: 3 });
      const hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
      return {
        hume,
        add(random) {
          const fails = random() < 0.25;
          const plan = {
            startAfterMs: Math.floor(random() * 1500),
            runMs: 200 + Math.floor(random() * 2500),
            outcome: fails ? ({ status: 'FAILED', message: 'Media too long' } as const) : ({ status: 'COMPLETED', numPredictions: 3, numErrors: 0 } as const),
          };
          return { id: book.add({ plan }).job_id, final: fails ? 'failed' : 'completed' };
        },
      };
    },
  },
  {
    name: 'runs',
    async start() {
      const book = createRunBook({ clock: systemClock, seed: 4 });
      const hume = await startHumeSimulator({ routes: [createRunsApi({ book })], apiKey: TEST_API_KEY });
      return {
        hume,
        add(random) {
          const fails = random() < 0.3;
          const afterMs = 300 + Math.floor(random() * 2500);
          const run = book.add({ mode: 'realtime', plan: [fails ? { afterMs, do: 'error', closeCode: 1011 } : { afterMs, do: 'end' }] });
          return { id: run.run_id, final: fails ? 'failed' : 'completed' };
        },
      };
    },
  },
];

let hume: HumeSimulator | undefined;
let slack: SlackStandIn | undefined;
let dir: string | undefined;
let creator: NodeJS.Timeout | undefined;
const children: ChildApp[] = [];

afterEach(async () => {
  clearInterval(creator);
  await killAll(children);
  await hume?.close();
  await slack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const isMain = (m: StoredMessage) => m.threadTs === null;
const JOBS = 60;

describe.each(SOURCES)('$name: SIGKILL mid-burst, restart on the same database', (source) => {
  test('every alert delivered exactly once', async () => {
    dir = mkdtempSync(join(tmpdir(), `hume-jobs-crash-${source.name}-`));
    const dbPath = join(dir, 'hume-jobs.db');
    const started = await source.start();
    hume = started.hume;
    slack = await startSlackStandIn();
    const env = {
      SLACK_BOT_TOKEN: 'xoxb-crash-test',
      SLACK_SIGNING_SECRET: 'secret',
      SLACK_API_URL: slack.apiUrl,
      HUME_SOURCE: source.name,
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
    // The first cycle records the (empty) account without alerting: wait until it has committed.
    await waitFor(() => firstCycleDone(dbPath), 'the first poll cycle', 20_000);
    const subscribe = new Database(dbPath);
    // The channel's row, and its one subscription (about every job): what `subscribe` writes.
    subscribe.prepare("INSERT INTO subscriptions (channel_id, kinds, mention, created_by, created_at) VALUES ('CALL', '', NULL, 'test', 0)").run();
    subscribe
      .prepare(
        "INSERT INTO channel_subscriptions (channel_id, kinds, match_key, mention, created_by, created_at) VALUES ('CALL', 'queued,running,completed,failed', ?, NULL, 'test', 0)",
      )
      .run(ANY_JOB_KEY);
    subscribe.close();

    // 60 jobs created over 6 s, each ending within a few seconds.
    const random = mulberry32(99);
    const finals = new Map<string, Final>();
    const burstStart = Date.now();
    creator = setInterval(() => {
      while (finals.size < JOBS && finals.size * 100 <= Date.now() - burstStart) {
        const { id, final } = started.add(random);
        finals.set(id, final);
      }
    }, 20);

    // Killed once it is delivering: far more alerts than these few are still to come.
    await waitFor(() => slack!.messages.length >= 5, 'the first alerts in Slack', 20_000);
    children[0]!.process.kill('SIGKILL');
    await children[0]!.exited;
    const postedBeforeKill = slack.messages.length;
    children.push(await startChildApp({ ...env, CHILD_OWNER: 'second' }));

    await waitFor(() => finals.size === JOBS, 'the whole burst to be created', 20_000);
    clearInterval(creator);
    // Audit only once the store shows every job's final status and nothing pending.
    const { outbox } = await untilStoreShowsFinals(() => readSqliteStore(dbPath), finals).catch((error: unknown) => {
      console.log(children.map((c) => c.output.join('').split('\n').slice(-12).join('\n')).join('\n----\n'));
      throw error;
    });

    expect(postedBeforeKill).toBeGreaterThan(0);
    expect(slack.messages.length).toBeGreaterThan(postedBeforeKill);
    // None twice, none missing: each job's final status reached CFINAL exactly once (its own
    // alert or a digest), every row was delivered, and no Slack write happened twice.
    expect(auditDelivery(outbox, slack.messages, 'CFINAL', finals)).toEqual([]);
    expect(auditDelivery(outbox, slack.messages, 'CALL', new Map())).toEqual([]);
    // The channel following every status has one message per job, edited in place as it moved on.
    const followed = slack.messages.filter((m) => m.channel === 'CALL' && isMain(m) && !/job updates/.test(m.text));
    for (const [id, final] of finals) {
      const own = followed.filter((m) => JSON.stringify(m.blocks).includes(id));
      expect(own.length).toBeLessThanOrEqual(1);
      if (own.length === 1) expect(own[0]!.text).toMatch(final === 'failed' ? /failed/i : /completed|ended/i);
    }
  });
});

/** The poller's first cycle has committed its high-water mark. */
function firstCycleDone(dbPath: string): boolean {
  try {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      return db.prepare("SELECT 1 FROM poller_progress WHERE key = 'created_hwm'").get() !== undefined;
    } finally {
      db.close();
    }
  } catch {
    return false; // not created yet, or mid-migration
  }
}
