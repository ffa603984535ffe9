/**
 * Channels drain independently: 200 channels with 5 alerts each are delivered at each channel's
 * own pace (one message a second), so all of them in about the time one channel needs, instead
 * of batch after batch waiting for its slowest channel. A rate-limited channel waits alone.
 */
import type { AlertPayload } from '../../../src/domain/alert-payload';
import { createDelivery, type Delivery } from '../../../src/delivery/delivery';
import { createLogger } from '../../../src/logging/logger';
import type { SlackStandIn } from '../../../src/simulator/slack-server';
import type { NewOutboxRow, Store } from '../../../src/store/store';
import { waitFor } from '../../support/app-harness';
import { TestClock } from '../../support/clock';
import { startDeliveryRig, type DeliveryRig } from '../../support/delivery-rig';
import { makeJob } from '../../support/jobs';

let rig: DeliveryRig | null = null;
let slack: SlackStandIn;
let store: Store;
let delivery: Delivery | null = null;
afterEach(async () => {
  await delivery?.stop();
  delivery = null;
  await rig?.close();
  rig = null;
});

const CHANNELS = 200;
const PER_CHANNEL = 5;

async function setup(clock: TestClock, channels: number): Promise<void> {
  rig = await startDeliveryRig(clock);
  ({ slack, store } = rig);
  const alerts: NewOutboxRow[] = [];
  for (let c = 0; c < channels; c++) {
    for (let j = 0; j < PER_CHANNEL; j++) {
      const job = makeJob({ status: 'completed' });
      const payload: AlertPayload = { type: 'job', change: { job, from: 'running', to: 'completed' }, mention: null };
      const channelId = `C${String(c).padStart(4, '0')}`;
      alerts.push({ channelId, jobId: job.id, dedupeKey: `job:${job.id}:${channelId}`, payload, createdAt: clock.now() });
    }
  }
  await store.commitCycle({ upsertJobs: [], alerts, progress: {} });
}

function startDelivery(clock: TestClock): Delivery {
  const { client } = rig!;
  const started = createDelivery({ store, client, clock, logger: createLogger('error'), owner: 'lanes-test' });
  started.start();
  return started;
}

test(`${CHANNELS} channels × ${PER_CHANNEL} alerts: every channel posts once a second, all done in about ${PER_CHANNEL} s`, async () => {
  const clock = new TestClock();
  await setup(clock, CHANNELS);
  const t0 = clock.now();
  const realStart = performance.now();
  delivery = startDelivery(clock);
  // Each second of fake time, every channel gets its next message: the whole second's worth
  // must arrive before the clock moves on (waited for in real time, however busy the machine).
  for (let second = 1; second <= PER_CHANNEL; second++) {
    await waitFor(() => slack.messages.length >= CHANNELS * second, `${CHANNELS * second} messages`, 30_000);
    if (second < PER_CHANNEL) await clock.advance(1000);
  }
  const fakeSeconds = (clock.now() - t0) / 1000;
  expect(slack.messages).toHaveLength(CHANNELS * PER_CHANNEL);
  expect(fakeSeconds).toBeLessThanOrEqual(PER_CHANNEL);
  // Never faster than Slack's pace in any channel: five posts a second apart.
  for (let c = 0; c < CHANNELS; c += 37) {
    const times = slack.callsTo('chat.postMessage').filter((call) => call.args.channel === `C${String(c).padStart(4, '0')}`).map((call) => call.at);
    expect(times.map((t) => t - t0)).toEqual([0, 1000, 2000, 3000, 4000]);
  }
  // The last rows are completed just after their posts land.
  for (let tries = 0; (await store.outboxStats(clock.now())).pending > 0 && tries < 1000; tries++) await new Promise((r) => setTimeout(r, 5));
  expect(await store.outboxStats(clock.now())).toMatchObject({ pending: 0 });
  console.log(`lanes: ${CHANNELS * PER_CHANNEL} alerts in ${CHANNELS} channels: ${fakeSeconds} s of Slack pace, ${Math.round(performance.now() - realStart)} ms real`);
});

test('a channel answered 429 waits for its Retry-After alone: the others go on at their pace', async () => {
  const clock = new TestClock();
  await setup(clock, 3);
  slack.faults.push({ method: 'chat.postMessage', channel: 'C0001', status: 429, headers: { 'retry-after': '30' } });
  delivery = startDelivery(clock);
  const inChannel = (c: string) => slack.messages.filter((m) => m.channel === c).length;
  for (let second = 1; second <= PER_CHANNEL; second++) {
    await waitFor(() => inChannel('C0000') >= second && inChannel('C0002') >= second, `second ${second} of the healthy channels`, 30_000);
    await clock.advance(1000);
  }
  expect(inChannel('C0001')).toBe(0);
  await clock.advance(30_000);
  for (let n = 1; n <= PER_CHANNEL; n++) {
    await waitFor(() => inChannel('C0001') >= n, `message ${n} of the rate-limited channel`, 30_000);
    await clock.advance(1000);
  }
  const retried = slack.callsTo('chat.postMessage').filter((call) => call.args.channel === 'C0001');
  expect(retried[0]!.at).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 28, 12, 0, 0) + 30_000);
});
