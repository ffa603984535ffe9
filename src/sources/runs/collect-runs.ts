/**
 * Every run of one query, page after page, each page asked for with the same query and the
 * previous page's cursor (the API refuses a cursor with other filters or page size). For the
 * poller's questions and the id-prefix scan, which read whole result sets, not listing pages.
 */
import type { HumeLogger } from '../../hume/http';
import type { RunsClient, RunsListQuery } from '../../hume/runs/client';
import type { Run } from '../../hume/runs/schemas';
import type { CallOptions } from '../source';

export interface Collected {
  /** In the API's order, each run once (an offset-paged API may repeat one across pages). */
  runs: Run[];
  /** False when `maxPages` ran out before the last page. */
  complete: boolean;
  requests: number;
}

export async function collectRuns(
  client: RunsClient,
  query: RunsListQuery,
  limits: { maxPages: number; logger?: HumeLogger },
  options?: CallOptions,
): Promise<Collected> {
  const runs = new Map<string, Run>();
  let cursor: string | null = null;
  for (let requests = 1; requests <= limits.maxPages; requests++) {
    const page = await client.listRuns(cursor === null ? query : { ...query, cursor }, { signal: options?.signal });
    for (const run of page.runs) if (!runs.has(run.run_id)) runs.set(run.run_id, run);
    cursor = page.nextCursor;
    if (cursor === null || page.runs.length === 0) return { runs: [...runs.values()], complete: true, requests };
  }
  limits.logger?.warn({ query: { ...query }, pages: limits.maxPages }, 'stopped reading runs after the page limit; the rest waits for the next read');
  return { runs: [...runs.values()], complete: false, requests: limits.maxPages };
}
