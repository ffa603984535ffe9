/**
 * A burst costs what its size in pages costs: 1,000 tracked jobs finishing between two cycles
 * are read from a listing of finished jobs (batch: by end time; runs: by start, per status), not
 * with one GET each, and all of them are alerted once. A departed job the listing does not show
 * (deleted) still gets its own GET. Requests are counted in the simulator's request log.
 */
import type { JobChange } from '../../../src/domain/alert-payload';
import { createLogger } from '../../../src/logging/logger';
import { systemClock } from '../../../src/clock';
import { createBatchClient } from '../../../src/hume/batch/client';
import { LIST_FINISHED_ABOVE } from '../../../src/poller/read-changes';
import { createPoller } from '../../../src/poller/poller';
import type { RecordedRequest } from '../../../src/simulator/server';
import { openSqliteStore } from '../../../src/store/sqlite-store';
import type { OutboxRow } from '../../../src/store/store';
import { createBatchFeed } from '../../../src/sources/batch/batch-feed';
import type { ChangeFeed } from '../../../src/sources/source';
import { connectHumeHttp } from '../../support/hume';
import { drainOutbox, startPollerHarness, type PollerHarness } from '../../support/poller-harness';
import { RUNS_PATH, runsHarnessPerTest } from '../../support/runs';

const BURST = 1_000;
const MAX_REQUESTS = 20;
const MINUTE = 60_000;

let h: PollerHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Every change the rows alert, digests unfolded. */
function alertedChanges(rows: OutboxRow[]): JobChange[] {
  return rows.flatMap((row) => {
    const payload = row.payload;
    return payload.type === 'digest' ? payload.changes : payload.type === 'job' ? [payload.change] : [];
  });
}

const since = (log: RecordedRequest[], from: number) => log.slice(from);
const jobGets = (log: RecordedRequest[]) => log.filter((r) => /^\/v0\/batch\/jobs\/[^/]+$/.test(r.path));

describe('a burst of 1,000 finishes (batch)', () => {
  test(`is alerted in full with at most ${MAX_REQUESTS} Hume requests, and a deleted job still gets its GET`, async () => {
    h = await startPollerHarness({ intervalMs: 10_000 });
    const { clock, book, store, poller, hume } = h;
    await store.subscribe('C1', ['completed', 'failed'], null, null, clock.now());
    // Created before the look-back: once finished, only the listing or their own GET shows them.
    const ids = Array.from({ length: BURST }, (_, i) => book.add({ createdAt: clock.now() - 20 * MINUTE + i }).job_id);
    for (const id of ids) book.start(id);
    expect(await poller.runCycle()).toMatchObject({ ok: true, first: true });
    await clock.advance(10_000);
    expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 0 });
    await drainOutbox(store, clock.now());

    // All finish between two cycles (one in seven fails); one is deleted meanwhile.
    ids.forEach((id, i) => (i % 7 === 0 ? book.fail(id) : book.complete(id)));
    const deleted = ids[500]!;
    book.remove(deleted);
    await clock.advance(10_000);
    const before = hume.requests.length;
    const report = await poller.runCycle();
    const log = since(hume.requests, before);
    expect(report).toMatchObject({ ok: true, changes: BURST - 1 });
    expect(log.length).toBeLessThanOrEqual(MAX_REQUESTS);
    // The listing asked for finished jobs by end time; the deleted job alone was asked for by id.
    expect(log.some((r) => r.query.sort_by === 'ended' && String(r.query.status) === 'COMPLETED,FAILED')).toBe(true);
    expect(jobGets(log).map((r) => r.path)).toEqual([`/v0/batch/jobs/${deleted}`]);

    const changes = alertedChanges(await drainOutbox(store, clock.now()));
    const alerted = changes.map((c) => c.job.id);
    expect(new Set(alerted).size).toBe(alerted.length); // none twice
    expect([...alerted].sort()).toEqual(ids.filter((id) => id !== deleted).sort()); // none missed
    for (const change of changes) expect(change.to).toBe(ids.indexOf(change.job.id) % 7 === 0 ? 'failed' : 'completed');
    const [gone] = await store.getJobs([deleted]);
    expect(gone).toMatchObject({ status: 'failed', rawStatus: 'DELETED' });

    // The next cycle is idle again: two requests, nothing alerted.
    await clock.advance(10_000);
    const idleFrom = hume.requests.length;
    expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 0, alerts: 0 });
    expect(hume.requests.length - idleFrom).toBe(2);
    expect(await drainOutbox(store, clock.now())).toHaveLength(0);
  });

  test('Hume refusing the listing (HTTP 400) does not stall the cycle: the departed jobs are asked for one by one', async () => {
    h = await startPollerHarness({ intervalMs: 10_000 });
    const { clock, book, store, hume } = h;
    const connection = connectHumeHttp(hume.url, systemClock);
    try {
      const real = createBatchFeed(createBatchClient(connection.http), clock);
      // The real listing request, answered 400 by the simulator, as a Hume that refuses `sort_by=ended` would.
      const feed: ChangeFeed = {
        ...real,
        listFinished: (departed, since, options) => {
          hume.faults.push({ path: '/v0/batch/jobs', status: 400, body: { message: 'invalid sort_by: ended' } });
          return real.listFinished!(departed, since, options);
        },
      };
      const poller = createPoller({ feed, store, clock, logger: createLogger('error'), intervalMs: 10_000 });
      await store.subscribe('C1', ['completed'], null, null, clock.now());
      const ids = Array.from({ length: 40 }, () => book.add({ createdAt: clock.now() - 20 * MINUTE }).job_id);
      for (const id of ids) book.start(id);
      await poller.runCycle();
      for (const id of ids) book.complete(id);
      await clock.advance(10_000);
      const before = hume.requests.length;
      expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 40 });
      const log = since(hume.requests, before);
      expect(log.filter((r) => r.query.sort_by === 'ended')).toHaveLength(1);
      expect(jobGets(log)).toHaveLength(40);
      expect(alertedChanges(await drainOutbox(store, clock.now())).map((c) => c.job.id).sort()).toEqual([...ids].sort());
    } finally {
      await connection.close();
    }
  });

  test(`${LIST_FINISHED_ABOVE} departures or fewer are read with their own GETs, not a listing`, async () => {
    h = await startPollerHarness({ intervalMs: 10_000 });
    const { clock, book, poller, hume } = h;
    const ids = Array.from({ length: LIST_FINISHED_ABOVE }, () => book.add({ createdAt: clock.now() - 20 * MINUTE }).job_id);
    for (const id of ids) book.start(id);
    await poller.runCycle();
    for (const id of ids) book.complete(id);
    await clock.advance(10_000);
    const before = hume.requests.length;
    expect(await poller.runCycle()).toMatchObject({ ok: true, changes: LIST_FINISHED_ABOVE });
    const log = since(hume.requests, before);
    expect(jobGets(log)).toHaveLength(LIST_FINISHED_ABOVE);
    expect(log.filter((r) => r.query.sort_by === 'ended')).toHaveLength(0);
  });
});

