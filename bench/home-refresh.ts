/**
 * How long the active replica takes to refresh every App Home viewer after a change, and at what
 * pace: `views.publish` is Tier 4 (docs.slack.dev reference/methods/views.publish: 100+ a minute
 * per workspace), so a few hundred viewers take minutes whatever the machine. The refresher runs
 * on a virtual clock (each wait passes at once), so the figures are the pace the code keeps,
 * plus what one round costs this machine in real time.
 */
import { WebClient } from '@slack/web-api';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../src/clock';
import { createLogger } from '../src/logging/logger';
import { createHomeRefresher } from '../src/slack/home/home-refresher';
import { startSlackStandIn, type SlackCall } from '../src/simulator/slack-server';
import { openStore } from '../src/store';
import { logProblems } from './support/app-process';
import { count, ms, type SectionResult } from './support/report';
import { until } from './support/wait';

/** Time that passes only when someone waits: each sleep moves it on at once (after a turn of the event loop). */
function virtualClock(start: number): Clock {
  let now = start;
  return {
    now: () => now,
    sleep: async (delay, signal) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (signal?.aborted) throw signal.reason as Error;
      now += delay;
    },
  };
}

/** The most calls that fall in any one minute. */
export function busiestMinute(calls: readonly SlackCall[]): number {
  let most = 0;
  for (const [i, call] of calls.entries()) {
    let n = 0;
    for (let j = i; j < calls.length && calls[j]!.at < call.at + 60_000; j++) n++;
    most = Math.max(most, n);
  }
  return most;
}

export interface HomeRefreshResult extends SectionResult {
  publishes: number;
  fakeSeconds: number;
  perMinute: number;
}

export async function measureHomeRefresh(options: { viewers: number; timeoutMs: number }): Promise<HomeRefreshResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hume-jobs-bench-home-'));
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'home.db') });
  const clock = virtualClock(Date.now());
  const slack = await startSlackStandIn({ now: () => clock.now() });
  const logs: string[] = [];
  const refresher = createHomeRefresher({
    store,
    client: new WebClient('xoxb-bench', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }),
    clock,
    logger: createLogger('info', { write: (line: string) => void logs.push(line) }),
    polling: true,
  });
  try {
    for (let i = 0; i < options.viewers; i++) {
      const user = `U${String(i).padStart(6, '0')}`;
      await store.homeOpened(user, clock.now() - 86_400_000);
      await store.homePublished(user, 'an older tab', clock.now() - 60_000);
    }
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    refresher.start();
    await until(() => slack.callsTo('views.publish').length >= options.viewers, 'every viewer refreshed', options.timeoutMs);
    const used = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - started;
    await refresher.stop();
    const calls = slack.callsTo('views.publish');
    const fakeSeconds = (calls.at(-1)!.at - calls[0]!.at) / 1000;
    const perMinute = busiestMinute(calls);
    const problems = [
      ...(new Set(calls.map((c) => c.args.user_id)).size === options.viewers ? [] : ['a viewer was published twice, or missed']),
      ...logProblems(logs),
    ];
    return {
      title: 'App Home refresh: every viewer after a change',
      tables: [
        {
          headers: ['viewers', 'views.publish calls', 'time to refresh all (s, paced)', 'busiest minute (calls)', 'real time ms', 'CPU ms'],
          rows: [[count(options.viewers), count(calls.length), fakeSeconds.toFixed(0), count(perMinute), ms(wallMs), ms((used.user + used.system) / 1000)]],
        },
      ],
      method:
        `${count(options.viewers)} viewers recorded in a SQLite store (as if they had opened the tab on any replica), each showing an older tab; the active replica's refresher (src/slack/home/home-refresher.ts) publishes the new tab to each once, against the Slack stand-in. It paces itself to 90 calls a minute, below views.publish's Tier 4 (100+ a minute per workspace), to leave room for the publishes people trigger by opening the tab, and sits out any Retry-After. Time is virtual (each wait passes at once), so "time to refresh all" is the pace the code keeps, the same on any machine; real time and CPU are what the ${count(options.viewers)} publishes and the rounds' store reads cost this machine.`,
      problems,
      publishes: calls.length,
      fakeSeconds,
      perMinute,
    };
  } finally {
    await refresher.stop();
    await slack.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
