/**
 * Baseline: the naive watcher. Every cycle it lists every job (keyset pages on creation time,
 * newest first, since the API has no cursor) and diffs the statuses with the previous listing.
 * Its cost grows with the size of the history, which is what the app's change feed avoids.
 */
import type { BatchClient } from '../../src/hume/batch/client';
import type { BatchJob } from '../../src/hume/batch/schemas';
import type { Watcher } from './watcher';

/** Jobs per request. Hume documents no maximum `limit`; 500 is what the app's own feed asks for. */
export const RELIST_PAGE = 500;

/**
 * Every job the API holds. Each page overlaps the previous one by its oldest millisecond (bounds
 * may be inclusive or not) and repeats are dropped; a page of one millisecond doubles the next.
 */
export async function listAllJobs(client: BatchClient, pageSize = RELIST_PAGE): Promise<BatchJob[]> {
  const all = new Map<string, BatchJob>();
  let bound = Date.now() + 60_000;
  let limit = pageSize;
  for (;;) {
    const page = await client.listJobs({ limit, sortBy: 'created', direction: 'desc', when: 'created_before', timestampMs: bound + 1 });
    let fresh = 0;
    for (const job of page.jobs) {
      if (!all.has(job.job_id)) fresh += 1;
      all.set(job.job_id, job);
    }
    if (page.received < limit) return [...all.values()];
    const oldest = Math.min(...page.jobs.map((job) => job.state.created_timestamp_ms ?? bound));
    limit = fresh === 0 || oldest === bound ? limit * 2 : pageSize;
    bound = oldest;
  }
}

export function createRelistWatcher(client: BatchClient, pageSize = RELIST_PAGE): Watcher {
  let known: Map<string, string> | null = null;
  return {
    name: 're-list everything',
    async cycle() {
      const now = new Map((await listAllJobs(client, pageSize)).map((job) => [job.job_id, job.state.status]));
      const before = known;
      known = now;
      if (!before) return 0;
      let changes = 0;
      for (const [id, status] of now) if (before.get(id) !== status) changes += 1;
      return changes;
    },
  };
}
