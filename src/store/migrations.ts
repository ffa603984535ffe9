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
import { ANY_JOB_KEY } from './sql-subscriptions';

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
 * Actions on alerts (alert buttons). The outbox row's cause (alerts/alert-cause.ts), out of the
 * JSON so delivery can hold a muted cause's rows in SQL, as snoozes hold a channel's; existing
 * rows read as NULL, no cause, never held. Who took a job's alert in a channel (`alert_claims`),
 * the causes a channel muted (`alert_mutes`, ended by the active replica when due), and a short
 * lock per job message (`alert_message_locks`) that delivery and a button press take before they
 * edit it, so neither can put back what the other just replaced. (channel_id, job_id) on the
 * outbox finds the row behind a pressed message among that job's few rows.
 */
const ALERT_ACTIONS = `
  ALTER TABLE outbox ADD COLUMN cause TEXT;
  CREATE INDEX outbox_channel_job ON outbox (channel_id, job_id);
  CREATE TABLE alert_claims (
    channel_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    claimed_at BIGINT NOT NULL,
    PRIMARY KEY (channel_id, job_id)
  );
  CREATE TABLE alert_mutes (
    channel_id TEXT NOT NULL,
    cause TEXT NOT NULL,
    example TEXT NOT NULL,
    created_by TEXT,
    started_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL,
    PRIMARY KEY (channel_id, cause)
  );
  CREATE INDEX alert_mutes_ends_at ON alert_mutes (ends_at);
  CREATE TABLE alert_message_locks (
    channel_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    holder TEXT NOT NULL,
    locked_until BIGINT NOT NULL,
    PRIMARY KEY (channel_id, job_id)
  );
`;

/**
 * The change log of alert settings (who changed what, when, from where), kept a year. `detail`
 * is the change as JSON, `action` its kind in clear for people reading the table. (at) serves
 * "changes since" and retention; (channel_id, at) one channel's changes and its latest.
 */
const SETTING_CHANGES = (dialect: Dialect): string => `
  CREATE TABLE setting_changes (
    id ${OUTBOX_ID[dialect]},
    channel_id TEXT NOT NULL,
    at BIGINT NOT NULL,
    by_user TEXT,
    source TEXT NOT NULL CHECK (source IN ('chat', 'file')),
    action TEXT NOT NULL,
    detail TEXT NOT NULL
  );
  CREATE INDEX setting_changes_at ON setting_changes (at);
  CREATE INDEX setting_changes_channel_at ON setting_changes (channel_id, at);
`;

/**
 * Filtered subscriptions: a channel may hold several, each its kinds, its filters (NULL: any;
 * see jobs/job-match.ts) and its mention. `subscriptions` stays one row per subscribed channel,
 * for what is the channel's (its overdue limit) and as the row changes lock; its kinds and
 * mention are copied here as the channel's one subscription, about every job, and no longer
 * written. `match_key` is the filters as one text (sql-subscriptions.ts): one subscription per
 * channel and filters, which also indexes a channel's subscriptions.
 */
const FILTERED_SUBSCRIPTIONS = (dialect: Dialect): string => `
  CREATE TABLE channel_subscriptions (
    id ${OUTBOX_ID[dialect]},
    channel_id TEXT NOT NULL,
    kinds TEXT NOT NULL,
    mode TEXT,
    endpoint TEXT,
    user_id TEXT,
    model TEXT,
    match_key TEXT NOT NULL,
    mention TEXT,
    created_by TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (channel_id, match_key)
  );
  INSERT INTO channel_subscriptions (channel_id, kinds, match_key, mention, created_by, created_at)
    SELECT channel_id, kinds, '${ANY_JOB_KEY}', mention, created_by, created_at FROM subscriptions WHERE kinds <> '' ORDER BY channel_id;
  DELETE FROM subscriptions WHERE kinds = '';
`;

/**
 * Personal notifications by DM: each person's watches (one DM when the job ends, then the watch
 * goes), their one `notify me` rule (status kinds as in subscriptions, the filter as JSON, whether
 * it means their own runs) and the Hume user they linked. (job_id) on watches lets a cycle find
 * the watches of the jobs it saw change, and the watches whose job already ended, by index.
 */
const PERSONAL_NOTIFICATIONS = `
  CREATE TABLE job_watches (
    user_id TEXT NOT NULL,
    job_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (user_id, job_id)
  );
  CREATE INDEX job_watches_job ON job_watches (job_id);

  CREATE TABLE notify_rules (
    user_id TEXT PRIMARY KEY,
    kinds TEXT NOT NULL,
    job_match TEXT NOT NULL,
    mine INTEGER NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
  );

  CREATE TABLE hume_links (
    user_id TEXT PRIMARY KEY,
    hume_user_id TEXT NOT NULL,
    created_at BIGINT NOT NULL
  );
`;

/**
 * The app's own health as told in Slack (domain/ops.ts): each channel's last incident, one row per
 * channel told (and App Home's, target ''), replaced when the next incident opens. Written by the
 * active replica only, fenced; its message's ts is in message_refs under the incident's key.
 */
const OPS_INCIDENTS = `
  CREATE TABLE ops_incidents (
    target TEXT PRIMARY KEY,
    opened_at BIGINT NOT NULL,
    problems TEXT NOT NULL,
    version BIGINT NOT NULL,
    edited_at BIGINT NOT NULL,
    clear_since BIGINT,
    resolved_at BIGINT
  );
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

/**
 * Subscriptions as code: which subscriptions a SUBSCRIPTIONS_FILE declared (`managed_by` 'file';
 * NULL: made in chat), and which of a channel's own settings the file holds (`setting`: 'overdue',
 * 'board' or 'no-board'), so chat refuses to change them and a reconcile knows what it may remove.
 */
const MANAGED_BY_FILE = `
  ALTER TABLE channel_subscriptions ADD COLUMN managed_by TEXT;
  CREATE TABLE managed_channel_settings (
    channel_id TEXT NOT NULL,
    setting TEXT NOT NULL,
    PRIMARY KEY (channel_id, setting)
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
    version: 7,
    name: 'filtered subscriptions: several per channel, each with its filters',
    sql: { sqlite: FILTERED_SUBSCRIPTIONS('sqlite'), postgres: FILTERED_SUBSCRIPTIONS('postgres') },
  },
  {
    version: 8,
    name: 'personal notifications: watches, notify rules, Hume links',
    sql: { sqlite: PERSONAL_NOTIFICATIONS, postgres: PERSONAL_NOTIFICATIONS },
  },
  {
    version: 9,
    name: 'alert buttons: claims, muted causes, message edit locks, the outbox cause',
    sql: { sqlite: ALERT_ACTIONS, postgres: ALERT_ACTIONS },
  },
  {
    version: 10,
    name: 'scheduled digests per channel',
    sql: { sqlite: DIGEST_SCHEDULES, postgres: DIGEST_SCHEDULES },
  },
  {
    version: 11,
    name: "ops incidents: the app's own health, told once per channel",
    sql: { sqlite: OPS_INCIDENTS, postgres: OPS_INCIDENTS },
  },
  {
    version: 12,
    name: 'change log of alert settings: who changed what, when, from where',
    sql: { sqlite: SETTING_CHANGES('sqlite'), postgres: SETTING_CHANGES('postgres') },
  },
  {
    version: 13,
    name: 'subscriptions as code: what a subscriptions file manages',
    sql: { sqlite: MANAGED_BY_FILE, postgres: MANAGED_BY_FILE },
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
