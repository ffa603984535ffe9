/**
 * The stand-ins and database folder a test keeps while the app restarts: one fake clock, the
 * Hume simulator with its job book, the Slack stand-in, and the folder its SQLite file lives in.
 * Start the app on them with `startAppHarness({ ...world, env })`; `close()` after the app's own.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJobBook, type JobBook } from '../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn, type SlackStandInOptions } from '../../src/simulator/slack-server';
import { TestClock } from './clock';
import { TEST_API_KEY } from './hume';

export interface RestartWorld {
  clock: TestClock;
  book: JobBook;
  hume: HumeSimulator;
  slack: SlackStandIn;
  dataDir: string;
  close(): Promise<void>;
}

export async function startRestartWorld(options: { seed: number; slack?: Omit<SlackStandInOptions, 'now'> }): Promise<RestartWorld> {
  const clock = new TestClock();
  const book = createJobBook({ clock, seed: options.seed });
  const [hume, slack] = await Promise.all([startHumeSimulator({ book, apiKey: TEST_API_KEY }), startSlackStandIn({ ...options.slack, now: () => clock.now() })]);
  const dataDir = mkdtempSync(join(tmpdir(), 'hume-jobs-world-'));
  return {
    clock,
    book,
    hume,
    slack,
    dataDir,
    async close() {
      await Promise.all([hume.close(), slack.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
