/**
 * Upgrading to filtered subscriptions: a database the previous release wrote (schema 6) holds a
 * channel's one subscription; the app migrates it at start, and the channel goes on getting the
 * same alerts (every job, its statuses, its mention) and sees it in `subscriptions` as before.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../src/store/migrations';
import { startAppHarness, type AppHarness, runFor, runUntil } from '../../support/app-harness';
import { TestClock } from '../../support/clock';

let h: AppHarness | null = null;
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'hume-jobs-upgrade-'));
});

afterEach(async () => {
  await h?.close();
  h = null;
  rmSync(dataDir, { recursive: true, force: true });
});

/** The database as release 6 left it: every step up to 6, and one subscription made then. */
function writeSchema6(file: string, createdAt: number): void {
  mkdirSync(join(dataDir, 'db'), { recursive: true });
  const old = new Database(file);
  try {
    old.exec('CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
    for (const migration of MIGRATIONS.filter((m) => m.version <= 6)) {
      old.exec(migration.sql.sqlite);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, 0)').run(migration.version, migration.name);
    }
    old.prepare("INSERT INTO subscriptions (channel_id, kinds, mention, created_by, created_at) VALUES ('COLD', 'failed', '<!subteam^S0ONCALL>', 'U1', ?)").run(createdAt);
  } finally {
    old.close();
  }
}

test('a subscription from schema 6 migrates unchanged and keeps alerting', async () => {
  const clock = new TestClock();
  writeSchema6(join(dataDir, 'db', 'hume-jobs.db'), clock.now() - 86_400_000);
  h = await startAppHarness({ clock, dataDir, env: { POLL_INTERVAL: '1s' } });

  const ack = await h.command('subscriptions', { channel_id: 'COLD' });
  const listed = JSON.stringify((await h.responseTo(ack.responseUrl)).body.blocks);
  expect(listed).toContain('This channel gets an alert when a job is :x: failed. Failures mention the user group `S0ONCALL`.');

  await runFor(h, 2000);
  const job = h.book.add({});
  h.book.start(job.job_id);
  await runFor(h, 2000);
  h.book.fail(job.job_id, 'the model ran out of memory');
  await runUntil(h, () => h!.slack.messages.some((m) => m.channel === 'COLD'), 'the failure alert in COLD', 60_000);
  const alert = h.slack.messages.find((m) => m.channel === 'COLD')!;
  expect(JSON.stringify(alert)).toContain(job.job_id);
  expect(alert.text).toMatch(/^<!subteam\^S0ONCALL> /);
});
