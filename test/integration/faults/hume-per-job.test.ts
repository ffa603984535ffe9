/**
 * One job cannot stop the rest: a tracked job whose own GET keeps failing, in any of the ways
 * Hume or a proxy can fail it, is retried a few cycles, then recorded as unreadable, while every
 * other job is read, committed and alerted each cycle. Poller + batch client + simulator.
 */
import type { AlertPayload } from '../../../src/domain/alert-payload';
import { createLogger } from '../../../src/logging/logger';
import { UNREADABLE_AFTER, UNREADABLE_RECHECK_MS } from '../../../src/poller/job-problems';
import type { Fault } from '../../../src/simulator/server';
import type { RawBatchJob } from '../../../src/simulator/job-book';
import type { OutboxRow } from '../../../src/store/store';
import { drainOutbox, startPollerHarness, type PollerHarness } from '../../support/poller-harness';

let h: PollerHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Created before the poller's look-back, so once finished it is only seen through its own GET. */
const OLD = (run: PollerHarness) => ({ createdAt: run.clock.now() - 10 * 60_000 });

const alerted = (rows: OutboxRow[]) => rows.map((r) => [r.jobId, (r.payload as AlertPayload & { type: 'job' }).change.to]);

type Breakage = { name: string; apply: (h: PollerHarness, job: RawBatchJob) => () => void };

const hold = (fault: Fault) => (run: PollerHarness, job: RawBatchJob) => run.hume.faults.hold({ ...fault, path: `/v0/batch/jobs/${job.job_id}` });
/** The job's own wire text (its list item and its GET), written by hand. */
const raw = (edit: (job: RawBatchJob) => unknown) => (run: PollerHarness, job: RawBatchJob) => {
  run.hume.rawJobs.set(job.job_id, JSON.stringify(edit(run.book.get(job.job_id)!)));
  return () => void run.hume.rawJobs.delete(job.job_id);
};

const BREAKAGES: Breakage[] = [
  { name: 'HTTP 500 for that job', apply: hold({ status: 500, body: { message: 'internal error' } }) },
  { name: 'HTTP 400 for that job', apply: hold({ status: 400, body: { message: 'bad job' } }) },
  { name: 'an HTML page with 200', apply: hold({ status: 200, rawBody: '<html><body>Bad gateway</body></html>' }) },
  { name: 'a body without `state`', apply: raw(({ state: _state, ...rest }) => rest) },
  { name: 'an unknown status', apply: raw((job) => ({ ...job, state: { ...job.state, status: 'CANCELLED' } })) },
];

