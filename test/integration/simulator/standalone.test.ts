/**
 * `npm run simulator` as a team would run it: a process of its own, found by the URL it prints,
 * accepting only its key, with jobs that move on their own, and stopped by a signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { waitFor } from '../../support/app-harness';
import { killAll, startChildApp, type ChildApp } from '../../support/child-process';

// Until the integration project has its own testTimeout (jest's 5 s is short for child processes on a busy machine).

const ROOT = resolve(__dirname, '../../..');
const ENTRY = ['--import', 'tsx', 'src/simulator/main.ts'];
const KEY = 'hk-standalone-3c7e91';

interface Simulator {
  child: ChildProcess;
  url: string;
  /** The start line as printed. */
  line: string;
  stdout(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function spawnSimulator(env: Record<string, string>): { child: ChildProcess; out: string[]; err: string[]; exited: Simulator['exited'] } {
  // Only what it needs: nothing from the developer's environment (a HUME_API_KEY, a PORT) leaks in.
  const child = spawn(process.execPath, ENTRY, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.push(child);
  const out: string[] = [];
  const err: string[] = [];
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return { child, out, err, exited };
}

/** Starts it on a free port and resolves with the URL from its start line. */
async function startSimulator(env: Record<string, string> = {}): Promise<Simulator> {
  const { child, out, err, exited } = spawnSimulator({ PORT: '0', ...env });
  const line = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`no start line within 30 s:\n${out.join('')}${err.join('')}`)), 30_000);
    child.stdout?.on('data', () => {
      const found = /^Hume simulator .*$/m.exec(out.join(''));
      if (found) {
        clearTimeout(timer);
        ready(found[0]);
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      fail(new Error(`exited (${code}) before starting:\n${out.join('')}${err.join('')}`));
    });
  });
  const url = /at (http:\/\/127\.0\.0\.1:\d+),/.exec(line)?.[1];
  if (!url) throw new Error(`no loopback URL in: ${line}`);
  return { child, url, line, stdout: () => out.join(''), exited };
}

async function get(url: string, key?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, { headers: key === undefined ? {} : { 'x-hume-api-key': key } });
  return { status: response.status, body: await response.json() };
}

type Listed = { job_id: string; state: { status: string } }[];

/** Polls until `test` holds (each poll waits for the previous answer), failing after `withinMs`. */
async function eventually<T>(probe: () => Promise<T>, test: (value: T) => boolean, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const value = await probe();
    if (test(value)) return value;
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms; last: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((next) => setTimeout(next, 100));
  }
}

