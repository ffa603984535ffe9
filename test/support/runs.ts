/**
 * The runs API simulator on loopback with the real client stack in front of it (undici →
 * HumeHttp → RunsClient → runs JobSource and ChangeFeed), all on one fake clock, plus seeding
 * and the oracle a listing is checked against. One harness per test (`runsHarnessPerTest`).
 */
import { createRunsClient, type RunsClient } from '../../src/hume/runs/client';
import type { HumeHttp } from '../../src/hume/http';
import type { JobFilter } from '../../src/jobs/filter';
import type { StatusKind } from '../../src/jobs/job';
import type { RetryPolicy } from '../../src/hume/retry';
import { createRunBook, SILENCE_MS, type RawRun, type RunBook } from '../../src/simulator/run-book';
import { createRunsApi } from '../../src/simulator/runs-api';
import { startHumeSimulator, type HumeSimulator, type RecordedRequest } from '../../src/simulator/server';
import { createRunsFeed } from '../../src/sources/runs/runs-feed';
import { createRunsSource } from '../../src/sources/runs/runs-source';
import type { ChangeFeed, JobSource } from '../../src/sources/source';
import { connectHumeHttp, perTest, TEST_API_KEY, TestClock, type LogLine } from './hume';
import { groupedTimes } from './paging';

export interface RunsHarness {
  clock: TestClock;
  book: RunBook;
  sim: HumeSimulator;
  http: HumeHttp;
  client: RunsClient;
  source: JobSource;
  feed: ChangeFeed;
  logs: LogLine[];
  /** Requests to the list route only, as recorded by the simulator. */
  listRequests(): RecordedRequest[];
  close(): Promise<void>;
}

export interface RunsHarnessOptions {
  /** The key the client sends (the simulator expects TEST_API_KEY). */
  apiKey?: string;
  /** Serves the client from this base URL path prefix instead of the root (an unknown route). */
  basePath?: string;
  retry?: RetryPolicy;
  random?: () => number;
  eventCap?: number;
}

export const RUNS_PATH = '/v1/expression/run';

export async function startRunsHarness(options: RunsHarnessOptions = {}): Promise<RunsHarness> {
  const clock = new TestClock();
  const book = createRunBook({ clock, seed: 42, eventCap: options.eventCap });
  const sim = await startHumeSimulator({ routes: [createRunsApi({ book })], apiKey: TEST_API_KEY });
  const connection = connectHumeHttp(sim.url + (options.basePath ?? ''), clock, options);
  const { http, logger, logs } = connection;
  const client = createRunsClient(http, logger);
  return {
    clock,
    book,
    sim,
    http,
    client,
    source: createRunsSource({ client, clock, logger }),
    feed: createRunsFeed(client, { logger, clock }),
    logs,
    listRequests: () => sim.requests.filter((request) => request.path === RUNS_PATH),
    async close() {
      await sim.close();
      await connection.close();
    },
  };
}

export function runsHarnessPerTest(): (options?: RunsHarnessOptions) => Promise<RunsHarness> {
  return perTest(startRunsHarness);
}

/**
 * `count` runs going back in time from the clock, `groupSizes` (cycled) saying how many start in
 * the same millisecond. Statuses cycle so each is present: live, ended, errored with a close
 * code, ended, errored by the silence rule.
 */
export function seedRuns(book: RunBook, count: number, groupSizes: number[] = [1]): RawRun[] {
  const now = book.clock.now();
  return groupedTimes(now, count, groupSizes, 20_000).map((ms, i) => {
    const { run_id: id } = book.add({ startedAt: ms, mode: i % 3 === 0 ? 'file' : 'realtime' });
    const endAt = Math.min(now, ms + 2_000 + ((i * 104_729) % 600_000));
    if (i % 5 === 1 || i % 5 === 3) book.end(id, { at: endAt });
    else if (i % 5 === 2) book.error(id, { at: endAt });
    else if (i % 5 === 4) book.quiet(id, Math.min(endAt, now - SILENCE_MS));
    return book.get(id)!;
  });
}

const KIND_OF: Record<RawRun['status'], StatusKind> = { live: 'running', ended: 'completed', errored: 'failed' };

/** What a listing must show: the book's runs, filtered, newest first, ties by run_id descending. */
export function expectedRunIds(book: RunBook, f: JobFilter): string[] {
  return book
    .list()
    .map((run) => ({ run, at: Date.parse(run.started_at) }))
    .filter(({ run }) => f.statuses.length === 0 || f.statuses.includes(KIND_OF[run.status]))
    .filter(({ at }) => (f.since === null || at >= f.since) && (f.before === null || at < f.before))
    .filter(({ run }) => (f.mode === null || run.mode === f.mode) && (f.endpoint === null || run.endpoint === f.endpoint) && (f.userId === null || run.user_id === f.userId))
    .sort((a, b) => b.at - a.at || (a.run.run_id < b.run.run_id ? 1 : -1))
    .map(({ run }) => run.run_id);
}
