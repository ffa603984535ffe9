/**
 * Everything the demo runs, started in order and stopped in reverse: the simulated Hume, the
 * Slack stand-in, a temporary folder for SQLite and logs, and hume-jobs itself, built by
 * `createHumeJobsApp` from a `loadConfig` config exactly as production builds it.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHumeJobsApp } from '../app';
import { loadConfig } from '../config/config';
import type { SourceName } from '../jobs/job';
import { createLogger } from '../logging/logger';
import { startSlackStandIn, type SlackStandIn } from '../simulator/slack-server';
import { startDemoHume } from './hume-world';
import { pollIntervalMs } from './options';

/** Who types at the demo's prompt (main.ts sends commands as this user). */
export const DEMO_USER_ID = 'U0DEMOUSER';

export interface StackOptions {
  source: SourceName;
  speed: number;
  seed: number;
  logLevel: string;
  /** Subscribed at start through ALERT_CHANNEL, so alerts appear on their own. */
  alertChannel: string;
  signingSecret: string;
}

export interface DemoStack {
  slack: SlackStandIn;
  eventsUrl: string;
  dataDir: string;
  pollMs: number;
  /** Errors the app logged (its log is in the temp dir, which goes at exit). */
  errors(): { count: number; last: string };
  stop(): Promise<void>;
}

const BOT_TOKEN = 'xoxb-demo-bot-token';
/** pino's number for `error`. */
const ERROR = 50;

/** The app's log, written to a file so it never mixes with the view of Slack; errors counted. */
function fileLog(path: string) {
  let count = 0;
  let last = '';
  return {
    write(line: string): void {
      appendFileSync(path, line);
      const entry = JSON.parse(line) as { level?: number; msg?: string };
      if ((entry.level ?? 0) >= ERROR) {
        count += 1;
        last = entry.msg ?? '';
      }
    },
    errors: () => ({ count, last }),
  };
}

/** The running demo. */
export async function startDemoStack(options: StackOptions): Promise<DemoStack> {
  const closers: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    for (const close of closers.splice(0).reverse()) await close();
  };
  try {
    const hume = await startDemoHume(options.source, { speed: options.speed, seed: options.seed });
    closers.push(() => hume.close());
    // The person typing at the prompt, in this machine's zone: `notify me`, `watch` and `digest` need them.
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const offsetSeconds = -new Date().getTimezoneOffset() * 60;
    const slack = await startSlackStandIn({ users: [{ id: DEMO_USER_ID, name: 'you', tz: zone, offsetSeconds }] });
    closers.push(() => slack.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'hume-jobs-demo-'));
    closers.push(() => rmSync(dataDir, { recursive: true, force: true }));

    const pollMs = pollIntervalMs(options.speed);
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: options.signingSecret,
      SLACK_API_URL: slack.apiUrl,
      HUME_API_KEY: hume.apiKey,
      HUME_SOURCE: options.source,
      HUME_API_URL: hume.url,
      DATABASE_URL: `sqlite:${join(dataDir, 'hume-jobs.db')}`,
      PORT: '0',
      POLL_INTERVAL: `${pollMs}ms`,
      ALERT_CHANNEL: options.alertChannel,
      LOG_LEVEL: options.logLevel,
    });
    const log = fileLog(join(dataDir, 'hume-jobs.log'));
    const app = await createHumeJobsApp(config, createLogger(config.logLevel, log));
    const port = await app.start();
    // Stopped first: the app finishes its current work while Hume and Slack still answer.
    closers.push(() => app.stop());
    return { slack, eventsUrl: `http://127.0.0.1:${port}/slack/events`, dataDir, pollMs, errors: log.errors, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
