/**
 * Runs Hume records late (its docs: runs "appear with a delay"), against the runs simulator
 * through the whole app: one recorded 12 minutes after it started is alerted within two poll
 * intervals of appearing, one recorded 3 hours late within 15 minutes, neither twice; an idle
 * cycle stays at two requests (counted in the simulator) and the day-wide sweep costs one
 * request per 200 runs of the day.
 */
import type { CycleReport } from '../../../src/poller/poller';
import { createRunBook, type RunBook } from '../../../src/simulator/run-book';
import { createRunsApi } from '../../../src/simulator/runs-api';
import type { SimRoute } from '../../../src/simulator/server';
import { SWEEP_EVERY_MS } from '../../../src/sources/runs/runs-feed';
import { runFor, runUntil, type AppHarness } from '../../support/app-harness';
import { TestClock } from '../../support/hume';
import { RUNS_PATH } from '../../support/runs';
import { wholeAppPerTest, type WholeApp } from '../../support/whole-app';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const INTERVAL = 30_000;
const ALERTS = 'C0LATE';

const startApp = wholeAppPerTest();
let clock: TestClock;
let book: RunBook;
let w!: WholeApp;

/** Each cycle's requests to the runs API, counted by the simulator, with what the cycle found. */
interface CycleCost {
  at: number;
  requests: number;
  changes: number;
}

async function startRunsApp(cycles: CycleCost[]): Promise<AppHarness> {
  clock = new TestClock();
  book = createRunBook({ clock, seed: 21 });
  // Requests to the runs API, counted where they arrive; each cycle's share is taken when it ends.
  let requests = 0;
  const count: SimRoute = (request) => {
    if (request.path.startsWith(RUNS_PATH)) requests += 1;
    return null;
  };
  let counted = 0;
  const onCycle = (report: CycleReport) => {
    cycles.push({ at: clock.now(), requests: requests - counted, changes: report.changes });
    counted = requests;
  };
  w = await startApp({ clock, simulator: { routes: [count, createRunsApi({ book })] }, env: { HUME_SOURCE: 'runs', POLL_INTERVAL: `${INTERVAL / 1000}s` }, overrides: { onCycle } });
  return w.app;
}

/** Runs that start every 2 minutes from `from` for `count` times and end well after 3 s: the mark moves on with them. */
function traffic(from: number, count: number): void {
  for (let i = 0; i < count; i++) book.add({ startedAt: from + i * 2 * MINUTE, mode: 'file', plan: [{ afterMs: 3_000, do: 'end' }] });
}

const alertsFor = (id: string) => w.slack.messages.filter((m) => m.channel === ALERTS && m.threadTs === null && m.text.includes(id.slice(0, 8)));

test('a run recorded 12 minutes late is alerted within two intervals, one 3 hours late within 15 minutes, neither twice; idle cycles are 2 requests', async () => {
  const cycles: CycleCost[] = [];
  const h = await startRunsApp(cycles);
  await h.app.store.subscribe(ALERTS, ['failed'], null, 'U1', clock.now());
  await runUntil(h, () => cycles.length > 0, 'the first cycle', 5_000);
  const t0 = clock.now();
  traffic(t0 + 10_000, 30);

  // Recorded 12 minutes after it started, already ended (an upload errored in seconds).
  const twelve = book.add({ startedAt: t0, mode: 'file', endpoint: 'audio', recordedAfterMs: 12 * MINUTE }).run_id;
  book.error(twelve, { at: t0 + 5_000 });
  // Started 3 hours ago, recorded a minute from now.
  const threeHours = book.add({ startedAt: t0 - 3 * HOUR + MINUTE, mode: 'file', endpoint: 'video', recordedAfterMs: 3 * HOUR }).run_id;
  book.error(threeHours, { at: t0 - 3 * HOUR + MINUTE + 4_000 });

  await runFor(h, MINUTE);
  expect(book.get(threeHours)).toBeDefined(); // it appears now
  const appeared3h = clock.now();
  await runUntil(h, () => alertsFor(threeHours).length > 0, 'the alert for the run recorded 3 hours late', 15 * MINUTE);
  expect(clock.now() - appeared3h).toBeLessThanOrEqual(15 * MINUTE);

  await runUntil(h, () => book.get(twelve) !== undefined, 'the 12-minute run appearing', 12 * MINUTE);
  const appeared12 = clock.now();
  await runUntil(h, () => alertsFor(twelve).length > 0, 'the alert for the run recorded 12 minutes late', 2 * INTERVAL);
  expect(clock.now() - appeared12).toBeLessThanOrEqual(2 * INTERVAL);

  // Half an hour more, three sweeps among it: nothing is alerted again.
  await runFor(h, 30 * MINUTE);
  expect(alertsFor(twelve)).toHaveLength(1);
  expect(alertsFor(threeHours)).toHaveLength(1);
  expect(w.slack.messages.filter((m) => m.channel === ALERTS)).toHaveLength(2);

  // Every cycle that found nothing cost exactly two requests (live runs, new runs), sweeps included:
  // a day this quiet is one page.
  const idle = cycles.slice(1).filter((c) => c.changes === 0);
  expect(idle.length).toBeGreaterThan(40);
  expect(new Set(idle.map((c) => c.requests))).toEqual(new Set([2]));
});

test('the sweep costs one request per 200 runs of the last day; the cycles between stay at 2', async () => {
  const cycles: CycleCost[] = [];
  const h = await startRunsApp(cycles);
  await h.app.store.subscribe(ALERTS, ['failed'], null, 'U1', clock.now());
  // 1,000 runs over the last day, a few seconds each, from before the first start.
  const now = clock.now();
  for (let i = 0; i < 1_000; i++) {
    const startedAt = now - 23 * HOUR + i * 80_000;
    book.end(book.add({ startedAt, mode: 'file' }).run_id, { at: startedAt + 3_000 });
  }
  await runUntil(h, () => cycles.length > 0, 'the first cycle', 5_000);
  const start = cycles[0]!.at;
  await runFor(h, 2 * SWEEP_EVERY_MS + INTERVAL);
  const later = cycles.slice(1);
  const sweeps = later.filter((c) => (c.at - start) % SWEEP_EVERY_MS < INTERVAL && c.at - start >= SWEEP_EVERY_MS);
  expect(sweeps).toHaveLength(2);
  // 1 (live) + 6 pages: every run of the last day and the margins, 200 a page.
  for (const sweep of sweeps) expect(sweep.requests).toBe(1 + Math.ceil(book.list().filter((r) => Date.parse(r.started_at) >= sweep.at - 24 * HOUR - SWEEP_EVERY_MS - 2 * INTERVAL).length / 200));
  expect(new Set(later.filter((c) => !sweeps.includes(c)).map((c) => c.requests))).toEqual(new Set([2]));
  expect(w.slack.messages.filter((m) => m.channel === ALERTS)).toHaveLength(0);
});
