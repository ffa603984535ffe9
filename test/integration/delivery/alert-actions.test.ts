/**
 * Delivery and the alert buttons on one job message: delivery renders the claim and the mute
 * that the store holds, so a later edit of the message keeps showing who took it; it edits only
 * under the message's edit lock (a press holding it makes the row wait, never overwrite); and a
 * mute whose time is up ends once, with one summary, however many deliverers look at once, and
 * never from a deliverer that lost its lease.
 */
import { summarizeMute } from '../../../src/alerts/mute-digest';
import { jobFailureCause } from '../../../src/alerts/alert-cause';
import type { AlertPayload } from '../../../src/domain/alert-payload';
import { createDelivery } from '../../../src/delivery/delivery';
import type { Job } from '../../../src/jobs/job';
import { createLogger } from '../../../src/logging/logger';
import { FencedOutError } from '../../../src/store/fence';
import type { NewOutboxRow } from '../../../src/store/store';
import { TestClock } from '../../support/clock';
import { startDeliveryRig, type DeliveryRig } from '../../support/delivery-rig';
import { makeJob } from '../../support/jobs';

const CHANNEL = 'CBUTTONS';
let rig: DeliveryRig | null = null;
afterEach(async () => {
  await rig?.close();
  rig = null;
});

function alert(job: Job, from: Job['status'] | null, at: number): NewOutboxRow {
  const payload: AlertPayload = { type: 'job', change: { job, from, to: job.status }, mention: null };
  return { channelId: CHANNEL, jobId: job.id, dedupeKey: `job:${job.id}:${job.status}:${CHANNEL}`, payload, createdAt: at };
}

function deliveryOf(clock: TestClock, owner = 'd1') {
  return createDelivery({ store: rig!.store, client: rig!.client, clock, logger: createLogger('error'), owner, channelGapMs: 0 });
}

const mainMessage = () => rig!.slack.messages.find((m) => m.channel === CHANNEL && m.threadTs === null)!;
const shown = () => JSON.stringify(mainMessage().blocks);

test('a claimed failure stays claimed on the next edit; the completed message drops the buttons, not the claim', async () => {
  const clock = new TestClock();
  rig = await startDeliveryRig(clock);
  const failed = makeJob({ status: 'failed', rawStatus: 'FAILED', errorMessage: 'Transcription failed' });
  await rig.store.commitCycle({ upsertJobs: [], alerts: [alert(failed, 'running', clock.now())], progress: {} });
  await deliveryOf(clock).runOnce();
  expect(shown()).toContain('hume_jobs.take');

  await rig.store.claimAlert({ channelId: CHANNEL, jobId: failed.id, userId: 'U0ADA', at: clock.now() });
  await clock.advance(60_000);
  const completed = { ...failed, status: 'completed' as const, rawStatus: 'COMPLETED', errorMessage: null };
  await rig.store.commitCycle({ upsertJobs: [], alerts: [alert(completed, 'failed', clock.now())], progress: {} });
  await deliveryOf(clock).runOnce();

  expect(rig.slack.callsTo('chat.update')).toHaveLength(1);
  expect(mainMessage().text).toMatch(/completed/i);
  expect(shown()).toContain('<@U0ADA> is on it');
  expect(shown()).not.toContain('hume_jobs.take');
});

test('a press holding the edit lock makes delivery wait: the row is retried, not written over the press', async () => {
  const clock = new TestClock();
  rig = await startDeliveryRig(clock);
  const failed = makeJob({ status: 'failed', rawStatus: 'FAILED', errorMessage: 'Transcription failed' });
  await rig.store.commitCycle({ upsertJobs: [], alerts: [alert(failed, 'running', clock.now())], progress: {} });
  await deliveryOf(clock).runOnce();

  expect(await rig.store.lockAlertMessage(CHANNEL, failed.id, 'press:1', clock.now(), 30_000)).toBe(true);
  const completed = { ...failed, status: 'completed' as const, rawStatus: 'COMPLETED', errorMessage: null };
  await rig.store.commitCycle({ upsertJobs: [], alerts: [alert(completed, 'failed', clock.now())], progress: {} });
  const report = await deliveryOf(clock).runOnce();
  expect(report).toMatchObject({ delivered: 0, retried: 1 });
  expect(rig.slack.callsTo('chat.update')).toHaveLength(0);
  // Delivery cannot take a lock a press holds; the press can take it again (it is its own).
  expect(await rig.store.lockAlertMessage(CHANNEL, failed.id, 'delivery:d1', clock.now(), 30_000)).toBe(false);

  await rig.store.unlockAlertMessage(CHANNEL, failed.id, 'press:1');
  await clock.advance(1000);
  expect(await deliveryOf(clock).runOnce()).toMatchObject({ delivered: 1 });
  expect(mainMessage().text).toMatch(/completed/i);
  // The version is recorded before the lock goes: whoever edits next renders from it.
  expect((await rig.store.jobMessage(CHANNEL, failed.id))?.version).toBe((await rig.store.alertRowShownAt(CHANNEL, failed.id, mainMessage().ts))?.id);
});

test('a due mute ends once with one summary, with two deliverers at once; a deliverer without the lease ends none', async () => {
  const clock = new TestClock();
  rig = await startDeliveryRig(clock);
  const first = makeJob({ status: 'failed', rawStatus: 'FAILED', errorMessage: 'Failed to download media from URL 41' });
  const cause = jobFailureCause(first);
  await rig.store.muteCause({ channelId: CHANNEL, cause, example: 'Failed to download media from URL 41', createdBy: 'U0ADA', startedAt: clock.now(), endsAt: clock.now() + 4 * 3600_000 });
  const held = makeJob({ status: 'failed', rawStatus: 'FAILED', errorMessage: 'Failed to download media from URL 42' });
  const other = makeJob({ status: 'failed', rawStatus: 'FAILED', errorMessage: 'Transcription failed' });
  await rig.store.commitCycle({ upsertJobs: [], alerts: [alert(held, 'running', clock.now()), alert(other, 'running', clock.now())], progress: {} });
  await deliveryOf(clock).runOnce();
  expect(rig.slack.messages.map((m) => m.text)).toEqual([expect.stringContaining(other.id.slice(0, 8))]);
  expect(await rig.store.outboxStats(clock.now())).toMatchObject({ pending: 0, held: 1 });

  await clock.advance(4 * 3600_000);
  // A deliverer that lost its lease writes nothing: the mute stays for the one that leads.
  const fencedOut = rig.store.withFence({ current: () => null });
  await expect(fencedOut.endMute(CHANNEL, cause, clock.now(), true, (m, rows) => summarizeMute(m, rows, clock.now(), null))).rejects.toBeInstanceOf(FencedOutError);
  expect(await rig.store.listMutes(CHANNEL)).toHaveLength(1);

  await Promise.all([deliveryOf(clock, 'd1').runOnce(), deliveryOf(clock, 'd2').runOnce()]);
  await deliveryOf(clock).runOnce();
  const summaries = rig.slack.messages.filter((m) => m.text.startsWith('While a cause was muted'));
  expect(summaries).toHaveLength(1);
  expect(summaries[0]!.text).toMatch(/1 job update — 1 failed/);
  expect(JSON.stringify(summaries[0]!.blocks)).toContain(held.id.slice(0, 8));
  expect(await rig.store.listMutes(null)).toEqual([]);
  expect(await rig.store.outboxStats(clock.now())).toMatchObject({ pending: 0, held: 0 });
});
