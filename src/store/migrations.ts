/**
 * The schema's history, one numbered step at a time. A step, once released, is never edited: a
 * change is a new step at the end. `migrate` applies the missing ones in order, in one
 * transaction that first shuts out any other process migrating the same database (Postgres: an
 * advisory lock; SQLite: the adapter's BEGIN IMMEDIATE), and records each in schema_migrations.
 *
 * Times are Unix ms in BIGINT (SQLite stores any integer in its INTEGER affinity). JSON is text:
 * the store only reads it back whole, so neither engine needs to understand it.
 */
import type { Dialect, Script } from './driver';
import { stmt } from './driver';
import { int } from './rows';

export interface Migration {
  version: number;
  name: string;
  /** Per engine: the same text where they agree, built from one template where they differ. */
  sql: Record<Dialect, string>;
}

/** SQLite's AUTOINCREMENT never reuses an id, like a Postgres identity: a deleted row's id stays dead. */
const OUTBOX_ID: Record<Dialect, string> = {
  sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT',
  postgres: 'BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY',
};

const initialSchema = (dialect: Dialect): string => `
  CREATE TABLE job_states (
    id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    raw_status TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    seen_at BIGINT NOT NULL,
    -- The snapshot's createdAt, out of the JSON so "created since" is an index range.
    created_at BIGINT
  );
  CREATE INDEX job_states_status ON job_states (status);
  CREATE INDEX job_states_created_at ON job_states (created_at);

  CREATE TABLE poller_progress (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );

  CREATE TABLE subscriptions (
    channel_id TEXT PRIMARY KEY,
    -- Comma-separated status kinds, in STATUS_KINDS order.
    kinds TEXT NOT NULL,
    mention TEXT,
    created_by TEXT,
    created_at BIGINT NOT NULL
  );

  CREATE TABLE channel_problems (
    channel_id TEXT PRIMARY KEY,
    error TEXT NOT NULL,
    at BIGINT NOT NULL
  );

  CREATE TABLE outbox (
    id ${OUTBOX_ID[dialect]},
    channel_id TEXT NOT NULL,
    job_id TEXT,
    kind TEXT NOT NULL CHECK (kind IN ('job', 'digest', 'catchup')),
    dedupe_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'done', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    due_at BIGINT NOT NULL,
    claimed_by TEXT,
    claimed_until BIGINT,
    posted_ts TEXT,
    steps TEXT NOT NULL DEFAULT '{}',
    last_error TEXT,
    created_at BIGINT NOT NULL,
    done_at BIGINT
  );
  CREATE INDEX outbox_status_due ON outbox (status, due_at);

  CREATE TABLE message_refs (
    channel_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    ts TEXT NOT NULL,
    PRIMARY KEY (channel_id, job_id)
  );
`;

/** One row per exclusive role (the poller/deliverer); the holder renews it before it expires. */
const LEASES = `
  CREATE TABLE leases (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL
  );
`;

/**
 * Per-channel overdue limit, snoozes and boards. `ALTER TABLE … ADD COLUMN` with no default is
 * instant on both engines, whatever the table's size.
 *
 * The board counts the day's jobs by status from an index alone, (created_at, status,
 * num_errors), and reads the day's newest failures in order from (status, created_at), which
 * also serves "what is active" and so replaces the status-only index. `num_errors` is copied out
 * of the snapshot on every upsert; rows written before this step read as NULL (no errors known)
 * until their job changes again.
 */
// (status, done_at) on the outbox lets retention find old delivered rows without a scan.
const CHANNEL_FEATURES = `
  ALTER TABLE subscriptions ADD COLUMN overdue_ms BIGINT;
  ALTER TABLE job_states ADD COLUMN num_errors BIGINT;
  CREATE INDEX job_states_created_status ON job_states (created_at, status, num_errors);
  CREATE INDEX job_states_status_created ON job_states (status, created_at);
  DROP INDEX job_states_status;
  CREATE INDEX outbox_status_done ON outbox (status, done_at);

  CREATE TABLE snoozes (
    channel_id TEXT PRIMARY KEY,
    started_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    created_by TEXT
  );
  CREATE INDEX snoozes_ends_at ON snoozes (ends_at);

  CREATE TABLE boards (
    channel_id TEXT PRIMARY KEY,
    ts TEXT NOT NULL,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    edited_at BIGINT NOT NULL,
    fingerprint TEXT NOT NULL
  );
`;

