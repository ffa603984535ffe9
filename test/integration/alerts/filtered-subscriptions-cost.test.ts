/**
 * The poller's cost does not grow with the number of subscriptions: the same jobs changing
 * cost the same Hume requests whether one channel has one subscription or 60 channels have five
 * filtered subscriptions each. Matching filters is done in memory, on the jobs already read.
 */
import { ANY_JOB, type JobMatch } from '../../../src/jobs/job-match';
import { MODEL_NAMES } from '../../../src/commands/vocabulary';
import { drainOutbox, startPollerHarness, type PollerHarness } from '../../support/poller-harness';

let h: PollerHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

interface Cost {
  /** Hume requests of the cycle that found the changes. */
  requests: number;
  /** Alerts planned for the watched channel C0, by job. */
  c0: string[];
}

/** Ten jobs, half of them face jobs, finish between two cycles; `subs` subscriptions are in the store. */
async function cost(subscriptions: { channelId: string; match: JobMatch }[]): Promise<Cost> {
  h = await startPollerHarness();
  const { clock, book, store, poller, hume } = h;
  for (const sub of subscriptions) await store.subscribe(sub.channelId, ['completed', 'failed'], null, 'U1', clock.now(), sub.match);
  const jobs = Array.from({ length: 10 }, (_, i) =>
    book.add({ id: `job-${i}`, request: { models: i % 2 === 0 ? { face: {} } : { prosody: {} } } }),
  );
  for (const job of jobs) book.start(job.job_id);
  await poller.runCycle();
  await clock.advance(10_000);
  jobs.forEach((job, i) => (i % 3 === 0 ? book.fail(job.job_id, 'boom') : book.complete(job.job_id)));
  const before = hume.requests.length;
  const report = await poller.runCycle();
  expect(report.ok).toBe(true);
  expect(hume.requests.length - before).toBe(report.requests);
  const rows = await drainOutbox(store, clock.now());
  const c0 = rows.filter((r) => r.channelId === 'C0').map((r) => r.jobId ?? 'digest');
  await h.close();
  h = null;
  return { requests: report.requests, c0 };
}

test('five filtered subscriptions in each of 60 channels cost no Hume request more than one subscription', async () => {
  const one = await cost([{ channelId: 'C0', match: { ...ANY_JOB, model: 'face' } }]);
  const many = Array.from({ length: 60 }, (_, c) => [
    { channelId: `C${c}`, match: { ...ANY_JOB, model: 'face' } },
    ...MODEL_NAMES.filter((m) => m !== 'face').slice(0, 4).map((model) => ({ channelId: `C${c}`, match: { ...ANY_JOB, model } })),
  ]).flat();
  expect(many).toHaveLength(300);
  const crowded = await cost(many);
  expect(crowded.requests).toBe(one.requests);
  // C0 still hears about its face jobs (even ids), and with its prosody subscription now the others too, once each.
  expect(one.c0.sort()).toEqual(['job-0', 'job-2', 'job-4', 'job-6', 'job-8']);
  expect(crowded.c0.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `job-${i}`).sort());
});
