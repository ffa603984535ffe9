/**
 * The first start's history walk against the simulators: a page at a time, newest first, each
 * page committed with the walk's place, so a failure or a crash mid-walk resumes after the last
 * page committed; never alerted; bounded in pages (and said so in the logs); every job once,
 * including runs that share one millisecond across a page boundary.
 */
import { createBatchClient } from '../../../src/hume/batch/client';
import { NO_RETRY_POLICY } from '../../../src/hume/retry';
import { createLogger } from '../../../src/logging/logger';
import { createFirstStartHistory, HISTORY_KEY, type HistoryLimits } from '../../../src/poller/first-start-history';
import { createPoller } from '../../../src/poller/poller';
import { createJobBook, type JobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { createBatchFeed } from '../../../src/sources/batch/batch-feed';
import type { ChangeFeed, HistoryPosition } from '../../../src/sources/source';
import { openSqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { connectHumeHttp, perTest, TEST_API_KEY, TestClock, type HumeConnection } from '../../support/hume';
import { runsHarnessPerTest } from '../../support/runs';

const DAY = 86_400_000;
const LIST = '/v0/batch/jobs';

interface Walk {
  clock: TestClock;
  book: JobBook;
  sim: HumeSimulator;
  store: Store;
  feed: ChangeFeed;
  logs: Record<string, unknown>[];
  history(limits?: Partial<HistoryLimits>): ReturnType<typeof createFirstStartHistory>;
  listRequests(): { timestamp_ms?: string | string[] }[];
  close(): Promise<void>;
}

async function startWalk(): Promise<Walk> {
  const clock = new TestClock();
  const book = createJobBook({ clock, seed: 5 });
  const sim = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
  const connection: HumeConnection = connectHumeHttp(sim.url, clock, { retry: NO_RETRY_POLICY });
  const store = await openSqliteStore(':memory:');
  await store.migrate();
  const feed = createBatchFeed(createBatchClient(connection.http), clock);
  const logs: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => void logs.push(JSON.parse(line) as Record<string, unknown>) });
  return {
    clock,
    book,
    sim,
    store,
    feed,
    logs,
    history: (limits) => createFirstStartHistory({ feed, store, clock, logger, limits }),
    listRequests: () => sim.requests.filter((r) => r.path === LIST).map((r) => r.query),
    async close() {
      await store.close();
      await sim.close();
      await connection.close();
    },
  };
}

const start = perTest(startWalk);

/** `count` finished jobs spread over the last week (oldest first), and `older` from before it. */
function week(book: JobBook, count: number, older = 0): string[] {
  const now = book.clock.now();
  for (let i = 0; i < older; i++) book.complete(book.add({ createdAt: now - 9 * DAY + i * 1000, input: 'urls' }).job_id);
  return Array.from({ length: count }, (_, i) => {
    const createdAt = now - 7 * DAY + 60_000 + Math.floor((i * (7 * DAY - 120_000)) / count);
    const { job_id: id } = book.add({ createdAt, input: 'urls' });
    book.complete(id, {}, createdAt + 2_000);
    return id;
  });
}

async function trackedIds(store: Store, since: number): Promise<string[]> {
  return (await store.jobsCreatedSince(since)).map((t) => t.id).sort();
}

