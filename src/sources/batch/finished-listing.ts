/**
 * A burst of finishes read in a few requests: the batch list of finished jobs, most recently
 * ended first (`status=COMPLETED&status=FAILED&sort_by=ended&direction=desc`), from the top
 * until every departed job is found or the list is past the time they were last seen active.
 *
 * The API's only time bound (`when` + `timestamp_ms`) is on creation time, whatever `sort_by`
 * is, so there is no keyset on end time: a longer walk asks again from the top with a larger
 * `limit`. The creation bound still helps: no departed job was created before the oldest of
 * them, so `created_after` that time (less a millisecond: the bound's inclusiveness is not
 * documented) leaves out older history that ended meanwhile.
 */
import type { BatchClient } from '../../hume/batch/client';
import { batchJobToJob } from '../../hume/batch/to-job';
import type { Job } from '../../jobs/job';
import type { CallOptions, FinishedListing } from '../source';

/** Hume documents no maximum `limit`; past this the rest are asked for one by one. */
export const MAX_FINISHED_LIMIT = 2000;
/** A re-read from the top costs a whole page again: a few, then the GETs take over. */
const MAX_REQUESTS = 3;

/** Room on top of the departed jobs for others that ended meanwhile (new jobs, untracked ones). */
function firstLimit(departed: number): number {
  return Math.min(MAX_FINISHED_LIMIT, Math.max(50, Math.ceil(departed * 1.25) + 20));
}

export async function listFinishedBatch(client: BatchClient, departed: readonly Job[], since: number, options?: CallOptions): Promise<FinishedListing> {
  const wanted = new Set(departed.map((job) => job.id));
  const created = departed.map((job) => job.createdAt);
  const oldestCreated = created.every((at): at is number => at !== null) ? Math.min(...created) : null;
  const bound = oldestCreated === null ? {} : { when: 'created_after' as const, timestampMs: Math.max(0, oldestCreated - 1) };
  const found = new Map<string, Job>();
  let limit = firstLimit(wanted.size);
  let requests = 0;
  while (requests < MAX_REQUESTS) {
    requests += 1;
    const response = await client.listJobs(
      { statuses: ['COMPLETED', 'FAILED'], sortBy: 'ended', direction: 'desc', limit, ...bound },
      { signal: options?.signal },
    );
    for (const raw of response.jobs) if (wanted.has(raw.job_id)) found.set(raw.job_id, batchJobToJob(raw));
    if (found.size === wanted.size || response.received < limit || limit >= MAX_FINISHED_LIMIT) break;
    const ends = response.jobs.flatMap((job) => job.state.ended_timestamp_ms ?? []);
    // Past the mark: whatever is still missing ended before it (or not at all), so its GET tells.
    if (ends.length === 0 || Math.min(...ends) < since) break;
    limit = Math.min(MAX_FINISHED_LIMIT, limit * 2);
  }
  return { jobs: [...found.values()], requests };
}
