/**
 * The benchmark's own code, run at tiny sizes through the same functions `npm run bench` uses,
 * so it cannot rot between runs. Only correctness is asserted (request counts, every alert once):
 * timings are the benchmark's to report, never the test suite's to judge.
 */
import { measureAlertLatency } from '../../../bench/alert-latency';
import { measureBurstRequests } from '../../../bench/burst-requests';
import { measureHomeRefresh } from '../../../bench/home-refresh';
import { measureIdleCycles } from '../../../bench/idle-cycles';
import { measureRecovery } from '../../../bench/recovery';
import { measureSustainedLoad } from '../../../bench/sustained-load';
import { TSX_ENTRY } from '../../../bench/support/app-entry';
import { startSimProcess, type SimProcess } from '../../../bench/support/sim-client';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';


let sim: SimProcess;
let slack: SlackStandIn;
beforeAll(async () => {
  sim = await startSimProcess();
  slack = await startSlackStandIn();
});
afterAll(async () => {
  await sim?.close();
  await slack?.close();
});

test('idle cycles: the change feed asks Hume twice whatever the history; re-listing grows with it', async () => {
  const result = await measureIdleCycles(sim, { sizes: [20, 300], cycles: 2, queued: 1, running: 2, relistPage: 50 });

  expect(result.problems).toEqual([]);
  const [small, large] = result.rows;
  expect(small!.app.requests).toEqual([2, 2]);
  expect(large!.app.requests).toEqual([2, 2]);
  // One GET per job in flight, whatever the history.
  expect(small!.byId.requests).toEqual([3, 3]);
  expect(large!.byId.requests).toEqual([3, 3]);
  // 23 jobs fit one page of 50; 303 need at least seven.
  expect(small!.relist.requests).toEqual([1, 1]);
  expect(large!.relist.requests[0]).toBeGreaterThanOrEqual(7);
  expect(result.tables[0]!.rows).toHaveLength(2);
});

test('alert latency: each change reaches Slack exactly once, in its channel, from the app in its own process', async () => {
  const result = await measureAlertLatency({ sim, slack, entry: TSX_ENTRY }, { changes: 4, spacingMs: 400, repeatWatchMs: 1000 });

  expect(result.problems).toEqual([]);
  expect(result.latenciesMs).toHaveLength(4);
});

test('sustained load: every change shown once, in real time and fake time; with folding off the lag grows', async () => {
  const result = await measureSustainedLoad({ sim, slack, entry: TSX_ENTRY }, { perSecond: 4, seconds: 6, repeatWatchMs: 1000, fakeTime: true });

  expect(result.problems).toEqual([]);
  expect(result.runs).toHaveLength(3);
  for (const run of result.runs) {
    expect(run.changes).toBe(24);
    expect(run.shown).toMatchObject({ missing: [], twice: [] });
    expect(run.shown.lagsMs).toHaveLength(24);
  }
  const [, folded, baseline] = result.runs;
  // The backlog grows by 3 a second: past ten waiting, folding tells some in digests.
  expect(folded!.shown.digests).toBeGreaterThan(0);
  expect(baseline!.shown).toMatchObject({ posts: 24, digests: 0 });
  // Without folding, one message a second: the last of 24 comes about 18 s after the last change.
  expect(baseline!.shown.lastLagMs).toBeGreaterThan(15_000);
  expect(Math.max(...baseline!.shown.lagsMs)).toBeGreaterThan(Math.max(...folded!.shown.lagsMs));
  expect(result.tables[0]!.rows).toHaveLength(3);
});

test('recovery: after a Hume outage the next good cycle comes within the capped back-off; the old rule is replayed beside it', async () => {
  const result = await measureRecovery({ outageMs: 5 * 60_000, intervalMs: 5_000, phases: 2, slack: true });

  expect(result.problems).toEqual([]);
  expect(result.hume).toHaveLength(2);
  expect(result.slack).toHaveLength(2);
  for (const run of result.hume) {
    expect(run.failedTries).toBeGreaterThan(0);
    // At most the longest wait (30 s) and one failed cycle's own retries after healing.
    expect(run.toCycleMs).toBeLessThanOrEqual(40_000);
    expect(run.toAlertMs).toBeGreaterThanOrEqual(run.toCycleMs);
    // Doubling from 10 s: the old rule's tries fall at about 10, 30, 70, 150 and 310 s, plus each failed cycle's retries.
    expect(run.oldToCycleMs).toBeGreaterThan(run.toCycleMs);
  }
  for (const run of result.slack) expect(run.failedTries).toBeGreaterThan(0);
  expect(result.tables[0]!.rows).toHaveLength(3);
});

test('Hume requests per burst: a listing instead of one GET per job, for batch and runs', async () => {
  const result = await measureBurstRequests({ changes: 70, history: 200 });

  expect(result.problems).toEqual([]);
  const { batch, runs } = result.measured;
  // Before: the two lists and one GET per departed job (runs: and one events read per errored run).
  expect(batch.baseline).toMatchObject({ total: 72, byId: 70 });
  expect(runs.baseline).toMatchObject({ byId: 70, events: 10 });
  expect(batch.app).toMatchObject({ byId: 0, events: 0, idle: 2 });
  expect(batch.app.total).toBeLessThanOrEqual(4);
  expect(runs.app).toMatchObject({ byId: 0, events: 10, idle: 2 });
  expect(runs.app.listing).toBeLessThanOrEqual(5);
  expect(result.tables[0]!.rows).toHaveLength(2);
});

test('App Home refresh: every viewer published once, never faster than the refresher keeps to', async () => {
  const result = await measureHomeRefresh({ viewers: 120, timeoutMs: 20_000 });

  expect(result.problems).toEqual([]);
  expect(result.publishes).toBe(120);
  expect(result.perMinute).toBeLessThanOrEqual(90);
  // 120 calls at 90 a minute: 119 gaps of 667 ms.
  expect(result.fakeSeconds).toBeGreaterThanOrEqual(79);
});