describe('a tracked job whose own GET keeps failing', () => {
  test.each(BREAKAGES)('($name) delays no other job, is recorded as unreadable after a few cycles, and heals', async ({ apply }) => {
    h = await startPollerHarness({ intervalMs: 10_000 });
    const { clock, book, store, poller, hume } = h;
    await store.subscribe('C1', ['completed', 'failed'], null, null, clock.now());
    await poller.runCycle();
    const bad = book.add(OLD(h));
    book.start(bad.job_id);
    const others = Array.from({ length: 5 }, () => book.add(OLD(h!)));
    for (const job of others) book.start(job.job_id);
    await clock.advance(10_000);
    expect(await poller.runCycle()).toMatchObject({ ok: true });

    // Everything finishes; the bad job's answers break from now on.
    book.complete(bad.job_id);
    for (const job of others) book.complete(job.job_id);
    const heal = apply(h, bad);
    for (let cycle = 1; cycle <= UNREADABLE_AFTER; cycle++) {
      await clock.advance(10_000);
      const report = await poller.runCycle();
      expect(report).toMatchObject({ ok: true, unreadableJobs: cycle === UNREADABLE_AFTER ? 1 : 0 });
      if (cycle === 1) expect(alerted(await drainOutbox(store, clock.now())).sort()).toEqual(others.map((j) => [j.job_id, 'completed']).sort());
    }
    const [tracked] = await store.getJobs([bad.job_id]);
    expect(tracked).toMatchObject({ status: 'running', snapshot: { unreadable: { failures: UNREADABLE_AFTER, reason: expect.any(String) } } });

    // Marked: no longer asked for every cycle, only every few minutes.
    let before = hume.requests.length;
    await clock.advance(10_000);
    expect(await poller.runCycle()).toMatchObject({ ok: true, requests: 2, unreadableJobs: 1 });
    expect(hume.requests.length - before).toBe(2);

    // Hume answers for it again: the completion is alerted once and the mark goes.
    heal();
    await clock.advance(UNREADABLE_RECHECK_MS);
    before = hume.requests.length;
    expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 1, unreadableJobs: 0 });
    expect(hume.requests.filter((r, i) => i >= before && r.path === `/v0/batch/jobs/${bad.job_id}`)).toHaveLength(1);
    expect(alerted(await drainOutbox(store, clock.now()))).toEqual([[bad.job_id, 'completed']]);
    expect((await store.getJobs([bad.job_id]))[0]!.snapshot.unreadable).toBeUndefined();
  });

  test('a job whose GET hangs holds the cycle a few seconds at most; the others are alerted in it', async () => {
    h = await startPollerHarness({ intervalMs: 10_000 });
    const { clock, book, store, poller, hume } = h;
    await store.subscribe('C1', ['completed'], null, null, clock.now());
    await poller.runCycle();
    const bad = book.add(OLD(h));
    const fine = book.add(OLD(h));
    book.start(bad.job_id);
    book.start(fine.job_id);
    await clock.advance(10_000);
    await poller.runCycle();
    book.complete(bad.job_id);
    book.complete(fine.job_id);
    hume.faults.hold({ path: `/v0/batch/jobs/${bad.job_id}`, hang: true });
    await clock.advance(10_000);
    const started = clock.now();
    expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 1 });
    // JOB_FETCH_POLICY gives the job's attempts 6 s in all: the cycle waited that long, no longer.
    expect(clock.now() - started).toBeGreaterThanOrEqual(4_000);
    expect(clock.now() - started).toBeLessThanOrEqual(6_000);
    expect(alerted(await drainOutbox(store, clock.now()))).toEqual([[fine.job_id, 'completed']]);
  });

  test('with 1,000 finished jobs, one failing job costs one request a cycle instead of refetching all 1,000', async () => {
    h = await startPollerHarness({ intervalMs: 5_000 });
    const { clock, book, store, poller, hume } = h;
    await store.subscribe('C1', ['completed'], null, null, clock.now());
    await poller.runCycle();
    const jobs = Array.from({ length: 1000 }, () => book.add(OLD(h!)));
    for (const job of jobs) book.start(job.job_id);
    const bad = book.add(OLD(h));
    book.start(bad.job_id);
    await clock.advance(5_000);
    await poller.runCycle();
    for (const job of [...jobs, bad]) book.complete(job.job_id);
    hume.faults.hold({ path: `/v0/batch/jobs/${bad.job_id}`, status: 500, body: { message: 'internal error' } });
    // A burst is read from the listing of finished jobs: the bad job must be unreadable there too.
    hume.rawJobs.set(bad.job_id, JSON.stringify({ ...book.get(bad.job_id)!, state: { status: 'CANCELLED' } }));

    await clock.advance(5_000);
    expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 1000 });
    const start = hume.requests.length;
    // Two minutes of cycles at a 5 s interval.
    for (let cycle = 0; cycle < 24; cycle++) {
      await clock.advance(5_000);
      expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 0 });
    }
    const requests = hume.requests.length - start;
    // Two lists a cycle, and the bad job (one retry each) until it is recorded as unreadable.
    expect(requests).toBeLessThanOrEqual(24 * 2 + UNREADABLE_AFTER * 2);
    // One digest for the burst, holding every job but the bad one.
    const changes = (await drainOutbox(store, clock.now())).flatMap((r) => (r.payload.type === 'digest' ? r.payload.changes : []));
    expect(new Set(changes.map((c) => c.job.id))).toEqual(new Set(jobs.map((j) => j.job_id)));
  });

  test('a new list item with an unknown status is skipped alone; the job beside it is alerted', async () => {
    h = await startPollerHarness({ intervalMs: 10_000 });
    const { clock, book, store, poller, hume } = h;
    await store.subscribe('C1', ['queued', 'completed'], null, null, clock.now());
    await poller.runCycle();
    const odd = book.add({});
    hume.rawJobs.set(odd.job_id, JSON.stringify({ ...odd, state: { ...odd.state, status: 'PAUSED' } }));
    const fine = book.add({});
    await clock.advance(10_000);
    expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 1 });
    expect(alerted(await drainOutbox(store, clock.now()))).toEqual([[fine.job_id, 'queued']]);
  });
});

