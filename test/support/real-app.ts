/**
 * The production entry point (src/index.ts under tsx) in a child process, wired to a Hume
 * simulator and a Slack stand-in on loopback: for tests about the process itself (signals,
 * stdout, start-up messages), where child-app.ts's test hooks would change what is tested.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { systemClock } from '../../src/clock';
import { createJobBook, type JobBook } from '../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../src/simulator/slack-server';
import { killAll, startChildApp, type ChildApp, type ChildEntry } from './child-process';
import { TEST_API_KEY } from './hume';

export const ROOT = resolve(__dirname, '../..');
export const INDEX_ENTRY: ChildEntry = { args: ['--import', 'tsx', 'src/index.ts'], cwd: ROOT };

export interface RealAppWorld {
  book: JobBook;
  hume: HumeSimulator;
  slack: SlackStandIn;
  dataDir: string;
  /** The settings the app needs, pointing at the stand-ins and a SQLite file in `dataDir`. */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function startRealAppWorld(): Promise<RealAppWorld> {
  const book = createJobBook({ clock: systemClock, seed: 11 });
  const hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
  const slack = await startSlackStandIn();
  const dataDir = mkdtempSync(join(tmpdir(), 'hume-jobs-real-'));
  return {
    book,
    hume,
    slack,
    dataDir,
    env: (extra = {}) => ({
      SLACK_BOT_TOKEN: 'xoxb-real-app-test',
      SLACK_SIGNING_SECRET: 'real-app-secret',
      SLACK_API_URL: slack.apiUrl,
      HUME_API_KEY: TEST_API_KEY,
      HUME_API_URL: hume.url,
      DATABASE_URL: `sqlite:${join(dataDir, 'hume-jobs.db')}`,
      PORT: '0',
      POLL_INTERVAL: '500ms',
      LOG_LEVEL: 'debug',
      ...extra,
    }),
    async close() {
      await hume.close();
      await slack.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The current test's world, and the app processes it started (killed after the test). */
export interface RealAppRun {
  readonly world: RealAppWorld;
  readonly children: ChildApp[];
}

/** Call in a describe (or at top level): a fresh world before each test; after it, every child killed and the world closed. */
export function realAppWorldPerTest(): RealAppRun {
  let world: RealAppWorld | null = null;
  const children: ChildApp[] = [];
  beforeEach(async () => {
    world = await startRealAppWorld();
  });
  afterEach(async () => {
    await killAll(children);
    await world?.close();
    world = null;
  });
  return {
    get world() {
      if (!world) throw new Error('the real-app world exists only inside a test');
      return world;
    },
    children,
  };
}

export function startRealApp(env: Record<string, string>): Promise<ChildApp> {
  return startChildApp(env, INDEX_ENTRY);
}

/** As `startRealApp`, as another user (`unprivilegedUid`): same start-up line, same ChildApp. */
export function startRealAppAs(env: Record<string, string>, uid: number): Promise<ChildApp> {
  return startChildApp(env, { ...INDEX_ENTRY, uid });
}

/**
 * A user id without root's powers: as root, a read-only file is still writable, so tests of
 * read-only files run the app as `nobody` (65534) when they run as root. Null when not root.
 */
export function unprivilegedUid(): number | null {
  return process.getuid?.() === 0 ? 65534 : null;
}

/** Whether `uid` can load the app from this checkout (resolve tsx from its node_modules). */
function canRunAs(uid: number): boolean {
  return spawnSync(process.execPath, ['-e', "require.resolve('tsx')"], { cwd: ROOT, uid, gid: uid, timeout: 10_000 }).status === 0;
}

/**
 * Whether the read-only tests can run here: not as root, or as root with `nobody` able to run
 * the app. A checkout inside a private temporary folder (`mktemp -d` is 0700) cannot be entered
 * by `nobody`; the temporary folders above the checkout are then made traversable by others
 * (execute only, nothing listable), which is all `nobody` needs. Anywhere else nothing is changed
 * and the tests are skipped with a warning, since root can write any read-only file.
 */
export function readOnlyTestable(): boolean {
  const uid = unprivilegedUid();
  if (uid === null || canRunAs(uid)) return true;
  for (let dir = dirname(ROOT); dir.startsWith(tmpdir()) && dir !== tmpdir(); dir = dirname(dir)) {
    const mode = statSync(dir).mode;
    if ((mode & 0o001) === 0) chmodSync(dir, (mode & 0o7777) | 0o001);
  }
  if (canRunAs(uid)) return true;
  console.warn(`skipping the read-only tests: user ${uid} cannot run the app from ${ROOT}, and as root every file is writable`);
  return false;
}

/** Runs src/index.ts to its end (a start that must fail) and returns its exit code and output. */
export function runRealAppToExit(
  env: Record<string, string>,
  options: { uid?: number | null; timeoutMs?: number } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const ids = options.uid === null || options.uid === undefined ? {} : { uid: options.uid, gid: options.uid };
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, INDEX_ENTRY.args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'], ...ids });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      fail(new Error(`the app did not exit within ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}
