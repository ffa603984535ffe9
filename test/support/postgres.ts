/**
 * A PostgreSQL schema of its own for one test file. Jest decides what to skip while collecting,
 * so the server is probed synchronously by a short child process. No server: skipped with a
 * warning locally, but under CI=true the suite fails instead of hiding a broken adapter.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function postgresReachable(): boolean {
  const probe = `
    const { Client } = require('pg');
    const client = new Client({ connectionString: process.env.PROBE_URL, connectionTimeoutMillis: 3000 });
    client.connect().then(() => client.end()).then(() => process.exit(0), () => process.exit(1));`;
  const result = spawnSync(process.execPath, ['-e', probe], {
    cwd: path.resolve(__dirname, '../..'),
    env: { ...process.env, PROBE_URL: POSTGRES_URL },
    timeout: 10_000,
  });
  return result.status === 0;
}

/** `describe` when PostgreSQL answers; otherwise a skip (or, in CI, a failing test saying why). */
export function describeWithPostgres(name: string, body: () => void): void {
  if (postgresReachable()) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    test(`${name}: PostgreSQL must be reachable in CI`, () => {
      throw new Error(`PostgreSQL is not reachable at ${POSTGRES_URL.replace(/\/\/[^@/]*@/, '//…@')}`);
    });
  } else {
    console.warn(`skipping "${name}": no PostgreSQL at ${POSTGRES_URL.replace(/\/\/[^@/]*@/, '//…@')}`);
    describe.skip(name, body);
  }
}

/** Creates a fresh schema; returns a DATABASE_URL that uses it and a function that drops it. */
export async function createSchema(): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `hume_jobs_it_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const separator = POSTGRES_URL.includes('?') ? '&' : '?';
  return {
    url: `${POSTGRES_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: async () => {
      const client = new Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}

/** Outbox rows not yet delivered, read straight from the database. */
export async function pendingOutboxRows(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>("SELECT count(*) AS n FROM outbox WHERE status = 'pending'");
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}
