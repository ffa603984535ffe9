/**
 * Bounded lag under sustained load: Slack takes about one message a second per channel, so 4
 * changes a second into one channel build a backlog that grows by 3 a second. Delivery folds a
 * channel's backlog into one digest when more than a few seconds' worth waits, so every change
 * shows up in Slack once, within seconds, however long the burst lasts.
 *
 * Lag of a change: the Slack stand-in's time of the message that first shows it (the job's own
 * message or the digest that folded it), minus the time the change was queued.
 */
import type { AlertPayload } from '../../../src/domain/alert-payload';
import { createDelivery, type Delivery } from '../../../src/delivery/delivery';
import { createLogger } from '../../../src/logging/logger';
import type { OutboxRow } from '../../../src/store/store';
import { runFor, TestClock } from '../../support/clock';
import { startDeliveryRig, type DeliveryRig } from '../../support/delivery-rig';
import { makeJob } from '../../support/jobs';

let rig: DeliveryRig | null = null;
let delivery: Delivery | null = null;
afterEach(async () => {
  await delivery?.stop();
  delivery = null;
  await rig?.close();
  rig = null;
});

const CHANNEL = 'C_LOAD';
const PER_SECOND = 4;
const SECONDS = 60;

interface Measured {
  lagsMs: number[];
  /** Jobs shown by more than one delivered alert. */
  twice: string[];
  /** Jobs never shown. */
  missing: string[];
  lastLagMs: number;
  posts: number;
}

function p99(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(sorted.length * 0.99) - 1]!;
}

async function sustainedLoad(foldAbove?: number): Promise<Measured> {
  const clock = new TestClock();
  rig = await startDeliveryRig(clock);
  const { slack, store, client } = rig;
  const delivered: OutboxRow[] = [];
  delivery = createDelivery({ store, client, clock, logger: createLogger('error'), owner: 'load-test', ...(foldAbove === undefined ? {} : { foldAbove }), onDelivered: (row) => delivered.push(row) });
  delivery.start();
  const changedAt = new Map<string, number>();
  for (let i = 0; i < PER_SECOND * SECONDS; i++) {
    const job = makeJob({ status: 'completed' });
    const payload: AlertPayload = { type: 'job', change: { job, from: 'running', to: 'completed' }, mention: null };
    changedAt.set(job.id, clock.now());
    await store.commitCycle({ upsertJobs: [], alerts: [{ channelId: CHANNEL, jobId: job.id, dedupeKey: `job:${job.id}:${CHANNEL}`, payload, createdAt: clock.now() }], progress: {} });
    delivery.notify();
    await runFor({ clock }, 1000 / PER_SECOND);
  }
  // Drains what is left, step by settled step, with a bound far past any sane lag.
  for (let i = 0; i < 600 && (await store.outboxStats(clock.now())).pending > 0; i++) await runFor({ clock }, 1000);
  expect(await store.outboxStats(clock.now())).toMatchObject({ pending: 0, dead: 0 });

  // Which jobs each delivered alert showed, and when Slack got its message.
  const postedAt = new Map<number, number>();
  for (const call of slack.callsTo('chat.postMessage')) {
    const meta = call.args.metadata as { event_payload?: { outbox_id?: number } } | undefined;
    const id = meta?.event_payload?.outbox_id;
    if (typeof id === 'number' && !postedAt.has(id)) postedAt.set(id, call.at);
  }
  const shownAt = new Map<string, number>();
  const twice: string[] = [];
  for (const row of delivered) {
    const jobs = row.payload.type === 'job' ? [row.payload.change.job.id] : row.payload.type === 'digest' ? row.payload.changes.map((c) => c.job.id) : [];
    const at = postedAt.get(row.id);
    if (at === undefined) throw new Error(`alert ${row.id} was delivered but Slack has no message of it`);
    for (const jobId of jobs) {
      if (shownAt.has(jobId)) twice.push(jobId);
      else shownAt.set(jobId, at);
    }
  }
  const missing = [...changedAt.keys()].filter((id) => !shownAt.has(id));
  const lagsMs = [...shownAt].map(([id, at]) => at - changedAt.get(id)!);
  const lastChange = Math.max(...changedAt.values());
  const lastLagMs = Math.max(...shownAt.values()) - lastChange;
  return { lagsMs, twice, missing, lastLagMs, posts: slack.callsTo('chat.postMessage').length };
}

