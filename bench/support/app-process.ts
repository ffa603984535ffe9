/**
 * The app in its own process, configured by environment settings as in production, with Slack's
 * real per-channel pace. Its own process keeps its latency and memory apart from the simulators
 * and the load the benchmark makes.
 */
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startChildApp, type ChildApp } from '../../test/support/child-process';
import { SIGNING_SECRET } from '../../test/support/slack-requests';
import type { AppEntry } from './app-entry';
import { until } from './wait';

export const BENCH_API_KEY = 'hk-bench-0000000000000000';

export interface AppSettings {
  humeUrl: string;
  slackApiUrl: string;
  pollInterval: string;
  alertChannel?: string;
  /** An existing SQLite file (seeded store); a new temporary one otherwise. */
  dbPath?: string;
}

export interface AppProcess {
  port: number;
  pid: number;
  /** Resolves once a poll cycle has ended after `after` (Unix ms). */
  waitForCycle(after: number, timeoutMs?: number): Promise<number>;
  /** VmRSS and VmHWM (peak) of the app's process, in MiB. */
  memory(): { rssMiB: number; peakMiB: number };
  /** Errors the app logged, and failed cycles or deliveries: none is expected in a benchmark. */
  problems(): string[];
  stop(): Promise<void>;
}

/** Warnings that mean an alert or a cycle did not go through (the simulators never fail here). */
const PROBLEM_MESSAGES = new Set(['poll cycle failed', 'alert not delivered', 'delivery round failed', 'Hume call failed', 'could not deliver the error reply']);

export function appEnv(settings: AppSettings, dbPath: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: 'xoxb-bench-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: settings.slackApiUrl,
    HUME_API_KEY: BENCH_API_KEY,
    HUME_API_URL: settings.humeUrl,
    DATABASE_URL: `sqlite:${dbPath}`,
    PORT: '0',
    POLL_INTERVAL: settings.pollInterval,
    // info: the start-up line carries the port; alerts log one line each, which is cheap.
    LOG_LEVEL: 'info',
    ...(settings.alertChannel ? { ALERT_CHANNEL: settings.alertChannel } : {}),
  };
}

/** Log lines (pino JSON) that show misbehaviour; anything that is not JSON is a crash trace. */
export function logProblems(output: readonly string[]): string[] {
  const problems: string[] = [];
  for (const line of output.join('').split('\n')) {
    if (line.trim() === '') continue;
    let entry: { level?: number; msg?: string };
    try {
      entry = JSON.parse(line) as { level?: number; msg?: string };
    } catch {
      problems.push(`app printed: ${line.slice(0, 300)}`);
      continue;
    }
    if ((entry.level ?? 0) >= 50 || PROBLEM_MESSAGES.has(entry.msg ?? '')) problems.push(`app logged: ${line.slice(0, 300)}`);
  }
  return problems;
}

function readStatusMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

export async function startAppProcess(settings: AppSettings, entry: AppEntry): Promise<AppProcess> {
  const dir = settings.dbPath ? null : mkdtempSync(join(tmpdir(), 'hume-jobs-bench-'));
  const dbPath = settings.dbPath ?? join(dir!, 'hume-jobs.db');
  const child: ChildApp = await startChildApp({ ...appEnv(settings, dbPath), ...entry.env }, entry);
  const pid = child.process.pid ?? 0;
  const base = `http://127.0.0.1:${child.port}`;
  const extra: string[] = [];

  return {
    port: child.port,
    pid,
    waitForCycle: (after, timeoutMs = 30_000) =>
      until(
        async () => {
          const body = (await (await fetch(`${base}/healthz`)).json()) as { poller?: { lastCycleAt?: number } };
          const at = body.poller?.lastCycleAt;
          return typeof at === 'number' && at > after ? at : null;
        },
        'a poll cycle (GET /healthz)',
        timeoutMs,
        50,
      ),
    memory: () => ({ rssMiB: readStatusMiB(pid, 'VmRSS'), peakMiB: readStatusMiB(pid, 'VmHWM') }),
    problems: () => [...logProblems(child.output), ...extra],
    async stop() {
      if (child.process.exitCode === null) child.process.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), 15_000)));
      const code = await Promise.race([child.exited, timeout]);
      clearTimeout(timer);
      if (code === 'timeout') {
        extra.push('the app did not stop within 15 s of SIGTERM');
        child.process.kill('SIGKILL');
        await child.exited;
      } else if (code !== 0) {
        extra.push(`the app exited with code ${String(code)} on SIGTERM`);
      }
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
