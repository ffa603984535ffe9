/**
 * Starting for real: the production entry (src/index.ts) in a process of its own, against
 * addresses that refuse connections and stand-ins that refuse the token or key. Each failure is
 * one line on stderr that names the service, the address tried and what to check; the process
 * exits 1; no secret and no stack trace appear anywhere in its output. With everything right it
 * starts, and says so, in about a second.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemClock } from '../../../src/clock';
import { createJobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';

const ROOT = resolve(__dirname, '../../..');
const SECRETS = {
  SLACK_BOT_TOKEN: 'xoxb-start-test-secret-bot-token',
  SLACK_SIGNING_SECRET: 'start-test-secret-signing',
  HUME_API_KEY: 'start-test-secret-hume-key',
};

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

let dir = '';
let slack: SlackStandIn | null = null;
let hume: HumeSimulator | null = null;
const servers: Server[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hume-jobs-start-'));
  slack = await startSlackStandIn();
  hume = await startHumeSimulator({ book: createJobBook({ clock: systemClock }), apiKey: SECRETS.HUME_API_KEY });
});

afterEach(async () => {
  await slack?.close();
  await hume?.close();
  for (const server of servers.splice(0)) await new Promise((done) => server.close(done));
  rmSync(dir, { recursive: true, force: true });
});

/** A loopback port nothing listens on: bound, then released, so connecting to it is refused. */
async function refusingPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** A port something else holds for the length of the test. */
async function takenPort(): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((ready) => server.listen(0, ready));
  return (server.address() as { port: number }).port;
}

/**
 * Runs `node --import tsx src/index.ts` until it exits, or until it logs that it started (then
 * it is stopped with SIGTERM). A .env of the developer's is kept out with DOTENV_CONFIG_PATH.
 */
function runEntry(env: Record<string, string>): Promise<Run> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DOTENV_CONFIG_PATH: join(dir, 'no.env'),
      ...SECRETS,
      SLACK_API_URL: slack!.apiUrl,
      HUME_API_URL: hume!.url,
      DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
      PORT: '0',
      POLL_INTERVAL: 'off',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let ms = -1;
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (ms < 0 && stdout.includes('"msg":"hume-jobs started"')) {
      ms = Date.now() - started;
      child.kill('SIGTERM');
    }
  });
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
  return new Promise((done) => child.once('close', (code) => done({ code, stdout, stderr, ms })));
}

/** The contract of every start failure: one line, exit 1, nothing secret, no stack. */
function expectOneLine(run: Run, line: RegExp): void {
  expect(run.code).toBe(1);
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(line);
  const everything = run.stdout + run.stderr;
  for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
  expect(everything).not.toMatch(/^\s+at /m);
  expect(run.stdout).not.toContain('hume-jobs started');
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

test('Slack refusing connections: names Slack, the address and SLACK_API_URL', async () => {
  const url = `http://127.0.0.1:${await refusingPort()}/api/`;
  const run = await runEntry({ SLACK_API_URL: url });
  expectOneLine(run, new RegExp(`^hume-jobs cannot start: Slack did not answer at ${escaped(url)} \\(ECONNREFUSED\\): check SLACK_API_URL`));
});

test('Slack answering invalid_auth to auth.test: names the bot token and where to copy it', async () => {
  slack!.faults.push({ method: 'auth.test', error: 'invalid_auth' });
  const run = await runEntry({});
  expectOneLine(
    run,
    new RegExp(`^hume-jobs cannot start: Slack rejected SLACK_BOT_TOKEN at ${escaped(slack!.apiUrl)} \\(invalid_auth\\): copy the Bot User OAuth Token`),
  );
});

test('Socket Mode with an app token Slack rejects: names SLACK_APP_TOKEN, not the bot token', async () => {
  slack!.faults.push({ method: 'apps.connections.open', error: 'invalid_auth' });
  const appToken = 'xapp-start-test-secret-app-token';
  const run = await runEntry({ SLACK_APP_TOKEN: appToken });
  expectOneLine(run, new RegExp(`^hume-jobs cannot start: Slack rejected SLACK_APP_TOKEN at ${escaped(slack!.apiUrl)} \\(invalid_auth\\): create an app-level token`));
  expect(run.stdout + run.stderr).not.toContain(appToken);
});

test('Hume refusing connections: names Hume, the address and HUME_API_URL', async () => {
  const url = `http://127.0.0.1:${await refusingPort()}/`;
  const run = await runEntry({ HUME_API_URL: url });
  expectOneLine(run, new RegExp(`^hume-jobs cannot start: Hume did not answer at ${escaped(url)} \\(ECONNREFUSED\\): check HUME_API_URL`));
  // Slack was asked first, and answered: the line is about Hume alone.
  expect(slack!.callsTo('auth.test')).toHaveLength(1);
});

test('Hume rejecting the key: names HUME_API_KEY, never its value', async () => {
  const run = await runEntry({ HUME_API_KEY: 'start-test-wrong-hume-key' });
  expectOneLine(run, new RegExp(`^hume-jobs cannot start: Hume rejected HUME_API_KEY at ${escaped(hume!.url)}/? \\(HTTP 401\\): check the key`));
  expect(run.stdout + run.stderr).not.toContain('start-test-wrong-hume-key');
});

test('Hume answering 503 is an outage, not a wrong setting: the app starts and says so in its log', async () => {
  hume!.faults.push({ status: 503 }, { status: 503 }, { status: 503 });
  const run = await runEntry({});
  expect(run.ms).toBeGreaterThan(0);
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  expect(run.stdout).toContain('"msg":"Hume is having trouble at start; starting anyway"');
});

test('Slack answering 503 at start is an outage: the start waits it out and comes up when Slack does', async () => {
  // The preflight client tries 3 times per attempt: two attempts fail, the third gets through.
  for (let i = 0; i < 6; i++) slack!.faults.push({ method: 'auth.test', status: 503 });
  const run = await runEntry({});
  expect(run.code).toBe(0);
  expect(run.stderr).toBe('');
  expect(run.ms).toBeGreaterThan(0);
  expect(run.stdout.split('"msg":"Slack is having trouble at start; trying again"')).toHaveLength(3);
  expect(run.stdout).toContain('Slack answered HTTP 503');
});

test('a port already in use: names the port and PORT', async () => {
  const port = await takenPort();
  const run = await runEntry({ PORT: String(port) });
  expectOneLine(run, new RegExp(`^hume-jobs cannot start: Port ${port} is already in use: stop what listens there or set PORT`));
});

test('with everything right it starts: one Hume request and the token checked before serving', async () => {
  const run = await runEntry({});
  expect(run.ms).toBeGreaterThan(0);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(hume!.requests).toHaveLength(1);
  // The check's auth.test, then Bolt's own when it initialises.
  expect(slack!.callsTo('auth.test')).toHaveLength(2);
  // Printed for the report: how long the start took under tsx on this machine.
  process.stdout.write(`started in ${run.ms} ms (tsx)\n`);
});
