/**
 * Crash recovery reads history in pages: a busy channel where more than one page of messages
 * came after the lost post still finds it (Slack pages history with has_more and a cursor).
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { createDelivery } from '../../../src/delivery/delivery';
import { createLogger } from '../../../src/logging/logger';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { openSqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { TestClock } from '../../support/clock';
import { seedLostPost } from '../../support/lost-post';

let slack: SlackStandIn | undefined;
let store: Store | undefined;
afterEach(async () => {
  await store?.close();
  await slack?.close();
});

/** A row whose post reached Slack before its deliverer died; `chatter` messages follow it in the channel. */
async function lostPost(chatter: number): Promise<{ clock: TestClock; client: WebClient; jobId: string }> {
  const clock = new TestClock();
  slack = await startSlackStandIn({ now: () => clock.now(), channels: { CBUSY: { botMember: true } } });
  store = await openSqliteStore(':memory:');
  await store.migrate();
  const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  const { jobId } = await seedLostPost(store, client, clock, 'CBUSY');
  for (let i = 0; i < chatter; i++) await client.chat.postMessage({ channel: 'CBUSY', text: `chatter ${i}` });
  await clock.advance(61_000); // the dead deliverer's lease runs out
  return { clock, client, jobId };
}

test('the lost post is found on a later page of history, and not posted again', async () => {
  // 450 more messages after it: more than two pages of 200.
  const { clock, client, jobId } = await lostPost(450);
  const posted = slack!.callsTo('chat.postMessage').length;
  const delivery = createDelivery({ store: store!, client, clock, logger: createLogger('error'), owner: 'new', channelGapMs: 0 });
  expect(await delivery.runOnce()).toMatchObject({ delivered: 1 });
  expect(slack!.callsTo('chat.postMessage')).toHaveLength(posted);
  expect(slack!.callsTo('conversations.history').length).toBeGreaterThanOrEqual(3);
  expect(await store!.messageRef('CBUSY', jobId)).toBe(slack!.messages[0]!.ts);
});

test.each([
  ['a 5xx', { method: 'conversations.history', status: 500 }],
  ['ok:false internal_error', { method: 'conversations.history', error: 'internal_error' }],
])('Slack failing the lookup (%s) retries the row later instead of posting blind', async (_what, fault) => {
  const { clock, client, jobId } = await lostPost(0);
  const delivery = createDelivery({ store: store!, client, clock, logger: createLogger('error'), owner: 'new', channelGapMs: 0 });
  slack!.faults.push(fault);
  expect(await delivery.runOnce()).toMatchObject({ delivered: 0, retried: 1 });
  expect(slack!.callsTo('chat.postMessage')).toHaveLength(1);
  await clock.advance(5 * 60_000);
  expect(await delivery.runOnce()).toMatchObject({ delivered: 1 });
  expect(slack!.callsTo('chat.postMessage')).toHaveLength(1);
  expect(await store!.messageRef('CBUSY', jobId)).toBe(slack!.messages[0]!.ts);
});
