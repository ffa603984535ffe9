import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openStore } from '../../../src/store';
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
      expect(raw.prepare('SELECT version FROM schema_migrations').all()).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
    } finally {
      raw.close();
    }
  });

  it('reports an unopenable path as a rejection', async () => {
    const blocker = path.join(tmp, 'a-file');
    fs.writeFileSync(blocker, '');
    await expect(openSqliteStore(path.join(blocker, 'db.sqlite'))).rejects.toThrow();
  });
});
