/**
 * A damaged, deleted or read-only SQLite file: while the app runs, /healthz says so (503, store)
 * instead of "ok"; a start on one ends with one line saying what to fix, not a stack trace; and a
 * start on a new, empty database where one existed before says so.
 */
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../../src/store/sqlite-store';
import { startAppHarness, type AppHarness } from '../../support/app-harness';
import { realAppWorldPerTest, runRealAppToExit, startRealApp, startRealAppAs, readOnlyTestable, unprivilegedUid } from '../../support/real-app';

// Each test starts the app in a process of its own: slower than Jest's 5 s on a loaded machine.

interface HealthBody {
  status: string;
  reason?: string;
  store: { state: string; reason?: string };
}

async function health(port: number): Promise<{ status: number; body: HealthBody }> {
  const response = await fetch(`http://127.0.0.1:${port}/healthz`);
  return { status: response.status, body: (await response.json()) as HealthBody };
}

function removeDatabase(dbPath: string): void {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${dbPath}${suffix}`, { force: true });
}

describe('while the app runs', () => {
  let h: AppHarness | null = null;
  afterEach(async () => {
    await h?.close().catch(() => undefined);
    h = null;
  });

  test('a healthy file is reported ok', async () => {
    h = await startAppHarness();
    expect(await health(h.port)).toMatchObject({ status: 200, body: { status: 'ok', store: { state: 'ok' } } });
  });

  test('a file overwritten with something that is not a database: 503, store unavailable', async () => {
    h = await startAppHarness();
    writeFileSync(h.dbPath, Buffer.alloc(8192, 'garbage!'));
    const { status, body } = await health(h.port);
    expect(status).toBe(503);
    expect(body.store).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/no longer a SQLite database/) });
    expect(body.reason).toMatch(/^The store is unavailable: /);
  });

  test('a deleted file: 503, store unavailable, saying what is written is lost', async () => {
    h = await startAppHarness();
    removeDatabase(h.dbPath);
    const { status, body } = await health(h.port);
    expect(status).toBe(503);
    expect(body.store).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/was deleted while the app had it open/) });
  });

  test('a file replaced by another one: 503, store unavailable', async () => {
    h = await startAppHarness();
    removeDatabase(h.dbPath);
    writeFileSync(h.dbPath, '');
    const { status, body } = await health(h.port);
    expect(status).toBe(503);
    expect(body.store.reason).toMatch(/was replaced by another file/);
  });

});

/** Read-only files can only be tried as a user without root's powers who can run the app here. */
const readOnlyTest = readOnlyTestable() ? test : test.skip;

describe('a file made read-only while the app runs', () => {
  const real = realAppWorldPerTest();

  readOnlyTest('503, store unavailable: the app works on its open file, but the next start would fail', async () => {
    const uid = unprivilegedUid();
    const dbPath = join(real.world.dataDir, 'hume-jobs.db');
    if (uid !== null) chownSync(real.world.dataDir, uid, uid);
    const env = real.world.env({ DATABASE_URL: `sqlite:${dbPath}`, POLL_INTERVAL: 'off' });
    const app = uid === null ? await startRealApp(env) : await startRealAppAs(env, uid);
    real.children.push(app);
    expect((await health(app.port)).status).toBe(200);
    chmodSync(dbPath, 0o444);
    const { status, body } = await health(app.port);
    expect(status).toBe(503);
    expect(body.store).toMatchObject({ state: 'unavailable', reason: expect.stringMatching(/read-only for this process/) });
  });
});

describe('starting on a bad file', () => {
  const real = realAppWorldPerTest();

  function expectOneLine(stderr: string, pattern: RegExp): void {
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^hume-jobs cannot start: the SQLite database \/\S+ cannot be used: /);
    expect(lines[0]).toMatch(pattern);
    expect(stderr).not.toMatch(/\n\s+at /);
  }

  test('a folder under /proc, where mkdir -p never returns in Node 20: one line saying so, exit 1', async () => {
    const run = await runRealAppToExit(real.world.env({ DATABASE_URL: 'sqlite:/proc/hume-jobs-nope/hume-jobs.db' }));
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, /its folder cannot be created or written \(ENOENT\)/);
  });

  test('a file that is not a database: one line saying so, exit 1', async () => {
    const dbPath = join(real.world.dataDir, 'hume-jobs.db');
    writeFileSync(dbPath, Buffer.alloc(8192, 'garbage!'));
    const run = await runRealAppToExit(real.world.env({ DATABASE_URL: `sqlite:${dbPath}` }));
    console.info(`start on a damaged file: exit ${run.code}, stderr: ${run.stderr}`);
    expect(run.code).toBe(1);
    expectOneLine(run.stderr, /damaged or not a SQLite database .*Restore it from a backup/);
  });

  readOnlyTest('a read-only file and folder (as a user who may not write them): one line saying so, exit 1', async () => {
    const uid = unprivilegedUid();
    chmodSync(real.world.dataDir, 0o755);
    const dir = join(real.world.dataDir, 'ro');
    mkdirSync(dir);
    const dbPath = join(dir, 'hume-jobs.db');
    const store = await openSqliteStore(dbPath);
    await store.migrate();
    await store.close();
    for (const name of readdirSync(dir)) {
      if (uid !== null) chownSync(join(dir, name), uid, uid);
      chmodSync(join(dir, name), 0o444);
    }
    if (uid !== null) chownSync(dir, uid, uid);
    chmodSync(dir, 0o555);
    try {
      const run = await runRealAppToExit(real.world.env({ DATABASE_URL: `sqlite:${dbPath}` }), { uid });
      console.info(`start on a read-only file: exit ${run.code}, stderr: ${run.stderr}`);
      expect(run.code).toBe(1);
      expectOneLine(run.stderr, /read-only for this process/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  readOnlyTest('a folder the app may not create (as a user who may not write its parent): one line saying so, exit 1', async () => {
    const uid = unprivilegedUid();
    chmodSync(real.world.dataDir, 0o555);
    try {
      const run = await runRealAppToExit(real.world.env({ DATABASE_URL: `sqlite:${join(real.world.dataDir, 'new', 'hume-jobs.db')}` }), { uid });
      expect(run.code).toBe(1);
      expectOneLine(run.stderr, /its folder cannot be created or written \(EACCES\)/);
    } finally {
      chmodSync(real.world.dataDir, 0o755);
    }
  });
});

describe('a new, empty database where one existed before', () => {
  test('says so at start (a warning naming the old database), and not on an ordinary first start or restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hume-jobs-fresh-'));
    const notices = (h: AppHarness) => h.logs.filter((line) => /"component":"store"/.test(line) && /database/.test(line)).map((line) => JSON.parse(line) as { level: number; msg: string });
    try {
      let h = await startAppHarness({ dataDir });
      expect(notices(h)).toEqual([expect.objectContaining({ level: 30, msg: expect.stringMatching(/^created a new database at /) })]);
      await h.close();

      h = await startAppHarness({ dataDir });
      expect(notices(h)).toEqual([]);
      const dbPath = h.dbPath;
      await h.close();

      removeDatabase(dbPath);
      h = await startAppHarness({ dataDir });
      expect(notices(h)).toEqual([expect.objectContaining({ level: 40, msg: expect.stringMatching(/^started on a NEW, EMPTY database at .*a database was created there on /) })]);
      await h.close();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
