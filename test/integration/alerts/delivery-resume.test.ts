/**
 * The crash window itself: a row whose Slack post went through but whose ts was never recorded
 * (the process died in between) finds its own message by metadata instead of posting again.
 */
import { WebClient } from '@slack/web-api';
import { createDelivery } from '../../../src/delivery/delivery';
import { createLogger } from '../../../src/logging/logger';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { openSqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { TestClock } from '../../support/clock';
import { seedLostPost } from '../../support/lost-post';

let slack: SlackStandIn;
let store: Store;
afterEach(async () => {
  await store?.close();
  await slack?.close();
});

async function setup(): Promise<{ clock: TestClock; client: WebClient; rowId: number; jobId: string }> {
  const clock = new TestClock();
  slack = await startSlackStandIn({ now: () => clock.now() });
  store = await openSqliteStore(':memory:');
  await store.migrate();
  const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  // A first deliverer claims the row, records its intent, posts... and dies before recording the ts.
  const { rowId, jobId } = await seedLostPost(store, client, clock, 'C1');
  return { clock, client, rowId, jobId };
}

test('a post that went through before the crash is found, recorded, and not repeated', async () => {
  const { clock, client, jobId } = await setup();
  const delivery = createDelivery({ store, client, clock, logger: createLogger('error'), owner: 'new-replica', channelGapMs: 0 });
  await clock.advance(61_000); // the dead replica's lease runs out
  const report = await delivery.runOnce();
  expect(report).toMatchObject({ claimed: 1, delivered: 1 });
  expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  // C1 is a public channel the bot posts in without having joined: history answers
  // not_in_channel until it joins, then finds the message.
  expect(slack.callsTo('conversations.join')).toHaveLength(1);
  expect(slack.callsTo('conversations.history')).toHaveLength(2);
  expect(await store.messageRef('C1', jobId)).toBe(slack.messages[0]!.ts);
});

test('a crash before the post went through posts it now, once', async () => {
  const { clock, client } = await setup();
  slack.messages.length = 0; // Slack never received the first attempt
  const delivery = createDelivery({ store, client, clock, logger: createLogger('error'), owner: 'new-replica', channelGapMs: 0 });
  await clock.advance(61_000);
  expect(await delivery.runOnce()).toMatchObject({ delivered: 1 });
  expect(slack.messages).toHaveLength(1);
  expect(await delivery.runOnce()).toMatchObject({ claimed: 0 });
});
