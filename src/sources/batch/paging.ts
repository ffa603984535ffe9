/**
 * What both ways of paging the batch list share: the request context, the call that turns a
 * response into jobs, and the created-time bounds the server cannot (fully) apply itself.
 */
import type { BatchClient, BatchListQuery } from '../../hume/batch/client';
import type { BatchStatus } from '../../hume/batch/schemas';
import { batchJobToJob } from '../../hume/batch/to-job';
import type { HumeLogger } from '../../hume/http';
import type { JobFilter } from '../../jobs/filter';
import type { Job } from '../../jobs/job';

export interface PagingContext {
  client: BatchClient;
  filter: JobFilter;
  statuses: BatchStatus[];
  /** The clock's time when the page was asked for. */
  now: number;
  signal?: AbortSignal;
  logger?: HumeLogger;
}

export interface FetchedJobs {
  jobs: Job[];
  /** Whether the response held as many items as asked for (so more may exist). */
  full: boolean;
}

export async function fetchJobs(ctx: PagingContext, query: BatchListQuery & { limit: number }): Promise<FetchedJobs> {
  const statuses = ctx.statuses.length > 0 ? ctx.statuses : undefined;
  const response = await ctx.client.listJobs({ ...query, statuses }, { signal: ctx.signal });
  return { jobs: response.jobs.map(batchJobToJob), full: response.received >= query.limit };
}

/** `since` inclusive, `before` exclusive, both on creation time (re-checked: the server's inclusiveness is unknown). */
export function inCreatedBounds(filter: JobFilter, job: Job): boolean {
  if (filter.since === null && filter.before === null) return true;
  const at = job.createdAt;
  if (at === null) return false;
  return (filter.since === null || at >= filter.since) && (filter.before === null || at < filter.before);
}
