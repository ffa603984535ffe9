/**
 * Section: Hume requests for the poll cycle that sees a burst of 1,000 finishes, for the batch
 * and the runs source, beside the baseline (the app before bursts were listed: one GET per job
 * that left the active list). The real poller, feed, HTTP client and SQLite store run in this
 * process against a simulator in this process too: only requests are counted here, never time.
 */
import { systemClock } from '../src/clock';
import { createBatchClient } from '../src/hume/batch/client';
import { createHumeHttp, type HumeHttp } from '../src/hume/http';
import { BACKGROUND_POLICY } from '../src/hume/retry';
import { createRunsClient } from '../src/hume/runs/client';
import { createLogger } from '../src/logging/logger';
import { createPoller } from '../src/poller/poller';
import { createJobBook, mulberry32 } from '../src/simulator/job-book';
import { createRunBook } from '../src/simulator/run-book';
import { createRunsApi } from '../src/simulator/runs-api';
import { startHumeSimulator, type HumeSimulator, type RecordedRequest } from '../src/simulator/server';
import { createBatchFeed } from '../src/sources/batch/batch-feed';
import { createRunsFeed } from '../src/sources/runs/runs-feed';
import type { ChangeFeed } from '../src/sources/source';
import { openSqliteStore } from '../src/store/sqlite-store';
import { count, type SectionResult } from './support/report';

export interface BurstRequestsOptions {
  changes: number;
  /** Finished jobs (or runs) of the past week beside the burst. */
  history: number;
}

type Source = 'batch' | 'runs';

export interface Measured {
  /** Every request of the cycle that saw the burst. */
  total: number;
  listing: number;
  byId: number;
  events: number;
  idle: number;
}

const KEY = 'bench-burst-key';
const MINUTE = 60_000;
const WEEK_MS = 7 * 24 * 60 * MINUTE;

/**
 * The burst's jobs started 20 to 40 minutes ago: long-running ones, older than the poller's
 * look-back and the runs feed's window for runs recorded late (15 minutes), which would
 * otherwise list them anyway. That is the case whose cost the listing is about.
 */
const burstStart = (now: number, random: () => number) => now - 20 * MINUTE - Math.floor(random() * 20 * MINUTE);

/** One in seven of the burst fails (as in the burst section). */
const fails = (i: number) => i % 7 === 0;

interface World {
  hume: HumeSimulator;
  feed: (http: HumeHttp) => ChangeFeed;
  finishAll: () => void;
  isById: (request: RecordedRequest) => boolean;
}

async function batchWorld(options: BurstRequestsOptions): Promise<World> {
  const book = createJobBook({ clock: systemClock, seed: 99 });
  const random = mulberry32(5);
  const now = Date.now();
  for (let i = 0; i < options.history; i++) book.add({ createdAt: now - 10 * MINUTE - Math.floor(random() * WEEK_MS), plan: book.randomPlan() });
  // Running for a while, created before the poller's look-back: once finished, only a listing or their GET shows them.
  const ids = Array.from({ length: options.changes }, () => book.add({ createdAt: burstStart(now, random) }).job_id);
  for (const id of ids) book.start(id);
  const hume = await startHumeSimulator({ book, apiKey: KEY });
  return {
    hume,
    feed: (http) => createBatchFeed(createBatchClient(http), systemClock),
    finishAll: () => ids.forEach((id, i) => (fails(i) ? book.fail(id) : book.complete(id))),
    isById: (request) => /^\/v0\/batch\/jobs\/[^/]+$/.test(request.path),
  };
}

async function runsWorld(options: BurstRequestsOptions): Promise<World> {
  const book = createRunBook({ clock: systemClock, seed: 99 });
  const random = mulberry32(5);
  const now = Date.now();
  for (let i = 0; i < options.history; i++) {
    const startedAt = now - 10 * MINUTE - Math.floor(random() * WEEK_MS);
    const { run_id: id } = book.add({ startedAt, mode: 'file' });
    book.end(id, { at: startedAt + 30_000 });
  }
  const ids = Array.from({ length: options.changes }, () => book.add({ startedAt: burstStart(now, random), mode: 'realtime' }).run_id);
  const hume = await startHumeSimulator({ routes: [createRunsApi({ book })], apiKey: KEY });
  return {
    hume,
    feed: (http) => createRunsFeed(createRunsClient(http), { clock: systemClock, pollIntervalMs: 1000 }),
    finishAll: () => ids.forEach((id, i) => (fails(i) ? book.error(id) : book.end(id))),
    isById: (request) => /^\/v1\/expression\/run\/[^/]+$/.test(request.path),
  };
}

