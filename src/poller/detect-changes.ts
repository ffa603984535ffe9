/**
 * One poll cycle's reading of Hume: what is active, what is new since the high-water mark, and
 * the current state of each tracked job that left the active list. Nothing here writes.
 */
import { HumeNotFoundError } from '../hume/errors';
import type { Job, StatusKind } from '../jobs/job';
import type { Logger } from '../logging/logger';
import type { ChangeFeed } from '../sources/source';
import type { Store, TrackedJob } from '../store/store';

const RANK: Record<StatusKind, number> = { queued: 0, running: 1, completed: 2, failed: 2 };

export interface Reading {
  /** Every job seen this cycle, by id. */
  observed: Map<string, Job>;
  /** What the store knew of those jobs before this cycle. */
  previous: Map<string, TrackedJob>;
  /** Tracked active jobs Hume no longer knows (deleted): they stop being tracked. */
  vanished: TrackedJob[];
  requests: number;
}

export async function readHume(feed: ChangeFeed, store: Store, since: number, signal: AbortSignal, logger: Logger): Promise<Reading> {
  const observed = new Map<string, Job>();
  // Two answers from two requests can disagree for a job that moved in between: keep the later state.
  const keep = (job: Job) => {
    const seen = observed.get(job.id);
    if (!seen || RANK[job.status] >= RANK[seen.status]) observed.set(job.id, job);
  };
  let requests = 0;
  const active = await feed.listActive({ signal });
  requests += 1;
  active.forEach(keep);
  const fresh = await feed.listCreatedSince(since, { signal });
  requests += 1;
  fresh.forEach(keep);

  // A tracked job missing from the active list has finished (or moved on): ask for it once.
  const vanished: TrackedJob[] = [];
  for (const tracked of await store.activeJobs()) {
    if (observed.has(tracked.id)) continue;
    try {
      requests += 1;
      keep(await feed.getJob(tracked.id, { signal }));
    } catch (error) {
      if (!(error instanceof HumeNotFoundError)) throw error;
      logger.warn({ job: tracked.id }, 'tracked job no longer exists at Hume; it stops being tracked');
      vanished.push(tracked);
    }
  }
  const previous = new Map((await store.getJobs([...observed.keys()])).map((t) => [t.id, t]));
  return { observed, previous, vanished, requests };
}