describe('what is kept from Hume is bounded at read time', () => {
  test('a new job whose request.models is nested 20,000 deep is committed and alerted; later cycles go on', async () => {
    h = await startPollerHarness({ intervalMs: 10_000 });
    const { clock, book, store, poller, hume } = h;
    await store.subscribe('C1', ['queued', 'completed'], null, null, clock.now());
    await poller.runCycle();
    const deep = book.add({});
    const depth = 20_000;
    const wire = JSON.stringify({ ...deep, request: { ...deep.request, models: { face: '@@' } } });
    hume.rawJobs.set(deep.job_id, wire.replace('"@@"', '{"a":'.repeat(depth) + '1' + '}'.repeat(depth)));
    const next = book.add({});
    await clock.advance(10_000);
    expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 2 });
    expect(alerted(await drainOutbox(store, clock.now())).sort()).toEqual(
      [
        [deep.job_id, 'queued'],
        [next.job_id, 'queued'],
      ].sort(),
    );
    const [stored] = await store.getJobs([deep.job_id]);
    expect(JSON.stringify(stored!.snapshot).length).toBeLessThan(10_000);
    expect(JSON.stringify(stored!.snapshot)).toContain('nested too deep');

    book.complete(next.job_id);
    await clock.advance(10_000);
    expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 1 });
  });

  test('a 5 MB error message is kept as a few KB, in the job and in each of 20 channels’ alerts', async () => {
    h = await startPollerHarness({ intervalMs: 10_000 });
    const { clock, book, store, poller } = h;
    for (let c = 0; c < 20; c++) await store.subscribe(`C${c}`, ['failed'], null, null, clock.now());
    await poller.runCycle();
    const job = book.add({});
    book.start(job.job_id);
    await clock.advance(10_000);
    await poller.runCycle();
    book.fail(job.job_id, 'E0200: '.padEnd(5 * 1024 * 1024, 'x'));
    await clock.advance(10_000);
    expect(await poller.runCycle()).toMatchObject({ ok: true, alerts: 20 });
    const rows = await drainOutbox(store, clock.now());
    expect(rows).toHaveLength(20);
    for (const row of rows) expect(JSON.stringify(row.payload).length).toBeLessThan(16_000);
    const message = (rows[0]!.payload as AlertPayload & { type: 'job' }).change.job.errorMessage!;
    expect(message.startsWith('E0200: xxx')).toBe(true);
    expect(message.length).toBeLessThanOrEqual(4_000);
  });
});

test('a job recorded as unreadable is logged when marked, not on every later cycle', async () => {
  const lines: string[] = [];
  const logger = createLogger('info', { write: (line: string) => void lines.push(line) });
  h = await startPollerHarness({ intervalMs: 10_000 }, { logger });
  const { clock, book, store, poller, hume } = h;
  await store.subscribe('C1', ['completed'], null, null, clock.now());
  await poller.runCycle();
  const bad = book.add(OLD(h));
  book.start(bad.job_id);
  await clock.advance(10_000);
  await poller.runCycle();
  book.complete(bad.job_id);
  hume.faults.hold({ path: `/v0/batch/jobs/${bad.job_id}`, status: 502, body: { message: 'bad gateway' } });
  for (let minute = 0; minute < 30; minute++) {
    await clock.advance(60_000);
    expect((await poller.runCycle()).ok).toBe(true);
  }
  const about = lines.filter((line) => line.includes(bad.job_id));
  // Warned on each of the first failures and once when marked; the slow re-checks log at debug.
  expect(about.length).toBeLessThanOrEqual(UNREADABLE_AFTER);
  expect(about.some((line) => line.includes('recorded as unreadable'))).toBe(true);
});