test('a Hume failure mid-walk fails the cycle; the next one resumes after the last page committed; nothing is alerted', async () => {
  const w = await start();
  const ids = week(w.book, 1_600, 30);
  await w.store.subscribe('C1', ['queued', 'running', 'completed', 'failed'], null, 'U1', w.clock.now());
  const history = w.history();
  let commits = 0;
  const poller = createPoller({
    feed: w.feed,
    store: w.store,
    clock: w.clock,
    logger: createLogger('error'),
    intervalMs: 30_000,
    history,
    // Called before each page is committed: after two pages, Hume starts failing the list.
    isActive: () => {
      if (++commits === 2) w.sim.faults.push({ status: 503, pathPrefix: LIST });
      return true;
    },
  });

  const failed = await poller.runCycle();
  expect(failed.ok).toBe(false);
  expect(await trackedIds(w.store, 0)).toHaveLength(1_000);
  const saved = JSON.parse((await w.store.getProgress(HISTORY_KEY))!) as { from: HistoryPosition; pages: number };
  expect(saved.pages).toBe(2);
  const before = w.listRequests().length;

  const resumed = await poller.runCycle();
  expect(resumed).toMatchObject({ ok: true, first: true, alerts: 0 });
  // The walk went on from where it stopped (created_before the last job committed), not from the top.
  expect(w.listRequests()[before]).toMatchObject({ when: 'created_before', timestamp_ms: String(saved.from.ts + 1) });
  expect(await trackedIds(w.store, 0)).toEqual([...ids].sort());
  expect(await w.store.outboxStats(w.clock.now())).toMatchObject({ pending: 0 });

  // Later changes are alerted as usual, and only they are.
  await w.clock.advance(30_000);
  const fresh = w.book.add({ input: 'urls' });
  w.book.fail(fresh.job_id, 'E0200: Media format not recognized');
  expect(await poller.runCycle()).toMatchObject({ ok: true, first: false, alerts: 1 });
});

test('a crash after some pages resumes in a new process without re-reading them or writing over what it has', async () => {
  const w = await start();
  const ids = week(w.book, 1_600);
  // The first process commits two pages and dies before the third (its lease check is the last thing before a commit).
  let pages = 0;
  await expect(
    w.history().record(() => {
      if (++pages === 3) throw new Error('killed');
    }),
  ).rejects.toThrow('killed');
  expect(await trackedIds(w.store, 0)).toHaveLength(1_000);
  const requestsBefore = w.listRequests().length;
  // A job of the first pages moves on meanwhile: what the store has is not written over by the walk.
  const newest = ids.at(-1)!;
  const tracked = (await w.store.getJobs([newest]))[0]!;
  await w.store.commitCycle({ upsertJobs: [{ ...tracked, rawStatus: 'MARKED' }], alerts: [], progress: {} });

  await w.history().record(() => undefined);
  expect(await trackedIds(w.store, 0)).toEqual([...ids].sort());
  expect((await w.store.getJobs([newest]))[0]!.rawStatus).toBe('MARKED');
  expect(w.listRequests().length - requestsBefore).toBe(2); // 600 jobs left: pages of 500
  expect(w.logs.some((l) => l.msg === 'first start: resuming the history walk where it stopped (nothing of it is alerted)')).toBe(true);

  // Once recorded, a later start does not walk again.
  await w.history().record(() => undefined);
  expect(w.listRequests().length - requestsBefore).toBe(2);
});

test('a walk that took a while is topped up with the jobs created meanwhile', async () => {
  const w = await start();
  const ids = week(w.book, 1_600);
  const t0 = w.clock.now();
  let t = t0;
  // The walk's own clock: each page takes 30 s, and a job is created during the second one.
  const slow = { now: () => t, sleep: (ms: number, signal?: AbortSignal) => w.clock.sleep(ms, signal) };
  const logger = createLogger('info', { write: (line: string) => void w.logs.push(JSON.parse(line) as Record<string, unknown>) });
  const history = createFirstStartHistory({ feed: w.feed, store: w.store, clock: slow, logger });
  const during: string[] = [];
  await history.record(() => {
    t += 30_000;
    if (t === t0 + 60_000) during.push(w.book.add({ createdAt: t0 + 45_000, input: 'urls' }).job_id);
  });
  expect(await trackedIds(w.store, 0)).toEqual([...ids, ...during].sort());
  expect(w.logs.filter((l) => l.msg === 'first start: reading the jobs created while the history was read')).toHaveLength(1);
});

test('a start that recorded the history but stopped before its first cycle records what was created since', async () => {
  const w = await start();
  const ids = week(w.book, 300);
  await w.history().record(() => undefined);
  await w.clock.advance(10 * 60_000);
  const meanwhile = w.book.add({ createdAt: w.clock.now() - 5 * 60_000, input: 'urls' }).job_id;
  await w.history().record(() => undefined);
  expect(await trackedIds(w.store, 0)).toEqual([...ids, meanwhile].sort());
  expect(w.logs.some((l) => l.msg === 'first start: recording the jobs created since the history was read (nothing of it is alerted)')).toBe(true);
});

