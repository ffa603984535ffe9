/**
 * Paging the batch list by start or end time. The API's time bounds apply to creation time
 * only, so a keyset on these keys is impossible: the list is read from the top with `sort_by`,
 * and a page is a slice at an offset. Only the first MAX_WINDOW jobs can be reached this way.
 */
import type { BatchListQuery } from '../../hume/batch/client';
import type { Job } from '../../jobs/job';
import { fetchJobs, inCreatedBounds, type PagingContext } from './paging';

/** The deepest this listing reads: every page re-reads the list from the top. */
export const MAX_WINDOW = 1000;

export interface OffsetPage {
  jobs: Job[];
  hasMore: boolean;
}

export async function collectByOffset(ctx: PagingContext, offset: number, pageSize: number): Promise<OffsetPage> {
  const { filter } = ctx;
  // One `when` only: the server takes `since` when there is one, `before` otherwise; both are
  // re-applied here, which also covers either reading of the server's bound.
  const bound: Pick<BatchListQuery, 'when' | 'timestampMs'> =
    filter.since !== null
      ? { when: 'created_after', timestampMs: Math.max(0, filter.since - 1) }
      : filter.before !== null
        ? { when: 'created_before', timestampMs: filter.before }
        : {};
  const needed = offset + pageSize + 1; // one more than the page: is there a next one?
  let limit = Math.min(MAX_WINDOW, needed);
  for (;;) {
    const response = await fetchJobs(ctx, { limit, sortBy: filter.sort, direction: filter.direction, ...bound });
    const matching = response.jobs.filter((job) => inCreatedBounds(filter, job));
    if (matching.length >= needed || !response.full || limit >= MAX_WINDOW) {
      return { jobs: matching.slice(offset, offset + pageSize), hasMore: matching.length > offset + pageSize };
    }
    // The client-side bound dropped some: ask again with room for what it may drop again.
    limit = Math.min(MAX_WINDOW, limit + 2 * (needed - matching.length));
  }
}