describe('a burst of 1,000 finishes (runs)', () => {
  const start = runsHarnessPerTest();

  test(`is alerted in full with at most ${MAX_REQUESTS} Hume requests`, async () => {
    const r = await start();
    const store = await openSqliteStore(':memory:');
    await store.migrate();
    try {
      const poller = createPoller({ feed: r.feed, store, clock: r.clock, logger: createLogger('error'), intervalMs: 10_000 });
      await store.subscribe('C1', ['completed', 'failed'], null, null, r.clock.now());
      // Finished history started before and after the burst's runs: the listing walks past it.
      for (let i = 0; i < 300; i++) {
        const { run_id: id } = r.book.add({ startedAt: r.clock.now() - 30 * MINUTE + i * 5_000, mode: 'file' });
        r.book.end(id, { at: r.clock.now() - 5 * MINUTE });
      }
      const ids = Array.from({ length: BURST }, (_, i) => r.book.add({ startedAt: r.clock.now() - 20 * MINUTE + i, mode: 'realtime' }).run_id);
      expect(await poller.runCycle()).toMatchObject({ ok: true, first: true });
      await r.clock.advance(10_000);
      await poller.runCycle();
      await drainOutbox(store, r.clock.now());

      ids.forEach((id, i) => (i % 7 === 0 ? r.book.error(id) : r.book.end(id)));
      await r.clock.advance(10_000);
      const before = r.sim.requests.length;
      const report = await poller.runCycle();
      const log = since(r.sim.requests, before);
      expect(report).toMatchObject({ ok: true, changes: BURST });
      // Finding what finished: a few list pages, no run asked for by id.
      const reading = log.filter((q) => !q.path.endsWith('/events'));
      expect(reading.length).toBeLessThanOrEqual(MAX_REQUESTS);
      expect(reading.every((q) => q.path === RUNS_PATH)).toBe(true);
      // The API reads problem events per run only: one request per errored run, each once.
      const errored = ids.filter((_, i) => i % 7 === 0);
      expect(log.filter((q) => q.path.endsWith('/events')).map((q) => q.path).sort()).toEqual(errored.map((id) => `${RUNS_PATH}/${id}/events`).sort());
      const changes = alertedChanges(await drainOutbox(store, r.clock.now()));
      const alerted = changes.map((c) => c.job.id);
      expect(new Set(alerted).size).toBe(alerted.length);
      expect([...alerted].sort()).toEqual([...ids].sort());
    } finally {
      await store.close();
    }
  });
});
