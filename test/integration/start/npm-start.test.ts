/**
 * `npm run build`, then `npm start`, as the README says: the start script runs the build, starts
 * in about a second (no compiling at start), and a SIGTERM sent to npm (what a process manager
 * sends) reaches the app, which stops cleanly instead of living on as an orphan.
 *
 * The build goes to a folder of its own with a copy of package.json, so the test runs the real
 * start script without writing into the repository.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { systemClock } from '../../../src/clock';
import { createJobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';

const ROOT = resolve(__dirname, '../../..');
const KEY = 'npm-start-test-hume-key';

let dir = '';
let slack: SlackStandIn;
let hume: HumeSimulator;

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((done) => child.once('close', (code) => done(code)));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hume-jobs-npm-start-'));
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // The same compiler and settings as `npm run build`, written to this folder's dist/.
  const tsc = spawn(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', join(dir, 'dist')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  expect(await exited(tsc)).toBe(0);
  slack = await startSlackStandIn();
  hume = await startHumeSimulator({ book: createJobBook({ clock: systemClock }), apiKey: KEY });
});

/** The app this test started, killed if a failed test left it running. */
let leftover: number | null = null;

afterAll(async () => {
  if (leftover !== null && alive(leftover)) process.kill(leftover, 'SIGKILL');
  await slack?.close();
  await hume?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The process running dist/index.js among the descendants of `root` (npm, maybe a shell, node). */
function appUnder(root: number): number | null {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid=,args=']).toString().split('\n');
  const children = new Map<number, { pid: number; args: string }[]>();
  for (const row of rows) {
    const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row);
    if (!match) continue;
    const ppid = Number(match[2]);
    children.set(ppid, [...(children.get(ppid) ?? []), { pid: Number(match[1]), args: match[3] ?? '' }]);
  }
  const queue = [root];
  for (let at = queue.shift(); at !== undefined; at = queue.shift()) {
    for (const child of children.get(at) ?? []) {
      if (child.args.includes('dist/index.js') && child.args.startsWith('node')) return child.pid;
      queue.push(child.pid);
    }
  }
  return null;
}

/** Whether a process id is still running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(check: () => boolean, what: string, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((tick) => setTimeout(tick, 50));
  }
}

test('npm start runs the build, starts quickly, and stops on a SIGTERM sent to npm', async () => {
  const began = Date.now();
  const npm = spawn('npm', ['start'], {
    cwd: dir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      npm_config_update_notifier: 'false',
      SLACK_BOT_TOKEN: 'xoxb-npm-start-test',
      SLACK_SIGNING_SECRET: 'npm-start-test-signing',
      HUME_API_KEY: KEY,
      SLACK_API_URL: slack.apiUrl,
      HUME_API_URL: hume.url,
      DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
      PORT: '0',
      POLL_INTERVAL: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = exited(npm);
  let output = '';
  npm.stderr.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  await new Promise<void>((ready, fail) => {
    npm.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"msg":"hume-jobs started"')) ready();
    });
    void done.then((code) => fail(new Error(`npm start exited (${code}) before the app started:\n${output}`)));
  });
  const startMs = Date.now() - began;
  const pid = appUnder(npm.pid!);
  if (pid === null) throw new Error(`no node dist/index.js under npm (pid ${npm.pid})`);
  process.stdout.write(`npm start: the app started in ${startMs} ms\n`);
  // Generous for two busy cores; the point is that nothing is compiled at start.
  expect(startMs).toBeLessThan(8_000);

  leftover = pid;
  npm.kill('SIGTERM');
  await waitUntil(() => !alive(pid), `the app (pid ${pid}) to stop after npm got SIGTERM`, 15_000);
  expect(await done).toBe(0);
  // It stopped the graceful way (the shutdown's last line), not by being killed with npm.
  expect(output).toContain('"msg":"stopped"');
});
