/**
 * Runs the store contract on a real PostgreSQL. Each run works in a schema of its own, dropped at
 * the end, so runs never see each other's rows. No server: skipped with a warning on a laptop,
 * but a failure in CI (CI=true), where a silently skipped suite would hide a broken adapter.
 */
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { openPostgresStore, toPositional } from '../../../src/store/postgres-store';
import { describeStoreContract } from './store-contract';
import { ANY_JOB } from '../../../src/jobs/job-match';
import { MIGRATIONS } from '../../../src/store/migrations';
import { POSTGRES_URL, postgresReachable } from '../../support/postgres';

const url = POSTGRES_URL;
/** The URL for messages, without its credentials. */
const shownUrl = url.replace(/\/\/[^@/]*@/, '//…@');

if (postgresReachable()) {
  const schema = `hume_jobs_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: url });

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  });

  afterAll(async () => {
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  });

  describeStoreContract(
    'postgres',
    () => openPostgresStore(url, { schema }),
    async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    },
  );

  describe('postgres store', () => {
    it('keeps its tables in the schema it was given', async () => {
      const store = await openPostgresStore(url, { schema });
      try {
        await store.migrate();
        const { rows } = await admin.query<{ table_name: string }>(
          'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
          [schema],
        );
        expect(rows.map((row) => row.table_name)).toEqual([
          'alert_claims',
          'alert_message_locks',
          'alert_mutes',
          'boards',
          'channel_problems',
          'channel_subscriptions',
          'digest_schedules',
          'home_viewers',
          'hume_links',
          'job_states',
          'job_watches',
          'leases',
          'managed_channel_settings',
          'message_refs',
          'notify_rules',
          'ops_incidents',
          'outbox',
          'poller_progress',
          'schema_migrations',
          'setting_changes',
          'snoozes',
          'subscriptions',
        ]);
      } finally {
        await store.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      }
    });

    it('upgrades a database at schema 6: its subscription becomes the channel’s one, about every job, with its overdue limit', async () => {
      await admin.query(`SET search_path TO ${schema}`);
      await admin.query('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      for (const migration of MIGRATIONS.filter((m) => m.version <= 6)) {
        await admin.query(migration.sql.postgres);
        await admin.query('INSERT INTO schema_migrations VALUES ($1, $2, 0)', [migration.version, migration.name]);
      }
      await admin.query("INSERT INTO subscriptions (channel_id, kinds, mention, created_by, created_at, overdue_ms) VALUES ('C1', 'completed,failed', '<!subteam^S1>', 'U1', 1000, 60000)");
      await admin.query('SET search_path TO DEFAULT');
      const store = await openPostgresStore(url, { schema });
      try {
        await store.migrate();
        expect(await store.listSubscriptions(null)).toEqual([
          { id: expect.any(Number), channelId: 'C1', kinds: ['completed', 'failed'], match: ANY_JOB, mention: '<!subteam^S1>', createdBy: 'U1', createdAt: 1000, overdueMs: 60000 },
        ]);
        // The same filters (none) name it: subscribing again extends it rather than adding one.
        await store.subscribe('C1', ['running'], null, 'U2', 2000);
        expect((await store.listSubscriptions('C1')).map((s) => s.kinds)).toEqual([['running', 'completed', 'failed']]);
      } finally {
        await store.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE; CREATE SCHEMA ${schema}`);
      }
    });

    it('refuses a schema name that is not a plain identifier', async () => {
      await expect(openPostgresStore(url, { schema: 'x; DROP TABLE y' })).rejects.toThrow(/schema/);
    });
  });
} else if (process.env.CI === 'true') {
  describe('postgres store', () => {
    it('reaches PostgreSQL', () => {
      throw new Error(`PostgreSQL is unreachable at ${shownUrl}: CI must run the Postgres store tests.`);
    });
  });
} else {
  console.warn(`Skipping the Postgres store tests: no server at ${shownUrl} (set TEST_DATABASE_URL).`);
  describe.skip('postgres store', () => {
    it('needs a PostgreSQL server', () => undefined);
  });
}

describe('toPositional', () => {
  it('numbers named parameters in order, reusing a repeated name', () => {
    const stmt = { sql: 'SELECT @b, @a, @b', params: { a: 1, b: 'two', unused: null } };
    expect(toPositional(stmt)).toEqual({ text: 'SELECT $1, $2, $1', values: ['two', 1] });
  });

  it('refuses a parameter without a value', () => {
    expect(() => toPositional({ sql: 'SELECT @missing', params: {} })).toThrow(/@missing/);
  });
});
