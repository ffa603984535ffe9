/**
 * The crash window itself: a row whose Slack post went through but whose ts was never recorded
 * (the process died in between) finds its own message by metadata instead of posting again.
 */
import { WebClient } from '@slack/web-api';
import type { AlertPayload } from '../../../src/alerts/alert-payload';
import { createDelivery } from '../../../src/delivery/delivery';
import { ALERT_EVENT_TYPE } from '../../../src/delivery/find-posted';
import { createLogger } from '../../../src/logging/logger';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { openSqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { TestClock } from '../../support/clock';
import { makeJob } from '../../support/jobs';

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
  const job = makeJob({ status: 'failed', errorMessage: 'boom' });
  const payload: AlertPayload = { type: 'job', change: { job, from: 'running', to: 'failed' }, mention: null };
  await store.commitCycle({
    upsertJobs: [],
    alerts: [{ channelId: 'C1', jobId: job.id, kind: 'job', dedupeKey: `job:${job.id}:failed:C1`, payload, createdAt: clock.now() }],
    progress: {},
  });
  // A first deliverer claims the row, records its intent, posts... and dies before recording the ts.
  const [row] = await store.claimOutbox(clock.now(), 10, 'dead-replica', 60_000);
  await store.recordPosted(row!.id, 'main:intent', String(clock.now()));
  const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  await client.chat.postMessage({
    channel: 'C1',
    text: 'Job failed',
    metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { outbox_id: row!.id, step: 'main' } },
  });
  return { clock, client, rowId: row!.id, jobId: job.id };
}

test('a post that went through before the crash is found, recorded, and not repeated', async () => {
  const { clock, client, jobId } = await setup();
  const delivery = createDelivery({ store, client, clock, logger: createLogger('error'), owner: 'new-replica', channelGapMs: 0 });
  await clock.advance(61_000); // the dead replica's lease runs out
  const report = await delivery.runOnce();
  expect(report).toMatchObject({ claimed: 1, delivered: 1 });
  expect(slack.callsTo('chat.postMessage')).toHaveLength(1);
  expect(slack.callsTo('conversations.history')).toHaveLength(1);
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