test('the walk is bounded in pages, keeps the newest, and says where it stopped', async () => {
  const w = await start();
  const ids = week(w.book, 1_600);
  await w.history({ maxPages: 2, logEveryPages: 1 }).record(() => undefined);
  const recorded = await trackedIds(w.store, 0);
  expect(recorded).toEqual(ids.slice(-1_000).sort());
  expect(w.listRequests()).toHaveLength(2);
  const progress = w.logs.filter((l) => l.msg === 'first start: history walk in progress');
  expect(progress.map((l) => [l.pages, l.jobs])).toEqual([
    [1, 500],
    [2, 1_000],
  ]);
  const stop = w.logs.find((l) => l.level === 40)!;
  expect(stop.msg).toMatch(/stopped at the limit of 2 pages; jobs older than backTo are not recorded/);
  expect(stop).toMatchObject({ pages: 2, jobs: 1_000, stoppedBy: 'pages' });
});

test('the last day is read whole whatever the bounds (the runs sweep reads it again)', async () => {
  const w = await start();
  week(w.book, 400);
  const now = w.clock.now();
  const day = Array.from({ length: 1_200 }, (_, i) => w.book.add({ createdAt: now - 20 * 3_600_000 + i * 60_000, input: 'urls' }).job_id);
  await w.history({ maxPages: 1 }).record(() => undefined);
  const recorded = new Set(await trackedIds(w.store, 0));
  expect(day.every((id) => recorded.has(id))).toBe(true);
  expect(w.listRequests()).toHaveLength(3);
  expect(w.logs.find((l) => l.level === 40)).toMatchObject({ pages: 3, stoppedBy: 'pages' });
});

test('the walk reads a week only: older jobs are left out', async () => {
  const w = await start();
  const ids = week(w.book, 300, 50);
  await w.history().record(() => undefined);
  expect(await trackedIds(w.store, 0)).toEqual([...ids].sort());
  const done = w.logs.find((l) => l.msg === 'first start: history recorded; alerts start from here')!;
  expect(done).toMatchObject({ pages: 1, jobs: 300 });
});

test('an install that has polled before walks nothing: what it has not seen is alerted by the poller, not recorded', async () => {
  const w = await start();
  week(w.book, 300);
  const poller = createPoller({ feed: w.feed, store: w.store, clock: w.clock, logger: createLogger('error'), intervalMs: 30_000 });
  await poller.runCycle(); // a start from before day-one history existed
  const before = w.listRequests().length;
  await w.history().record(() => undefined);
  expect(w.listRequests()).toHaveLength(before);
  expect(await w.store.getProgress(HISTORY_KEY)).toBeNull();
});

const startRuns = runsHarnessPerTest();

test('runs: every run of the week once, with 450 sharing one millisecond across page boundaries', async () => {
  const h = await startRuns();
  const now = h.clock.now();
  const expected = new Set<string>();
  for (let i = 0; i < 500; i++) expected.add(h.book.add({ startedAt: now - 3 * DAY + i * 60_000, mode: 'file' }).run_id);
  for (let i = 0; i < 450; i++) expected.add(h.book.add({ startedAt: now - 2 * DAY, mode: 'file' }).run_id);
  for (let i = 0; i < 20; i++) h.book.add({ startedAt: now - 8 * DAY + i, mode: 'file' });
  const seen: string[] = [];
  let from: HistoryPosition | null = null;
  for (let page = 0; page < 50; page++) {
    const result = await h.feed.historyPage!({ since: now - 7 * DAY, until: now }, from);
    seen.push(...result.jobs.map((job) => job.id));
    from = result.next;
    if (from === null) break;
  }
  expect(from).toBeNull();
  expect(new Set(seen)).toEqual(expected);
  for (const request of h.listRequests()) expect(request.query).toMatchObject({ page_size: '200', started_after: new Date(now - 7 * DAY).toISOString() });
});
