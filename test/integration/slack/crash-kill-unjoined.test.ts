/**
 * The window itself, with a real kill: the app posts a failure alert to a public channel it never
 * joined (ALERT_CHANNEL; chat:write.public lets it post there), Slack takes the post, and the
 * process is SIGKILLed before it hears back, so the ts is never recorded. Restarted on the same
 * database, it must find that message (joining the channel to read it) and post nothing twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../../../src/clock';
import { createJobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
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

const CHANNEL = 'CNEVERJOINED';

test('SIGKILL between Slack taking a post and the app recording it, in a never-joined public channel: one message', async () => {
  dir = mkdtempSync(join(tmpdir(), 'hume-jobs-kill-'));
  const dbPath = join(dir, 'hume-jobs.db');
  const book = createJobBook({ clock: systemClock, seed: 5 });
  hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
  slack = await startSlackStandIn();
  const env = {
    SLACK_BOT_TOKEN: 'xoxb-kill-test',
    SLACK_SIGNING_SECRET: 'secret',
    SLACK_API_URL: slack.apiUrl,
    HUME_API_KEY: TEST_API_KEY,
    HUME_API_URL: hume.url,
    DATABASE_URL: `sqlite:${dbPath}`,
    PORT: '0',
    POLL_INTERVAL: '500ms',
    ALERT_CHANNEL: CHANNEL,
    LOG_LEVEL: 'debug',
    CHILD_CHANNEL_GAP_MS: '15',
  };
  const first = await startChildApp({ ...env, CHILD_OWNER: 'first' });
  children.push(first);
  await waitFor(() => first.output.join('').includes('"msg":"poll cycle"'), 'the first poll cycle', 20_000);

  slack.faults.push({ method: 'chat.postMessage', lostAnswer: true });
  const job = book.add({});
  book.start(job.job_id);
  book.fail(job.job_id, 'Media too long');
  await waitFor(() => slack!.messages.length === 1, 'Slack to take the post', 20_000);
  first.process.kill('SIGKILL');
  await first.exited;
  expect(slack.workspace.channel(CHANNEL).botMember).toBe(false);

  children.push(await startChildApp({ ...env, CHILD_OWNER: 'second' }));
  await waitFor(() => readSqliteOutbox(dbPath).some((row) => row.status === 'done' || row.status === 'failed'), 'the alert to be settled', 20_000);

  expect(slack.messages.filter((m) => m.channel === CHANNEL)).toHaveLength(1);
  expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  expect(slack.callsTo('conversations.join')).toHaveLength(1);
  expect(readSqliteOutbox(dbPath).map((row) => row.status)).toEqual(['done']);
});