test(`${PER_SECOND} changes a second into one channel for ${SECONDS} s: every change shown once, p99 lag ≤ 15 s`, async () => {
  const measured = await sustainedLoad();
  expect(measured.missing).toEqual([]);
  expect(measured.twice).toEqual([]);
  expect(measured.lagsMs).toHaveLength(PER_SECOND * SECONDS);
  const lag = p99(measured.lagsMs);
  console.log(`sustained load, folding: p99 lag ${lag / 1000} s, last alert ${measured.lastLagMs / 1000} s after the last change, ${measured.posts} posts`);
  expect(lag).toBeLessThanOrEqual(15_000);
  expect(measured.lastLagMs).toBeLessThanOrEqual(15_000);
});

// The figure before folding, for the record: the backlog grows 3 a second and never clears.
test('without folding the same load falls minutes behind (the figure the fold is measured against)', async () => {
  const measured = await sustainedLoad(Infinity);
  expect(measured.missing).toEqual([]);
  expect(measured.twice).toEqual([]);
  const lag = p99(measured.lagsMs);
  console.log(`sustained load, no folding: p99 lag ${lag / 1000} s, last alert ${measured.lastLagMs / 1000} s after the last change, ${measured.posts} posts`);
  expect(lag).toBeGreaterThan(60_000);
});

test("a folded backlog still edits the jobs' own messages: none is left showing a state the job has left", async () => {
  const clock = new TestClock();
  rig = await startDeliveryRig(clock);
  const { slack, store, client } = rig;
  delivery = createDelivery({ store, client, clock, logger: createLogger('error'), owner: 'fold-test' });
  const queue = async (alerts: { job: ReturnType<typeof makeJob>; from: 'queued' | 'running'; to: 'running' | 'completed' }[], key: string) =>
    store.commitCycle({
      upsertJobs: [],
      alerts: alerts.map(({ job, from, to }) => ({
        channelId: CHANNEL,
        jobId: job.id,
        dedupeKey: `${key}:${job.id}`,
        payload: { type: 'job', change: { job: { ...job, status: to }, from, to }, mention: null },
        createdAt: clock.now(),
      })),
      progress: {},
    });
  const posted = [makeJob({ status: 'running' }), makeJob({ status: 'running' }), makeJob({ status: 'running' })];
  await queue(posted.map((job) => ({ job, from: 'queued', to: 'running' })), 'running');
  delivery.start();
  await runFor({ clock }, 5000);
  expect(slack.messages).toHaveLength(3);
  const ownTs = slack.messages.map((m) => m.ts);
  // A burst: the posted jobs finish, with 9 other jobs: 12 waiting, over the threshold of 10.
  const others = Array.from({ length: 9 }, () => makeJob({ status: 'running' }));
  await queue([...posted, ...others].map((job) => ({ job, from: 'running', to: 'completed' })), 'completed');
  delivery.notify();
  await runFor({ clock }, 10_000);
  expect(await store.outboxStats(clock.now())).toMatchObject({ pending: 0, dead: 0 });
  // One digest, no thread lines, and each job's own message edited to its last state.
  expect(slack.messages).toHaveLength(4);
  expect(slack.messages[3]!.text).toMatch(/12 job updates/);
  for (const ts of ownTs) {
    const own = slack.messages.find((m) => m.ts === ts)!;
    expect(own.edits).toBe(1);
    expect(own.text).toMatch(/completed/i);
  }
});
