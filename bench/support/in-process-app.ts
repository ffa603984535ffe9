/**
 * The app in the benchmark's own process, started as production starts it (composition root,
 * SQLite store, leader lease). After its first cycle its poll and delivery loops are stopped
 * (the lease stays held) and the idle-cycle section calls the poller's `runCycle()` itself, so
 * process.cpuUsage around that call is the poller's cost and nothing else's: the simulator is
 * another process, and no loop of the app runs between the calls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHumeJobsApp } from '../../src/app';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import { startSlackStandIn } from '../../src/simulator/slack-server';
import type { Watcher } from '../baselines/watcher';
import { appEnv, logProblems } from './app-process';

export interface PollerWatcher extends Watcher {
  /** Requests the poller itself counted in its last cycle (cross-checks the simulator's count). */
  lastReported: number;
  problems(): string[];
  close(): Promise<void>;
}

export async function createPollerWatcher(humeUrl: string): Promise<PollerWatcher> {
  const dir = mkdtempSync(join(tmpdir(), 'hume-jobs-bench-'));
  // Start-up checks the bot token (auth.test); after that an idle cycle calls Slack for nothing.
  const slack = await startSlackStandIn();
  // The production default interval: the look-back (2 min) is the same as at 1 s, and the lease
  // is renewed every 15 s instead of every 0.5 s, which keeps its writes out of the figures.
  const config = loadConfig(appEnv({ humeUrl, slackApiUrl: slack.apiUrl, pollInterval: '30s' }, join(dir, 'hume-jobs.db')));
  const logs: string[] = [];
  let firstCycle: () => void = () => undefined;
  const firstCycleDone = new Promise<void>((resolve) => (firstCycle = resolve));
  const app = await createHumeJobsApp(config, createLogger('info', { write: (line: string) => void logs.push(line) }), { onCycle: () => firstCycle() });
  await app.start();
  await firstCycleDone;
  await app.poller!.stop();
  await app.delivery!.stop();
  const poller = app.poller!;
  const problems: string[] = [];
  const watcher: PollerWatcher = {
    name: 'hume-jobs (change feed)',
    lastReported: 0,
    async cycle() {
      const report = await poller.runCycle();
      watcher.lastReported = report.requests;
      if (!report.ok) problems.push(`a poll cycle failed: ${String(report.error)}`);
      return report.changes;
    },
    problems: () => [...logProblems(logs), ...problems],
    async close() {
      await app.stop();
      await slack.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return watcher;
}
