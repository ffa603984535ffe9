/**
 * A burst of finishes read in a few requests, as far as the runs API allows: it has no filter or
 * order on end time, only `status` (one per request) and `started_after` (inclusive), newest
 * start first. So the departed runs are looked for among the `ended`, then the `errored` runs
 * started at or after the oldest departed one's start, 200 a page. The cost follows the runs
 * started since then, not the runs finished since the last cycle: one long session among them
 * pulls in everything started after it, which is why the walk has a page budget (newest starts
 * come first, so what is left when it runs out is the oldest, asked for one by one).
 */
import { MAX_RUNS_PAGE_SIZE, type RunsClient } from '../../hume/runs/client';
import type { RunStatus } from '../../hume/runs/schemas';
import { runToJob } from '../../hume/runs/to-job';
import type { Job } from '../../jobs/job';
import type { CallOptions, FinishedListing } from '../source';

/** Pages for both statuses together: 2,400 runs; past that, GETs. */
export const MAX_FINISHED_PAGES = 12;
const FINISHED: readonly RunStatus[] = ['ended', 'errored'];

export async function listFinishedRuns(client: RunsClient, departed: readonly Job[], options?: CallOptions): Promise<FinishedListing> {
  const wanted = new Set(departed.map((job) => job.id));
  const starts = departed.map((job) => job.startedAt);
  // A run without a start cannot bound the walk: the GETs are the honest cost then.
  if (!starts.every((at): at is number => at !== null)) return { jobs: [], requests: 0 };
  const startedAfter = Math.min(...starts);
  const found = new Map<string, Job>();
  let requests = 0;
  for (const status of FINISHED) {
    let cursor: string | null = null;
    while (found.size < wanted.size && requests < MAX_FINISHED_PAGES) {
      requests += 1;
      const query = { status, startedAfter, pageSize: MAX_RUNS_PAGE_SIZE };
      const page = await client.listRuns(cursor === null ? query : { ...query, cursor }, { signal: options?.signal });
      for (const run of page.runs) if (wanted.has(run.run_id)) found.set(run.run_id, runToJob(run));
      cursor = page.nextCursor;
      if (cursor === null || page.runs.length === 0) break;
    }
  }
  return { jobs: [...found.values()], requests };
}
