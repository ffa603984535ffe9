import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../../src/store';
import { MIGRATIONS } from '../../../src/store/migrations';
import { openSqliteStore } from '../../../src/store/sqlite-store';
import { describeStoreContract } from './store-contract';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hume-jobs-store-'));
// Nested and absent: every test proves the store creates the folders it needs.
const nested = path.join(tmp, 'nested');
const file = path.join(nested, 'deeper', 'hume-jobs.db');

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describeStoreContract(
  'sqlite file',
  () => openSqliteStore(file),
  () => Promise.resolve(fs.rmSync(nested, { recursive: true, force: true })),
);

describeStoreContract('sqlite :memory:', () => openSqliteStore(':memory:'), () => Promise.resolve(), { sharedDatabase: false });

describe('sqlite store', () => {
  afterEach(() => fs.rmSync(nested, { recursive: true, force: true }));

  it('creates its folder, uses WAL and records the migrations it applied', async () => {
    expect(fs.existsSync(nested)).toBe(false);
    const store = await openStore({ kind: 'sqlite', path: file });
    await store.close();
    const raw = new Database(file, { readonly: true });
    try {
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
    } finally {
      raw.close();
    }
  });

  it('upgrades a database written by the previous release (schema 2) without losing its rows', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const old = new Database(file);
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    for (const migration of MIGRATIONS.filter((m) => m.version <= 2)) {
      old.exec(migration.sql.sqlite);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(migration.version, migration.name);
    }
    const snapshot = { id: 'j1', status: 'completed', numErrors: 2, createdAt: 1000 };
    old.prepare("INSERT INTO job_states VALUES ('j1', 'completed', 'COMPLETED', ?, 1000, 1000)").run(JSON.stringify(snapshot));
    old.prepare("INSERT INTO subscriptions VALUES ('C1', 'failed', NULL, 'U1', 1000)").run();
    old.close();

    const store = await openStore({ kind: 'sqlite', path: file });
    try {
      expect(await store.listSubscriptions('C1')).toMatchObject([{ kinds: ['failed'], overdueMs: null }]);
      // The old row's errors were never copied out of its snapshot: it counts, without errors.
      expect(await store.statusCountsSince(0)).toEqual({ counts: { queued: 0, running: 0, completed: 1, failed: 0 }, completedWithErrors: 0 });
      expect((await store.getJobs(['j1']))[0]?.snapshot).toEqual(snapshot);
    } finally {
      await store.close();
    }
  });

  it('reports an unopenable path as a rejection', async () => {
    const blocker = path.join(tmp, 'a-file');
    fs.writeFileSync(blocker, '');
    // By shape, not toThrow(): an error better-sqlite3 made in another test file's realm is not
    // `instanceof` this file's Error, so toThrow() fails when the files share a worker.
    await expect(openSqliteStore(path.join(blocker, 'db.sqlite'))).rejects.toHaveProperty('message');
  });
});
