/**
 * The high-water mark cannot be poisoned: a job Hume stamped a year ahead is alerted like any
 * other, logged once, and the jobs created after it are still found. Poller + simulator.
 */
import type { AlertPayload } from '../../../src/domain/alert-payload';
import { createLogger } from '../../../src/logging/logger';
import { MAX_CLOCK_SKEW_MS } from '../../../src/poller/high-water';
import type { OutboxRow, Store } from '../../../src/store/store';
import { startPollerHarness, type PollerHarness } from '../../support/poller-harness';

const YEAR_MS = 365 * 86_400_000;

let h: PollerHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function alerted(store: Store, now: number): Promise<[string | null, string][]> {
  const rows: OutboxRow[] = [];
  for (let batch = await store.claimOutbox(now + 1e12, 500, 't', 1e12); batch.length > 0; batch = await store.claimOutbox(now + 1e12, 500, 't', 1e12)) rows.push(...batch);
  return rows.map((r) => [r.jobId, (r.payload as AlertPayload & { type: 'job' }).change.to]);
}

test('a job stamped a year ahead is alerted once, logged once, and does not hide the jobs created after it', async () => {
  const lines: string[] = [];
  h = await startPollerHarness({ intervalMs: 10_000 }, { logger: createLogger('info', { write: (line: string) => void lines.push(line) }) });
  const { clock, book, store, poller } = h;
  await store.subscribe('C1', ['queued', 'completed'], null, null, clock.now());
  await poller.runCycle();

  const future = book.add({ createdAt: clock.now() + YEAR_MS });
  await clock.advance(10_000);
  expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 1 });
  const mark = Number(await store.getProgress('created_hwm'));
  expect(mark).toBeLessThanOrEqual(clock.now() + MAX_CLOCK_SKEW_MS);

  // Created afterwards, and finished before any cycle saw them in the active list.
  await clock.advance(10_000);
  const later = [book.add({}), book.add({})];
  for (const job of later) book.complete(job.job_id);
  for (let cycle = 0; cycle < 5; cycle++) {
    await clock.advance(10_000);
    expect((await poller.runCycle()).ok).toBe(true);
  }
  expect((await alerted(store, clock.now())).sort()).toEqual(
    [[future.job_id, 'queued'], ...later.map((j) => [j.job_id, 'completed'])].sort(),
  );
  expect(lines.filter((line) => line.includes(future.job_id) && line.includes('future'))).toHaveLength(1);
});

test('a mark already poisoned (stored a year ahead by an older version) is brought back and jobs are found again', async () => {
  h = await startPollerHarness({ intervalMs: 10_000 });
  const { clock, book, store, poller } = h;
  await store.subscribe('C1', ['completed'], null, null, clock.now());
  await poller.runCycle();
  await store.commitCycle({ upsertJobs: [], alerts: [], progress: { created_hwm: String(clock.now() + YEAR_MS) } });
  await clock.advance(10_000);
  const job = book.add({});
  book.complete(job.job_id);
  await clock.advance(10_000);
  expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 1 });
  expect(await alerted(store, clock.now())).toEqual([[job.job_id, 'completed']]);
  expect(Number(await store.getProgress('created_hwm'))).toBeLessThanOrEqual(clock.now() + MAX_CLOCK_SKEW_MS);
});
