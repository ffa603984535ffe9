/**
 * The runs API side of "one job can't stop the rest": a tracked run whose own GET or problem
 * events keep failing is that run's problem; the cycle commits and alerts the others.
 */
import type { AlertPayload } from '../../../src/domain/alert-payload';
import { NO_RETRY_POLICY } from '../../../src/hume/retry';
import { createLogger } from '../../../src/logging/logger';
import { UNREADABLE_AFTER } from '../../../src/poller/job-problems';
import { createPoller, type Poller } from '../../../src/poller/poller';
import { createRunsFeed } from '../../../src/sources/runs/runs-feed';
import { openSqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { runsHarnessPerTest, RUNS_PATH, type RunsHarness } from '../../support/runs';

const start = runsHarnessPerTest();
let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

async function setUp(): Promise<{ h: RunsHarness; poller: Poller; store: Store }> {
  const h = await start({ retry: NO_RETRY_POLICY });
  store = await openSqliteStore(':memory:');
  await store.migrate();
  // The harness's HTTP runs on the fake clock: no retry waits, so a cycle never waits on fake time.
  const feed = createRunsFeed(h.client, { clock: h.clock, jobRetry: NO_RETRY_POLICY });
  const poller = createPoller({ feed, store, clock: h.clock, logger: createLogger('error'), intervalMs: 10_000 });
  await store.subscribe('C1', ['completed', 'failed'], null, null, h.clock.now());
  return { h, poller, store };
}

async function alerted(s: Store, now: number): Promise<[string | null, string][]> {
  const rows = await s.claimOutbox(now + 1e12, 500, 't', 1e12);
  return rows.map((r) => [r.jobId, (r.payload as AlertPayload & { type: 'job' }).change.to]);
}

test('a run whose problem events cannot be read is still alerted as errored, without them', async () => {
  const { h, poller, store: s } = await setUp();
  const run = h.book.add({ startedAt: h.clock.now() - 10 * 60_000, mode: 'realtime' });
  await poller.runCycle();
  h.book.error(run.run_id);
  h.sim.faults.hold({ path: `${RUNS_PATH}/${run.run_id}/events`, status: 500, body: { type: 'error', code: 'internal_error', message: 'boom' } });
  await h.clock.advance(10_000);
  expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 1 });
  expect(await alerted(s, h.clock.now())).toEqual([[run.run_id, 'failed']]);
});

test('a tracked run whose GET keeps failing is recorded as unreadable; the run beside it is alerted', async () => {
  const { h, poller, store: s } = await setUp();
  // Older than the runs feed's late window: the list no longer shows them, only their GET does.
  const old = h.clock.now() - 30 * 60_000;
  const bad = h.book.add({ startedAt: old, mode: 'file' });
  const fine = h.book.add({ startedAt: old + 1, mode: 'file' });
  await poller.runCycle();
  h.book.end(bad.run_id);
  h.book.end(fine.run_id);
  h.sim.faults.hold({ path: `${RUNS_PATH}/${bad.run_id}`, status: 200, rawBody: '<html>proxy error</html>' });
  for (let cycle = 1; cycle <= UNREADABLE_AFTER; cycle++) {
    await h.clock.advance(10_000);
    expect(await poller.runCycle()).toMatchObject({ ok: true, unreadableJobs: cycle === UNREADABLE_AFTER ? 1 : 0 });
    if (cycle === 1) expect(await alerted(s, h.clock.now())).toEqual([[fine.run_id, 'completed']]);
  }
  expect((await s.getJobs([bad.run_id]))[0]!.snapshot.unreadable).toMatchObject({ failures: UNREADABLE_AFTER });
});
