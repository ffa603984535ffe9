/**
 * The crash window for a DM, with a real kill: a person's `notify me failed` rule matches a
 * failure, Slack takes the DM, and the process is SIGKILLed before it hears back, so the ts is
 * never recorded. Restarted on the same database, it reads its DM with the person back (im:history)
 * for the message tagged with the outbox row, finds it, and does not DM twice.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src/clock';
import { createJobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { Workspace } from '../../../src/simulator/slack-workspace';
import { waitFor } from '../../support/app-harness';
import { killAll, startChildApp, type ChildApp } from '../../support/child-process';
import { TEST_API_KEY } from '../../support/hume';
import { readSqliteOutbox } from '../../support/outbox-audit';

let hume: HumeSimulator | undefined;
let slack: SlackStandIn | undefined;
let dir = '';
const children: ChildApp[] = [];

afterEach(async () => {
  await killAll(children);
  await hume?.close();
  await slack?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const PERSON = 'U0USER';

test('SIGKILL between Slack taking a DM and the app recording it: one DM after the restart', async () => {
  dir = mkdtempSync(join(tmpdir(), 'hume-jobs-kill-dm-'));
  const dbPath = join(dir, 'hume-jobs.db');
  const book = createJobBook({ clock: systemClock, seed: 6 });
  hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
  slack = await startSlackStandIn();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-kill-dm-test',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: slack.apiUrl,
    HUME_API_KEY: TEST_API_KEY,
    HUME_API_URL: hume.url,
    DATABASE_URL: `sqlite:${dbPath}`,
    PORT: '0',
    POLL_INTERVAL: '500ms',
    LOG_LEVEL: 'debug',
    CHILD_CHANNEL_GAP_MS: '15',
  };
  const first = await startChildApp({ ...env, CHILD_OWNER: 'first' });
  children.push(first);
  await waitFor(() => first.output.join('').includes('"msg":"poll cycle"'), 'the first poll cycle', 20_000);
  // What `/hume-jobs notify me failed` stores (the command itself is tried in personal-dms.test.ts).
  const db = new Database(dbPath);
  db.prepare("INSERT INTO notify_rules (user_id, kinds, job_match, mine, created_at) VALUES (?, 'failed', '{}', 0, 0)").run(PERSON);
  db.close();

  slack.faults.push({ method: 'chat.postMessage', lostAnswer: true });
  const job = book.add({});
  book.start(job.job_id);
  book.fail(job.job_id, 'Media too long');
  await waitFor(() => slack!.messages.length === 1, 'Slack to take the DM', 20_000);
  first.process.kill('SIGKILL');
  await first.exited;

  children.push(await startChildApp({ ...env, CHILD_OWNER: 'second' }));
  await waitFor(() => readSqliteOutbox(dbPath).some((row) => row.status === 'done' || row.status === 'failed'), 'the DM to be settled', 20_000);

  const dm = Workspace.dmId(PERSON);
  expect(slack.messages.map((m) => m.channel)).toEqual([dm]);
  expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  expect(slack.callsTo('conversations.history').map((c) => c.args.channel)).toEqual([dm]);
  expect(readSqliteOutbox(dbPath).map((row) => row.status)).toEqual(['done']);
});
