/**
 * The whole app as production runs it (composition root, Bolt over HTTP, SQLite store), wired
 * to the Hume simulator and the Slack stand-in on loopback, on one fake clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { createHumeJobsApp, type AppOverrides, type HumeJobsApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { createJobBook, type JobBook } from '../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../src/simulator/server';
import { startSlackStandIn, type ResponsePost, type SlackStandIn, type SlackStandInOptions } from '../../src/simulator/slack-server';
import { TEST_API_KEY } from './hume';
import { TestClock, trackPostgres, waitFor } from './clock';
import { buttonBody, commandBody, messageButtonBody, postSigned, SIGNING_SECRET, type SignedPost } from './slack-requests';
import type { StoredMessage } from '../../src/simulator/slack-server';

export const BOT_TOKEN = 'xoxb-test-bot-token-0123456789';

export interface AppHarness {
  app: HumeJobsApp;
  port: number;
  clock: TestClock;
  book: JobBook;
  hume: HumeSimulator;
  slack: SlackStandIn;
  /** Every log line the app wrote, as raw JSON text. */
  logs: string[];
  dbPath: string;
  /**
   * Posts a signed `/hume-jobs <text>` and returns the ack and the response_url it carried. The
   * text is escaped as Slack does for a command with `should_escape: true` (as manifest.yml has
   * it) unless `escape: false` (an app made from an older manifest).
   */
  command(text: string, extra?: Record<string, string>, options?: { escape?: boolean }): Promise<SignedPost & { responseUrl: string }>;
  /** Posts a signed button click. */
  /** A button press; `triggerId` replaces the fresh trigger Slack would send (to replay a stale one). */
  click(actionId: string, value: string, triggerId?: string): Promise<SignedPost & { responseUrl: string }>;
  /** Presses a button of a message the app posted in a channel, as `userId` (the test user by default). */
  press(message: StoredMessage, actionId: string, userId?: string): Promise<SignedPost & { responseUrl: string }>;
  /** Waits (real time, bounded) for the first post to a response_url. */
  responseTo(responseUrl: string): Promise<ResponsePost>;
  close(): Promise<void>;
}

export interface AppHarnessOptions {
  env?: Record<string, string>;
  boundsInclusive?: boolean;
  clock?: TestClock;
  /** Reuse a database folder (restart tests); a new temporary one otherwise. */
  dataDir?: string;
  overrides?: AppOverrides;
  /** Reuse running stand-ins (restart tests). */
  hume?: HumeSimulator;
  slack?: SlackStandIn;
  /** How the harness's own Slack stand-in behaves (it always runs on the harness's clock). */
  slackOptions?: Omit<SlackStandInOptions, 'now'>;
  book?: JobBook;
}

// The clock helpers live in clock.ts; re-exported for the tests that import them from here.
export { runFor, runUntil, waitFor } from './clock';

export async function startAppHarness(options: AppHarnessOptions = {}): Promise<AppHarness> {
  const clock = options.clock ?? new TestClock();
  const book = options.book ?? createJobBook({ clock, seed: 7 });
  const hume = options.hume ?? (await startHumeSimulator({ book, apiKey: TEST_API_KEY, boundsInclusive: options.boundsInclusive }));
  const slack = options.slack ?? (await startSlackStandIn({ ...options.slackOptions, now: () => clock.now() }));
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hume-jobs-test-'));
  const dbPath = join(dataDir, 'db', 'hume-jobs.db');
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: slack.apiUrl,
    HUME_API_KEY: TEST_API_KEY,
    HUME_API_URL: hume.url,
    DATABASE_URL: `sqlite:${dbPath}`,
    PORT: '0',
    POLL_INTERVAL: 'off',
    LOG_LEVEL: 'debug',
    ...options.env,
  });
  // An app on PostgreSQL in this process: its queries count as in flight while the clock waits.
  if (config.database.kind === 'postgres') trackPostgres();
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, { write: (line: string) => void logs.push(line) });
  const humeDispatcher = new Agent({ keepAliveTimeout: 100, keepAliveMaxTimeout: 100 });
  const app = await createHumeJobsApp(config, logger, { clock, humeDispatcher, ...options.overrides });
  const port = await app.start();

  const withUrl = async (post: (url: string) => Promise<SignedPost>) => {
    const responseUrl = slack.responseUrl();
    return { ...(await post(responseUrl)), responseUrl };
  };
  return {
    app,
    port,
    clock,
    book,
    hume,
    slack,
    logs,
    dbPath,
    command: (text, extra, opts) =>
      withUrl((url) =>
        postSigned(port, commandBody(text, url, extra, { triggerId: slack.triggerId(), escapeWith: opts?.escape === false ? null : slack.workspace.directory() })),
      ),
    click: (actionId, value, triggerId) => withUrl((url) => postSigned(port, buttonBody(actionId, value, url, triggerId ?? slack.triggerId()))),
    press: (message, actionId, userId) => withUrl((url) => postSigned(port, messageButtonBody(message, actionId, url, slack.triggerId(), userId))),
    responseTo: (responseUrl) =>
      waitFor(() => slack.responses.find((r) => responseUrl.endsWith(`/response/${r.id}`)), `a reply at ${responseUrl}`),
    async close() {
      await app.stop();
      await humeDispatcher.close();
      if (!options.hume) await hume.close();
      if (!options.slack) await slack.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
