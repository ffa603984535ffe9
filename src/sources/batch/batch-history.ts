/**
 * The batch API's history, newest first, one page at a time, for the first start: the list
 * sorted by creation time and paged by `created_before` (the keyset walk of `keyset-pages.ts`,
 * which copes with jobs sharing a millisecond and with either reading of the bound).
 */
import type { BatchClient } from '../../hume/batch/client';
import type { HumeLogger } from '../../hume/http';
import { defaultFilter } from '../../jobs/filter';
import type { CallOptions, HistoryPage, HistoryPosition } from '../source';
import { collectByCreated, positionOf } from './keyset-pages';

/** Jobs per history page: one request each, a few hundred kilobytes of JSON. */
export const BATCH_HISTORY_PAGE = 500;

export async function batchHistoryPage(
  client: BatchClient,
  range: { since: number; until: number },
  from: HistoryPosition | null,
  options?: CallOptions & { logger?: HumeLogger; pageSize?: number },
): Promise<HistoryPage> {
  let requests = 0;
  const counted: BatchClient = {
    ...client,
    listJobs: (query, call) => {
      requests += 1;
      return client.listJobs(query, call);
    },
  };
  const filter = { ...defaultFilter(), since: range.since, before: range.until, sort: 'created' as const, direction: 'desc' as const };
  const ctx = { client: counted, filter, statuses: [], now: range.until, signal: options?.signal, logger: options?.logger };
  const size = options?.pageSize ?? BATCH_HISTORY_PAGE;
  const collected = await collectByCreated(ctx, from, size);
  // A walk may take a few more than asked for; the page is cut to its size (the keyset is exact).
  const jobs = collected.jobs.slice(0, size);
  const last = jobs.at(-1);
  const more = !collected.exhausted || collected.jobs.length > size;
  return { jobs, next: more && last ? positionOf(last) : null, requests };
}
