/**
 * The poller's view of the runs API (HUME_SOURCE=runs). Its cost follows changes, not history:
 * `live` runs are few, and new runs are asked for by start time from the poller's mark, so an
 * idle cycle is one request for each question whatever the number of past runs.
 */
import type { HumeLogger } from '../../hume/http';
import { JOB_FETCH_POLICY, type RetryPolicy } from '../../hume/retry';
import { MAX_RUNS_PAGE_SIZE, type RunsClient, type RunsListQuery } from '../../hume/runs/client';
import { runToJob, withProblems } from '../../hume/runs/to-job';
import type { Job } from '../../jobs/job';
import type { CallOptions, ChangeFeed } from '../source';
import { collectRuns } from './collect-runs';
import { listFinishedRuns } from './finished-runs';

/** 200 runs a page: a walk longer than this many pages stops, and the next cycle reads again. */
const MAX_PAGES = 100;

export interface RunsFeedOptions {
  logger?: HumeLogger;
  /** The policy of one tracked run's GET and its events (default JOB_FETCH_POLICY: a failure is that run's own). */
  jobRetry?: RetryPolicy;
}

export function createRunsFeed(client: RunsClient, { logger, jobRetry = JOB_FETCH_POLICY }: RunsFeedOptions = {}): ChangeFeed {
  async function every(query: RunsListQuery, options?: CallOptions): Promise<Job[]> {
    const { runs } = await collectRuns(client, { ...query, pageSize: MAX_RUNS_PAGE_SIZE }, { maxPages: MAX_PAGES, logger }, options);
    return runs.map(runToJob);
  }

  return {
    name: 'runs',
    listActive: (options) => every({ status: 'live' }, options),
    // started_after is inclusive: a run started exactly at the mark is not missed. The poller
    // moves the mark back by its look-back, for runs that are recorded late.
    listCreatedSince: (since, options) => every({ startedAfter: since }, options),
    getJob: async (id, options) => runToJob(await client.getRun(id, { signal: options?.signal, retry: jobRetry })),
    // A burst: the runs API has no end-time filter, so this walks runs by start (finished-runs.ts).
    listFinished: (departed, _since, options) => listFinishedRuns(client, departed, options),
    // The first page of problem events (up to 200): enough to count by kind; `capped` says when not all.
    enrichFailure: async (job, options) => withProblems(job, [await client.listEvents(job.id, { pageSize: MAX_RUNS_PAGE_SIZE }, { signal: options?.signal, retry: jobRetry })]),
  };
}