/**
 * Who has the App Home tab open, so the active replica refreshes every viewer whichever replica
 * answered their app_home_opened: when they last opened it (old viewers are dropped), when their
 * tab was last published and with what content (to keep the pace and skip publishes that change
 * nothing). (published_at) orders the refresh, least recently published first.
 */
const HOME_VIEWERS = `
  CREATE TABLE home_viewers (
    user_id TEXT PRIMARY KEY,
    opened_at BIGINT NOT NULL,
    published_at BIGINT,
    fingerprint TEXT
  );
  CREATE INDEX home_viewers_published ON home_viewers (published_at);
  CREATE INDEX home_viewers_opened ON home_viewers (opened_at);
`;

/**
 * Alerts of a job in a channel are applied in order: the message ref records which row's state
 * the message shows (its version), and the claim looks for an earlier pending row of the same
 * job and channel through a partial index of pending rows.
 */
const ORDERED_ALERTS = `
  ALTER TABLE message_refs ADD COLUMN version BIGINT;
  CREATE INDEX outbox_pending_job ON outbox (channel_id, job_id, id) WHERE status = 'pending';
`;

/**
 * Fencing (fence.ts): the lease's term, one more each time another holder takes it, which every
 * write the leader makes checks in its own transaction. Rows already there start at term 1.
 */
const LEASE_EPOCH = `
  ALTER TABLE leases ADD COLUMN epoch BIGINT NOT NULL DEFAULT 1;
`;

/**
 * Scheduled digests (`/hume-jobs digest daily 9:00`): one schedule per channel, its zone by name
 * (DST), and how far the digests got: the due time of the last one queued (the period: moved in
 * the same transaction that queues the digest, so a period is never queued twice) and where its
 * window ended (the next one counts from there).
 */
const DIGEST_SCHEDULES = `
  CREATE TABLE digest_schedules (
    channel_id TEXT PRIMARY KEY,
    cadence TEXT NOT NULL CHECK (cadence IN ('daily', 'weekdays', 'weekly')),
    weekday INTEGER,
    minutes INTEGER NOT NULL,
    time_zone TEXT NOT NULL,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    last_due_at BIGINT,
    covered_until BIGINT
  );
`;

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'job states, subscriptions, channel problems, outbox, message refs',
    sql: { sqlite: initialSchema('sqlite'), postgres: initialSchema('postgres') },
  },
  {
    version: 2,
    name: 'leases: which replica polls and delivers',
    sql: {
      sqlite: LEASES,
      postgres: LEASES,
    },
  },
  {
    version: 3,
    name: 'overdue limit per channel, snoozes, boards, board and retention indexes',
    sql: { sqlite: CHANNEL_FEATURES, postgres: CHANNEL_FEATURES },
  },
  {
    version: 4,
    name: 'App Home viewers, kept for every replica',
    sql: { sqlite: HOME_VIEWERS, postgres: HOME_VIEWERS },
  },
  {
    version: 5,
    name: 'message versions and ordered alerts per job and channel',
    sql: { sqlite: ORDERED_ALERTS, postgres: ORDERED_ALERTS },
  },
  {
    version: 6,
    name: 'lease epochs, so a leader that lost its lease cannot write',
    sql: { sqlite: LEASE_EPOCH, postgres: LEASE_EPOCH },
  },
  {
    version: 10,
    name: 'scheduled digests per channel',
    sql: { sqlite: DIGEST_SCHEDULES, postgres: DIGEST_SCHEDULES },
  },
];

/** Any constant works, as long as every replica of this app uses the same one. */
const MIGRATION_LOCK_KEY = 0x68756d65; // "hume"

/**
 * Applies the missing migrations. Versions in the table that this build does not know (a newer
 * replica got there first during a rolling deploy) are left alone rather than refused.
 */
export function* migrationScript(dialect: Dialect, now: number): Script<void> {
  if (dialect === 'postgres') yield stmt(`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
  yield {
    batch: 'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)',
  };
  const applied = new Set((yield stmt('SELECT version FROM schema_migrations')).map((row) => int(row, 'version')));
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    yield { batch: migration.sql[dialect] };
    yield stmt('INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @now)', {
      version: migration.version,
      name: migration.name,
      now,
    });
  }
}
