/**
 * A post that reached Slack but whose ts was never recorded (the answer was lost, or the process
 * died in between) is found again instead of posted twice, in every kind of channel: public and
 * joined, public and never joined (the bot posts there with chat:write.public but cannot read
 * until it joins), private with the bot in it, and ALERT_CHANNEL, which no command subscribed.
 */
import type { SlackStandInOptions, StoredMessage } from '../../../src/simulator/slack-server';
import { MANIFEST_SCOPES } from '../../../src/simulator/slack-workspace';
import { runUntil, type AppHarness } from '../../support/app-harness';
import { startOnStandIn } from '../../support/stand-in-app';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const HERE = 'CHERE';
const mains = (messages: StoredMessage[]) => messages.filter((m) => m.channel === HERE && m.threadTs === null && !m.deleted);

/** The lost answer is cut after 300 ms of real time (the client's timeout is not on the fake clock). */
function start(options: SlackStandInOptions, env: Record<string, string> = {}): Promise<AppHarness> {
  return startOnStandIn(options, { env, overrides: { slackTimeoutMs: 300 } });
}

/** A job fails while the first post of its alert reaches Slack but its answer never comes back. */
async function failWithLostAnswer(harness: AppHarness, step: 'main' | 'thread' = 'main'): Promise<void> {
  const job = harness.book.add({});
  harness.book.start(job.job_id);
  if (step === 'thread') await runUntil(harness, () => mains(harness.slack.messages).length === 1, 'the running alert', 10_000);
  harness.slack.faults.push({ method: 'chat.postMessage', lostAnswer: true });
  harness.book.fail(job.job_id, 'Media too long');
  await runUntil(harness, () => harness.slack.faults.length === 0, 'the post whose answer is lost', 10_000);
}

/** A probe for runUntil: true once the outbox has nothing left to deliver. */
function outboxDrained(harness: AppHarness): () => boolean {
  let drained = false;
  const check = async () => {
    const stats = await harness.app.store.outboxStats(harness.clock.now());
    drained = stats.pending === 0;
  };
  return () => {
    void check();
    return drained;
  };
}

async function expectOneAlert(harness: AppHarness): Promise<void> {
  const drained = outboxDrained(harness);
  await runUntil(harness, drained, 'the outbox to drain', 60_000);
  expect(mains(harness.slack.messages)).toHaveLength(1);
  expect(mains(harness.slack.messages)[0]!.text).toMatch(/failed/i);
}

test('a public channel the bot never joined (subscribed by an older version): it joins, finds its post, posts nothing twice', async () => {
  h = await start({});
  await h.app.store.subscribe(HERE, ['failed'], null, 'U1', h.clock.now());
  await failWithLostAnswer(h);
  await expectOneAlert(h);
  expect(h.slack.workspace.channel(HERE).botMember).toBe(true);
  expect(h.slack.callsTo('conversations.join')).toHaveLength(1);
});

test('ALERT_CHANNEL, set by config and never subscribed by command, in a public channel the bot never joined', async () => {
  h = await start({}, { ALERT_CHANNEL: HERE });
  await failWithLostAnswer(h);
  await expectOneAlert(h);
});

test('a public channel subscribed by command is joined then, and read without joining again', async () => {
  h = await start({});
  const ack = await h.command('subscribe failed', { channel_id: HERE });
  await h.responseTo(ack.responseUrl);
  expect(h.slack.workspace.channel(HERE).botMember).toBe(true);
  await failWithLostAnswer(h);
  await expectOneAlert(h);
  expect(h.slack.callsTo('conversations.join')).toHaveLength(1);
});

test('a private channel the bot was invited to', async () => {
  h = await start({ channels: { [HERE]: { isPrivate: true, botMember: true } } });
  const ack = await h.command('subscribe failed', { channel_id: HERE });
  await h.responseTo(ack.responseUrl);
  await failWithLostAnswer(h);
  await expectOneAlert(h);
  expect(h.slack.callsTo('conversations.join')).toHaveLength(0);
});

test('a thread line whose answer was lost, in a never-joined public channel, is found in the thread', async () => {
  h = await start({});
  await h.app.store.subscribe(HERE, ['running', 'failed'], null, 'U1', h.clock.now());
  await failWithLostAnswer(h, 'thread');
  const drained = outboxDrained(h);
  await runUntil(h, drained, 'the outbox to drain', 60_000);
  const [main] = mains(h.slack.messages);
  expect(mains(h.slack.messages)).toHaveLength(1);
  expect(h.slack.messages.filter((m) => m.threadTs === main!.ts)).toHaveLength(1);
});

test('an install without channels:join cannot check, posts again (a duplicate beats a lost alert), and logs why', async () => {
  h = await start({ scopes: MANIFEST_SCOPES.filter((s) => s !== 'channels:join') });
  await h.app.store.subscribe(HERE, ['failed'], null, 'U1', h.clock.now());
  await failWithLostAnswer(h);
  const drained = outboxDrained(h);
  await runUntil(h, drained, 'the outbox to drain', 60_000);
  expect(mains(h.slack.messages)).toHaveLength(2);
  expect(h.logs.join('\n')).toContain('cannot read the channel to check for an alert posted before a crash');
});
