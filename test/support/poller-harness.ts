/**
 * The poller as the app builds it (batch client → feed → poller → store), against the Hume
 * simulator on a fake clock, with an in-memory or file SQLite store.
 */
import { createBatchClient } from '../../src/hume/batch/client';
import { createLogger } from '../../src/logging/logger';
import { createPoller, type Poller, type PollerOptions } from '../../src/poller/poller';
import { createJobBook, type JobBook } from '../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../src/simulator/server';
import { createBatchFeed } from '../../src/sources/batch/batch-feed';
import { openSqliteStore } from '../../src/store/sqlite-store';
import type { OutboxRow, Store } from '../../src/store/store';
import { NO_RETRY_POLICY, type RetryPolicy } from '../../src/hume/retry';
import { runUntil, TestClock } from './clock';
import { connectHumeHttp, TEST_API_KEY } from './hume';

export interface PollerHarness {
  clock: TestClock;
  book: JobBook;
  hume: HumeSimulator;
  store: Store;
  /**
   * The poller; its `runCycle` lets fake time pass while the cycle waits on a timer (a per-job
   * retry's delay, an attempt timeout on a request Hume holds), so a cycle that must wait ends.
   */
  poller: Poller;
  close(): Promise<void>;
}

export async function startPollerHarness(
  options: { intervalMs?: number; boundsInclusive?: boolean; digestThreshold?: number; book?: JobBook; clock?: TestClock; retry?: RetryPolicy } = {},
  pollerOptions: Partial<PollerOptions> = {},
): Promise<PollerHarness> {
  const clock = options.clock ?? new TestClock();
  const book = options.book ?? createJobBook({ clock, seed: 11 });
  const hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY, boundsInclusive: options.boundsInclusive });
  // The poller and its HTTP client share the fake clock, which stands still while the test awaits a
  // cycle: an attempt timeout never fires however slow the machine is, and no retry waits (the first
  // failure is the cycle's), so what a cycle does never depends on the machine's speed.
  const connection = connectHumeHttp(hume.url, clock, { retry: options.retry ?? NO_RETRY_POLICY });
  const { http } = connection;
  const store = await openSqliteStore(':memory:');
  await store.migrate();
  const poller = createPoller({
    feed: createBatchFeed(createBatchClient(http), clock),
    store,
    clock,
    logger: createLogger('error'),
    intervalMs: options.intervalMs ?? 10_000,
    digestThreshold: options.digestThreshold,
    ...pollerOptions,
  });
  /** A cycle, with fake time moving only while the cycle itself waits on the clock. */
  const runCycle: Poller['runCycle'] = async () => {
    let done = false;
    const cycle = poller.runCycle().finally(() => void (done = true));
    await runUntil({ clock, hume }, () => done, 'the poll cycle to end', 10 * 60_000);
    return cycle;
  };
  return {
    clock,
    book,
    hume,
    store,
    poller: { ...poller, runCycle },
    async close() {
      await poller.stop();
      await store.close();
      await hume.close();
      await connection.close();
    },
  };
}

/**
 * Everything the poller queued since the last call, each row completed once read: nothing is
 * handed out twice, and a job's later rows become claimable (they wait for its earlier ones).
 */
export async function drainOutbox(store: Store, now: number): Promise<OutboxRow[]> {
  const rows: OutboxRow[] = [];
  for (;;) {
    const batch = await store.claimOutbox(now + 10 ** 12, 500, 'test', 10 ** 12);
    if (batch.length === 0) return rows;
    for (const row of batch) await store.completeOutbox(row.id, null, now);
    rows.push(...batch);
  }
}