/** The first start, one tracked cycle, the burst, then one idle cycle; what the burst's cycle asked. */
async function measure(source: Source, baseline: boolean, options: BurstRequestsOptions, problems: string[]): Promise<Measured> {
  const world = await (source === 'batch' ? batchWorld(options) : runsWorld(options));
  const http = createHumeHttp({ baseUrl: world.hume.url, apiKey: KEY, clock: systemClock, retry: BACKGROUND_POLICY });
  const store = await openSqliteStore(':memory:');
  try {
    await store.migrate();
    await store.subscribe('CBENCH', ['completed', 'failed'], null, null, Date.now());
    const feed = world.feed(http);
    // The baseline is this app without the listing: every departed job is its own GET.
    const perJob: ChangeFeed = { ...feed, listFinished: undefined };
    const poller = createPoller({ feed: baseline ? perJob : feed, store, clock: systemClock, logger: createLogger('error'), intervalMs: 1000 });
    await poller.runCycle();
    await poller.runCycle();
    world.finishAll();
    const from = world.hume.requests.length;
    const report = await poller.runCycle();
    const log = world.hume.requests.slice(from);
    if (!report.ok || report.changes !== options.changes) problems.push(`${source}${baseline ? ' baseline' : ''}: the burst's cycle saw ${report.changes} of ${options.changes} changes (${report.error instanceof Error ? report.error.message : 'ok'})`);
    const idleFrom = world.hume.requests.length;
    await poller.runCycle();
    const events = log.filter((r) => r.path.endsWith('/events')).length;
    const byId = log.filter((request) => world.isById(request)).length;
    return { total: log.length, listing: log.length - events - byId, byId, events, idle: world.hume.requests.length - idleFrom };
  } finally {
    await store.close();
    await http.close();
    await world.hume.close();
  }
}

export interface BurstRequestsResult extends SectionResult {
  measured: Record<Source, { baseline: Measured; app: Measured }>;
}

export async function measureBurstRequests(options: BurstRequestsOptions): Promise<BurstRequestsResult> {
  const problems: string[] = [];
  const rows: string[][] = [];
  const measured = {} as BurstRequestsResult['measured'];
  for (const source of ['batch', 'runs'] as const) {
    const before = await measure(source, true, options, problems);
    const now = await measure(source, false, options, problems);
    measured[source] = { baseline: before, app: now };
    rows.push([source, count(before.total), count(now.total), count(now.listing), count(now.byId), count(now.events), count(now.idle)]);
  }
  const n = count(options.changes);
  return {
    title: `Hume requests per burst of ${n} finishes`,
    measured,
    problems,
    tables: [
      {
        headers: ['source', 'baseline: one GET per departed job', 'hume-jobs: requests', 'list requests', 'GETs by id', 'problem-event reads (runs)', 'next idle cycle'],
        rows,
      },
    ],
    method:
      `${n} jobs (batch) or realtime runs (runs), started 20 to 40 minutes ago (older than the poller's look-back and the runs feed's 15-minute window for runs recorded late) beside ${count(options.history)} finished ones of the past week, are seen running by two poll cycles, then all finish at once (one in seven failed or errored); the table counts every request of the next cycle, as the simulator recorded them, and of the idle cycle after it. ` +
      'The real poller, change feed, HTTP client and SQLite store run in the benchmark\'s process against the simulator in the same process (only requests are counted here). ' +
      'The baseline is the same app with the listing taken out of the feed: each tracked job that left the active list is one GET, the cost this section had before. ' +
      'Batch: the jobs that left the active list are read from `status=COMPLETED&status=FAILED&sort_by=ended&direction=desc`, created after the oldest of them, with a limit sized to the burst (at most 2,000; there is no keyset on end time, so a longer walk re-reads from the top), until all are found or the list is past the last cycle less the look-back; only what it does not show gets a GET. ' +
      'Runs: the API has no end-time filter or order, so the departed runs are looked for among the `ended`, then the `errored` runs started at or after the oldest departed start (200 a page, 12 pages at most): the cost follows the runs started since then, not the runs finished since the last cycle, and a long session among them pulls in everything started after it (what the page budget leaves is asked for one by one). ' +
      'The runs API also reads problem events one run at a time: each errored run costs one request for them, which no listing can save. ' +
      'Six departures or fewer are still read with their own GETs (one round trip, the full answer).',
  };
}
