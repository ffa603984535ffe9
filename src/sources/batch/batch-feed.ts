/**
 * The poller's view of the batch API: what is active now, and what was created since a mark.
 * Both are keyset walks on creation time, so their cost follows the number of active or new
 * jobs, never the size of the history (an idle cycle is one request each).
 */
import type { BatchClient, BatchListQuery } from '../../hume/batch/client';
import { JOB_FETCH_POLICY, type RetryPolicy } from '../../hume/retry';
import { batchJobToJob } from '../../hume/batch/to-job';
import type { Job } from '../../jobs/job';
import type { HumeLogger } from '../../hume/http';
import type { CallOptions, ChangeFeed } from '../source';
import { listFinishedBatch } from './finished-listing';
import { batchHistoryPage } from './batch-history';

/** Jobs per request: large, so an ordinary cycle is a single request per question. */
const FEED_PAGE = 500;
/** A walk longer than this many requests stops: the next cycle continues from its mark. */
const MAX_REQUESTS = 200;

type WalkQuery = Omit<BatchListQuery, 'when' | 'timestampMs' | 'limit' | 'direction' | 'sortBy'>;

/**
 * Walks every job matching `query`, from `from` in `direction` of creation time. The API's
 * bounds may be inclusive or not: each request overlaps the previous one by a millisecond and
 * ids already seen are skipped; when a whole page shares one millisecond the page grows.
 */
async function walk(client: BatchClient, query: WalkQuery, direction: 'asc' | 'desc', from: number, options?: CallOptions): Promise<Job[]> {
  const seen = new Map<string, Job>();
  let bound = from;
  let limit = FEED_PAGE;
  for (let request = 0; request < MAX_REQUESTS; request++) {
    const response = await client.listJobs(
      {
        ...query,
        limit,
        sortBy: 'created',
        direction,
        when: direction === 'asc' ? 'created_after' : 'created_before',
        timestampMs: direction === 'asc' ? bound - 1 : bound + 1,
      },
      { signal: options?.signal },
    );
    let fresh = 0;
    for (const raw of response.jobs) {
      if (seen.has(raw.job_id)) continue;
      seen.set(raw.job_id, batchJobToJob(raw));
      fresh += 1;
    }
    if (response.received < limit) break;
    const times = response.jobs.map((j) => j.state.created_timestamp_ms).filter((t): t is number => typeof t === 'number');
    if (times.length === 0) break;
    const edge = direction === 'asc' ? Math.max(...times) : Math.min(...times);
    if (fresh === 0 || edge === bound) limit *= 2;
    bound = edge;
  }
  return [...seen.values()];
}

export interface FeedOptions {
  /** The policy of one tracked job's GET (default JOB_FETCH_POLICY: its failure is that job's own). */
  jobRetry?: RetryPolicy;
  logger?: HumeLogger;
}

export function createBatchFeed(client: BatchClient, clock: { now(): number }, { jobRetry = JOB_FETCH_POLICY, logger }: FeedOptions = {}): ChangeFeed {
  return {
    name: 'batch',
    listActive: (options) => walk(client, { statuses: ['QUEUED', 'IN_PROGRESS'] }, 'desc', clock.now() + 60_000, options),
    listCreatedSince: (since, options) => walk(client, {}, 'asc', since, options),
    getJob: async (id, options) => batchJobToJob(await client.getJob(id, { signal: options?.signal, retry: jobRetry })),
    listFinished: (departed, since, options) => listFinishedBatch(client, departed, since, options),
    historyPage: (range, from, options) => batchHistoryPage(client, range, from, { ...options, logger }),
  };
}
