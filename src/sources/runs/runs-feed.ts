/**
 * The poller's view of the runs API (HUME_SOURCE=runs). Its cost follows changes, not history:
 * `live` runs are few, and new runs are asked for by start time from the poller's mark, so an
 * idle cycle is one request for each question whatever the number of past runs.
 *
 * Runs are recorded late (the runs API docs: runs "appear with a delay and may occasionally be
 * missing"), and most arrive already ended, so a run never seen live is found only by start
 * time. Every read looks back RECORDED_LATE_MS plus two poll intervals (a run recorded up to
 * that late is still in the window on the cycle after it appears), and every SWEEP_EVERY_MS one
 * read looks back a day and the same margins, for runs recorded later still. Runs the store
 * already knows are not alerted again: the poller compares with what it has.
 */
import type { HumeLogger } from '../../hume/http';
import { JOB_FETCH_POLICY, type RetryPolicy } from '../../hume/retry';
import { MAX_RUNS_PAGE_SIZE, type RunsClient, type RunsListQuery } from '../../hume/runs/client';
import { runToJob, withProblems } from '../../hume/runs/to-job';
import type { Job } from '../../jobs/job';
import type { CallOptions, ChangeFeed } from '../source';
import { collectRuns } from './collect-runs';
import { listFinishedRuns } from './finished-runs';
import { runsHistoryPage } from './runs-history';

/** 200 runs a page: a walk longer than this many pages stops, and the next cycle reads again. */
const MAX_PAGES = 100;

/** A run recorded up to this late is alerted within two poll intervals of appearing. */
export const RECORDED_LATE_MS = 15 * 60_000;
/** One up to this late, within SWEEP_EVERY_MS and an interval: the sweep reads this far back. */
export const SWEPT_LATE_MS = 24 * 3_600_000;
/** How often the sweep runs (the first one this long after the feed's first read). */
export const SWEEP_EVERY_MS = 10 * 60_000;

export interface RunsFeedOptions {
  logger?: HumeLogger;
  clock: { now(): number };
  /** The poller's interval: the windows are widened by two of them (default 30 s). */
  pollIntervalMs?: number;
  /** The policy of one tracked run's GET and its events (default JOB_FETCH_POLICY: a failure is that run's own). */
  jobRetry?: RetryPolicy;
}

export function createRunsFeed(client: RunsClient, { logger, clock, pollIntervalMs = 30_000, jobRetry = JOB_FETCH_POLICY }: RunsFeedOptions): ChangeFeed {
  const lateWindowMs = RECORDED_LATE_MS + 2 * pollIntervalMs;
  const sweepWindowMs = SWEPT_LATE_MS + SWEEP_EVERY_MS + 2 * pollIntervalMs;
  let nextSweepAt: number | null = null;
  async function every(query: RunsListQuery, options?: CallOptions): Promise<Job[]> {
    const { runs } = await collectRuns(client, { ...query, pageSize: MAX_RUNS_PAGE_SIZE }, { maxPages: MAX_PAGES, logger }, options);
    return runs.map(runToJob);
  }

  return {
    name: 'runs',
    listActive: (options) => every({ status: 'live' }, options),
    // started_after is inclusive: a run started exactly at the mark is not missed.
    async listCreatedSince(since, options) {
      const now = clock.now();
      nextSweepAt ??= now + SWEEP_EVERY_MS;
      const sweep = now >= nextSweepAt;
      const from = Math.min(since, now - (sweep ? sweepWindowMs : lateWindowMs));
      const runs = await every({ startedAfter: from }, options);
      if (sweep) {
        nextSweepAt = now + SWEEP_EVERY_MS;
        logger?.debug({ since: new Date(from).toISOString(), runs: runs.length }, 'swept the last day of runs for runs recorded late');
      }
      return runs;
    },
    getJob: async (id, options) => runToJob(await client.getRun(id, { signal: options?.signal, retry: jobRetry })),
    // A burst: the runs API has no end-time filter, so this walks runs by start (finished-runs.ts).
    listFinished: (departed, _since, options) => listFinishedRuns(client, departed, options),
    // The first page of problem events (up to 200): enough to count by kind; `capped` says when not all.
    enrichFailure: async (job, options) => withProblems(job, [await client.listEvents(job.id, { pageSize: MAX_RUNS_PAGE_SIZE }, { signal: options?.signal, retry: jobRetry })]),
    historyPage: (range, from, options) => runsHistoryPage(client, range, from, options),
  };
}