describe('npm run simulator', () => {
  it('is the package script, run as this test runs it', () => {
    const scripts = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.simulator).toBe(`node ${ENTRY.join(' ')}`);
  });

  it('prints its URL and key, answers only that key, moves jobs on its own, and stops on SIGTERM', async () => {
    const sim = await startSimulator({ HUME_API_KEY: KEY });
    expect(sim.line).toBe(
      `Hume simulator (batch jobs API /v0/batch/jobs) at ${sim.url}, key ${KEY}; point the app at it with HUME_SOURCE=batch HUME_API_URL=${sim.url} HUME_API_KEY=${KEY} npm start`,
    );
    const jobs = `${sim.url}/v0/batch/jobs?limit=100`;
    const first = await get(jobs, KEY);
    expect(first.status).toBe(200);
    expect((first.body as Listed).length).toBeGreaterThan(10);
    expect((await get(jobs)).status).toBe(401);
    expect((await get(jobs, 'another-key')).status).toBe(401);

    // The demo's world: jobs in flight when it starts move on within seconds.
    const before = new Map((first.body as Listed).map((job) => [job.job_id, job.state.status]));
    const statusesNow = async () => (await get(jobs, KEY)).body as Listed;
    const later = await eventually(statusesNow, (list) => list.some((job) => before.has(job.job_id) && before.get(job.job_id) !== job.state.status), 60_000);
    expect(later.length).toBeGreaterThanOrEqual(before.size);

    sim.child.kill('SIGTERM');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
    expect(sim.stdout()).toContain('Hume simulator stopped (SIGTERM).');
    await expect(fetch(jobs)).rejects.toThrow();
  });

  it('serves the runs API with HUME_SOURCE=runs, makes up a key when none is given, and stops on SIGINT', async () => {
    const sim = await startSimulator({ HUME_SOURCE: 'runs' });
    const key = /key (sim-[0-9a-f]{24}) \(generated: set HUME_API_KEY to choose it\)/.exec(sim.line)?.[1];
    expect(key).toBeDefined();
    expect(sim.line).toContain(`HUME_SOURCE=runs HUME_API_URL=${sim.url} HUME_API_KEY=${key} npm start`);
    const runs = `${sim.url}/v1/expression/run`;
    const listed = await get(runs, key);
    expect(listed.status).toBe(200);
    expect((listed.body as { runs?: unknown[] }).runs?.length).toBeGreaterThan(0);
    expect((await get(runs)).status).toBe(401);
    expect((await get(`${sim.url}/v0/batch/jobs`, key)).status).toBe(404);
    sim.child.kill('SIGINT');
    expect(await sim.exited).toEqual({ code: 0, signal: null });
  });

  describe('pointed at by the app', () => {
    const apps: ChildApp[] = [];
    let slack: SlackStandIn | undefined;
    let dir: string | undefined;
    afterEach(async () => {
      await killAll(apps);
      await slack?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('the settings its start line prints, used as printed, make the app alert a channel', async () => {
      const sim = await startSimulator({ HUME_API_KEY: KEY });
      const printed = /point the app at it with (.*) npm start$/.exec(sim.line)?.[1] ?? '';
      const hume = Object.fromEntries(printed.split(' ').map((pair) => pair.split('=') as [string, string]));
      expect(Object.keys(hume)).toEqual(['HUME_SOURCE', 'HUME_API_URL', 'HUME_API_KEY']);
      slack = await startSlackStandIn();
      dir = mkdtempSync(join(tmpdir(), 'hume-sim-app-'));
      apps.push(
        await startChildApp({
          ...hume,
          SLACK_BOT_TOKEN: 'xoxb-sim-test',
          SLACK_SIGNING_SECRET: 'secret',
          SLACK_API_URL: slack.apiUrl,
          DATABASE_URL: `sqlite:${join(dir, 'app.db')}`,
          POLL_INTERVAL: '500ms',
          ALERT_CHANNEL: 'CSIMALERTS',
          LOG_LEVEL: 'info',
          PORT: '0',
        }),
      );
      // The demo's jobs in flight complete or fail within about 20 s of the simulator's start.
      const alert = await waitFor(() => slack?.messages.find((m) => m.channel === 'CSIMALERTS' && m.threadTs === null), 'an alert in the channel', 60_000);
      expect(alert.text).toMatch(/completed|failed/i);
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'The Hume simulator cannot start: PORT must be a whole number from 0 to 65535 (0: any free port), not "abc".'],
    [{ PORT: '70000' }, 'The Hume simulator cannot start: PORT must be a whole number from 0 to 65535 (0: any free port), not "70000".'],
    [{ HUME_SOURCE: 'foo' }, 'The Hume simulator cannot start: HUME_SOURCE must be "batch" or "runs", not "foo".'],
  ])('refuses %j with one clear line and exit code 2', async (env, line) => {
    const { out, err, exited } = spawnSimulator(env);
    expect(await exited).toEqual({ code: 2, signal: null });
    expect(err.join('')).toBe(`${line}\n`);
    expect(out.join('')).toBe('');
  });

  it('a port already taken gets one clear line and exit code 1', async () => {
    const sim = await startSimulator({ HUME_API_KEY: KEY });
    const port = new URL(sim.url).port;
    const { out, err, exited } = spawnSimulator({ PORT: port });
    expect(await exited).toEqual({ code: 1, signal: null });
    expect(err.join('')).toBe(`The Hume simulator cannot listen on 127.0.0.1:${port} (EADDRINUSE): set PORT to a free port, or PORT=0 for any.\n`);
    expect(out.join('')).toBe('');
  });
});
