/**
 * The poller against the Hume simulator: changes found at a cost that follows the changes, every
 * final status alerted exactly once, nothing invented, nothing lost through Hume's failures.
 */
import fc from 'fast-check';
import type { AlertPayload } from '../../../src/domain/alert-payload';
import type { StatusKind } from '../../../src/jobs/job';
import type { OutboxRow } from '../../../src/store/store';
import { drainOutbox, startPollerHarness, type PollerHarness } from '../../support/poller-harness';

let h: PollerHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const jobChanges = (rows: OutboxRow[]) =>
  rows.map((r) => r.payload).flatMap((p) => (p.type === 'job' ? [p.change] : p.type === 'digest' ? p.changes : []));

const SUBSCRIBED: StatusKind[] = ['completed', 'failed'];
const FOLLOWING: StatusKind[] = ['queued', 'running', 'completed', 'failed'];

type Lifecycle = { createdAfter: number; startAfter: number | null; runFor: number; fails: boolean };

describe('poller', () => {
  test('property: every final status is alerted exactly once per channel; no status is invented', async () => {
    const lifecycle = fc.record({
      createdAfter: fc.integer({ min: 0, max: 120_000 }),
      startAfter: fc.option(fc.integer({ min: 0, max: 60_000 }), { nil: null }),
      runFor: fc.integer({ min: 0, max: 90_000 }),
      fails: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(lifecycle, { minLength: 1, maxLength: 12 }),
        fc.array(fc.integer({ min: 200, max: 40_000 }), { minLength: 1, maxLength: 20 }),
        async (jobs: Lifecycle[], gaps: number[]) => {
          const run = await startPollerHarness({ digestThreshold: 1000 });
          try {
            await checkLifecycles(run, jobs, gaps);
          } finally {
            await run.close();
          }
        },
      ),
      // Bounded by work, not time: a fixed number of runs of at most 23 cycles each, on a fake
      // clock that the HTTP client shares (no timeout can fire however busy the machine is).
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 20) },
    );
  });

  async function checkLifecycles(run: PollerHarness, jobs: Lifecycle[], gaps: number[]): Promise<void> {
    const { clock, book, store, poller } = run;
    await store.subscribe('CFINAL', SUBSCRIBED, null, 'U1', clock.now());
    await store.subscribe('CALL', FOLLOWING, null, 'U1', clock.now());
    expect((await poller.runCycle()).first).toBe(true);
    const t0 = clock.now();
    const truth = new Map<string, StatusKind[]>();
    // Jobs appear at Hume when they are created, not before: added as the clock reaches them.
    const pending = jobs.map((spec) => ({ spec, created: t0 + 1 + spec.createdAfter })).sort((x, y) => x.created - y.created);
    const addDue = () => {
      while (pending.length > 0 && pending[0]!.created <= clock.now()) {
        const { spec, created } = pending.shift()!;
        const plan = {
          startAfterMs: spec.startAfter ?? 0,
          runMs: spec.startAfter === null ? 0 : spec.runFor,
          outcome: spec.fails ? ({ status: 'FAILED', message: 'boom' } as const) : ({ status: 'COMPLETED', numPredictions: 1, numErrors: 0 } as const),
        };
        const job = book.add({ createdAt: created, plan });
        truth.set(job.job_id, ['queued', 'running', spec.fails ? 'failed' : 'completed']);
      }
    };
    for (const gap of gaps) {
      await clock.advance(gap);
      addDue();
      expect((await poller.runCycle()).ok).toBe(true);
    }
    await clock.advance(200_000);
    addDue();
    expect((await poller.runCycle()).ok).toBe(true);
    await clock.advance(400_000);
    expect((await poller.runCycle()).ok).toBe(true);

    const rows = await drainOutbox(store, clock.now());
    for (const [id, statuses] of truth) {
      const final = statuses[2]!;
      for (const channel of ['CFINAL', 'CALL']) {
        const mine = rows.filter((r) => r.jobId === id && r.channelId === channel);
        const finals = mine.filter((r) => (r.payload as AlertPayload & { type: 'job' }).change.to === final);
        expect(finals).toHaveLength(1);
        for (const row of mine) {
          const { change } = row.payload as AlertPayload & { type: 'job' };
          expect(statuses).toContain(change.to);
          if (change.from !== null) expect(statuses.indexOf(change.from)).toBeLessThan(statuses.indexOf(change.to));
        }
      }
      expect(rows.filter((r) => r.jobId === id && r.channelId === 'CFINAL')).toHaveLength(1);
    }
  }

  test('the first start records what exists without alerting; later changes are alerted', async () => {
    h = await startPollerHarness();
    const { clock, book, store, poller } = h;
    const old = book.add({ createdAt: clock.now() - 3_600_000 });
    book.start(old.job_id);
    const done = book.add({ createdAt: clock.now() - 7_200_000 });
    book.complete(done.job_id);
    await store.subscribe('C1', ['completed', 'failed'], null, null, clock.now());
    const first = await poller.runCycle();
    expect(first).toMatchObject({ ok: true, first: true, alerts: 0 });
    await clock.advance(10_000);
    book.complete(old.job_id);
    const second = await poller.runCycle();
    expect(second).toMatchObject({ ok: true, first: false, alerts: 1 });
    const rows = await drainOutbox(store, clock.now());
    expect(rows.map((r) => r.jobId)).toEqual([old.job_id]);
  });

  test('a job that goes from queued to completed between two cycles still gets its completed alert', async () => {
    h = await startPollerHarness();
    const { clock, book, store, poller } = h;
    await store.subscribe('C1', ['completed'], null, null, clock.now());
    await poller.runCycle();
    await clock.advance(1000);
    const job = book.add({});
    await poller.runCycle();
    await clock.advance(1000);
    book.complete(job.job_id);
    await poller.runCycle();
    expect(jobChanges(await drainOutbox(store, clock.now()))).toEqual([expect.objectContaining({ from: 'queued', to: 'completed' })]);
  });

  test('idle cycles make 2 Hume requests with 50,000 jobs of history', async () => {
    h = await startPollerHarness();
    const { clock, book, poller, hume } = h;
    for (let i = 0; i < 50_000; i++) {
      const job = book.add({ createdAt: clock.now() - 90 * 86_400_000 + i * 1000, input: 'urls' });
      if (i % 10 === 0) book.fail(job.job_id, 'boom', job.state.created_timestamp_ms + 10);
      else book.complete(job.job_id, {}, job.state.created_timestamp_ms + 10);
    }
    for (let i = 0; i < 5; i++) book.start(book.add({}).job_id);
    await poller.runCycle();
    for (let cycle = 0; cycle < 3; cycle++) {
      const before = hume.requests.length;
      await clock.advance(10_000);
      const report = await poller.runCycle();
      expect(report).toMatchObject({ ok: true, requests: 2, changes: 0 });
      expect(hume.requests.length - before).toBe(2);
    }
  });

  test('Hume failing for several cycles (500s, timeouts, malformed JSON) crashes nothing and misses nothing', async () => {
    // The harness makes no client retries: each scripted failure reaches the poller as a failed cycle.
    h = await startPollerHarness();
    const { clock, book, store, poller, hume } = h;
    await store.subscribe('C1', ['completed', 'failed'], null, null, clock.now());
    const a = book.add({});
    const b = book.add({});
    book.start(b.job_id);
    await poller.runCycle();
    book.complete(a.job_id);
    book.fail(b.job_id, 'Media too long');
    hume.faults.push({ status: 500, body: { message: 'internal' } });
    expect((await poller.runCycle()).ok).toBe(false);
    hume.faults.push({ rawBody: '{"jobs": [', status: 200 });
    expect((await poller.runCycle()).ok).toBe(false);
    hume.faults.push({ status: 200, body: { not: 'a list' } });
    expect((await poller.runCycle()).ok).toBe(false);
    hume.faults.push({ status: 429, headers: { 'retry-after': '30' }, body: { message: 'API rate limit exceeded' } });
    const limited = await poller.runCycle();
    expect(limited.ok).toBe(false);
    expect(limited.nextAt - clock.now()).toBe(30_000);
    expect(await drainOutbox(store, clock.now())).toHaveLength(0);
    await clock.advance(30_000);
    expect((await poller.runCycle()).ok).toBe(true);
    expect(jobChanges(await drainOutbox(store, clock.now())).map((c) => [c.job.id, c.to]).sort()).toEqual(
      [
        [a.job_id, 'completed'],
        [b.job_id, 'failed'],
      ].sort(),
    );
  });

  test('after downtime, many changes arrive as one catch-up summary per channel', async () => {
    h = await startPollerHarness({ intervalMs: 10_000 });
    const { clock, book, store, poller } = h;
    await store.subscribe('C1', ['completed', 'failed'], null, null, clock.now());
    await poller.runCycle();
    await clock.advance(3_600_000);
    for (let i = 0; i < 30; i++) book.complete(book.add({ createdAt: clock.now() - 1_000_000 + i }).job_id);
    const report = await poller.runCycle();
    expect(report).toMatchObject({ catchUp: true, alerts: 1, changes: 30 });
    const [row] = await drainOutbox(store, clock.now());
    expect(row!.kind).toBe('catchup');
    expect((row!.payload as AlertPayload & { type: 'digest' }).changes).toHaveLength(30);
  });

  test('a rejected key is retried at the normal pace twice, then backs off for minutes instead of retrying in a tight loop', async () => {
    h = await startPollerHarness();
    const { hume, poller, clock } = h;
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      hume.faults.push({ status: 401, body: { message: 'Unauthorized' } });
      const report = await poller.runCycle();
      expect(report.ok).toBe(false);
      waits.push(report.nextAt - clock.now());
    }
    // One passing 401 (a gateway blip) must not pause alerts for minutes; three in a row is a real refusal.
    expect(waits).toEqual([10_000, 10_000, 5 * 60_000, 5 * 60_000]);
    expect((await poller.runCycle()).retryReason).toBeUndefined();
  });

  test('a cycle dropped while this replica is not active commits nothing and is retried at the usual pace', async () => {
    let active = true;
    h = await startPollerHarness({ intervalMs: 1000 }, { isActive: () => active });
    const { clock, book, store, poller } = h;
    await store.subscribe('C1', ['completed'], null, null, clock.now());
    await poller.runCycle();
    const job = book.add({});
    book.complete(job.job_id);
    active = false;
    for (let i = 0; i < 4; i++) {
      const dropped = await poller.runCycle();
      expect(dropped).toMatchObject({ ok: false, alerts: 0 });
      // Not a Hume failure: no growing backoff, so the replica resumes as soon as it is active.
      expect(dropped.nextAt - clock.now()).toBe(1000);
    }
    expect(await drainOutbox(store, clock.now())).toEqual([]);
    active = true;
    expect(await poller.runCycle()).toMatchObject({ ok: true, alerts: 1 });
  });

  test('a job stuck three times longer than usual gets exactly one overdue alert', async () => {
    h = await startPollerHarness({ intervalMs: 10_000 });
    const { clock, book, store, poller } = h;
    await store.subscribe('C1', ['completed', 'failed'], null, null, clock.now());
    await poller.runCycle();
    // Twelve jobs that each took a minute from submission to end: "usual" is one minute.
    for (let i = 0; i < 12; i++) {
      const job = book.add({});
      await clock.advance(1000);
      await poller.runCycle();
      book.complete(job.job_id, {}, job.state.created_timestamp_ms + 60_000);
    }
    await clock.advance(60_000);
    await poller.runCycle();
    const stuck = book.add({});
    book.start(stuck.job_id);
    let overdueRows = 0;
    let firstMinute: number | null = null;
    for (let minute = 0; minute < 10; minute++) {
      await clock.advance(60_000);
      await poller.runCycle();
      const rows = await drainOutbox(store, clock.now());
      overdueRows += rows.filter((r) => r.payload.type === 'overdue').length;
      if (overdueRows > 0) firstMinute ??= minute;
      // Not before three times the usual minute.
      if (minute < 2) expect(overdueRows).toBe(0);
    }
    expect(overdueRows).toBe(1);
    // At index 2 the job is exactly three minutes old (not past the threshold); index 3 is past it.
    expect(firstMinute).toBe(3);
  });
});
