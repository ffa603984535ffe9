/**
 * One poll cycle's reading of Hume: what is active, what is new since the high-water mark, and
 * the current state of each tracked job that left the active list. Nothing here writes, and
 * nothing here decides what changed: that is diff-jobs.ts, on what this returns.
 */
import { HumeBadRequestError, HumeNotFoundError } from '../hume/errors';
import { isJobProblem, type JobProblem } from './job-problems';
import type { Job, StatusKind } from '../jobs/job';
import type { Logger } from '../logging/logger';
import type { ChangeFeed } from '../sources/source';
import type { JobStore, TrackedJob } from '../store/store';

/** Requests for finished jobs in flight at once: quick for bursts, gentle on Hume's rate limit. */
const FETCH_CONCURRENCY = 6;
/**
 * Up to this many departed jobs are read with their own GETs: they go in one round trip, and a
 * GET is the job's full answer (a runs list item may carry less). More than this is a burst,
 * read from a listing of finished jobs in a few pages; only what it misses is fetched one by one.
 */
export const LIST_FINISHED_ABOVE = FETCH_CONCURRENCY;

/** Runs `work` on every item with at most `limit` running at once; the first failure rejects. */
async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const RANK: Record<StatusKind, number> = { queued: 0, running: 1, completed: 2, failed: 2 };

export interface Reading {
  /** Every job seen this cycle, by id. */
  observed: Map<string, Job>;
  /** What the store knew of those jobs before this cycle. */
  previous: Map<string, TrackedJob>;
  /** Tracked active jobs Hume no longer knows (deleted): they stop being tracked. */
  vanished: TrackedJob[];
  /** Tracked jobs whose own GET failed in a way that concerns that job only (see job-problems.ts). */
  failed: JobProblem[];
  /** Every tracked active job, as the store had them before this cycle. */
  tracked: TrackedJob[];
  requests: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Whether a tracked job that left the active list is asked for this cycle (unreadable ones rarely). */
  due?: (tracked: TrackedJob) => boolean;
  /**
   * The earliest a tracked job that left the active list can have ended (the last cycle that
   * saw the active list, less the look-back), or null when unknown: then every one is a GET.
   */
  finishedSince?: number | null;
}

export async function readHume(feed: ChangeFeed, store: JobStore, since: number, logger: Logger, options: ReadOptions = {}): Promise<Reading> {
  const { signal } = options;
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

  // A tracked job missing from the active list has finished (or moved on). A burst of them is
  // read from the listing of finished jobs; what it does not account for (deleted, ended before
  // the mark, unreadable) is asked for once, a few at a time.
  const vanished: TrackedJob[] = [];
  const failed: JobProblem[] = [];
  const tracked = await store.activeJobs();
  const due = options.due ?? (() => true);
  const departed = tracked.filter((job) => !observed.has(job.id) && due(job));
  requests += await readFinished(feed, departed, options.finishedSince ?? null, keep, signal, logger);
  const missing = departed.filter((job) => !observed.has(job.id));
  await eachLimited(missing, FETCH_CONCURRENCY, async (job) => {
    try {
      requests += 1;
      keep(await feed.getJob(job.id, { signal }));
    } catch (error) {
      // One job's broken answer is that job's problem: the others are still read and committed.
      if (isJobProblem(error)) return void failed.push({ tracked: job, error });
      if (!(error instanceof HumeNotFoundError)) throw error;
      logger.warn({ job: job.id }, 'tracked job no longer exists at Hume; it stops being tracked');
      vanished.push(job);
    }
  });
  const previous = new Map((await store.getJobs([...observed.keys()])).map((t) => [t.id, t]));
  return { observed, previous, vanished, failed, tracked, requests };
}

/**
 * Keeps what a listing of finished jobs shows of the departed ones; returns its requests. An
 * unreadable job stays per-job (its own GET, at its slow pace): a listing that shows it would
 * hide whether Hume can answer for it again.
 */
async function readFinished(
  feed: ChangeFeed,
  departed: readonly TrackedJob[],
  since: number | null,
  keep: (job: Job) => void,
  signal: AbortSignal | undefined,
  logger: Logger,
): Promise<number> {
  const listable = departed.filter((job) => !job.snapshot.unreadable);
  if (!feed.listFinished || since === null || listable.length <= LIST_FINISHED_ABOVE) return 0;
  const wanted = new Set(listable.map((job) => job.id));
  let listing;
  try {
    listing = await feed.listFinished(listable.map((job) => job.snapshot), since, { signal });
  } catch (error) {
    // The listing is a saving, not a need: Hume refusing this query (while it just answered the
    // active list) must not stall every cycle that sees a burst; the GETs still work. A server
    // error or an unreadable body is an outage like any other: the cycle fails and is retried.
    if (!(error instanceof HumeBadRequestError)) throw error;
    logger.warn({ code: error.code, status: error.status, err: error.message, departed: listable.length }, 'could not list finished jobs; asking for each one instead');
    return 1;
  }
  const { jobs, requests } = listing;
  // Only the departed jobs, and only as finished: anything else is left to their GETs.
  for (const job of jobs) if (wanted.has(job.id) && (job.status === 'completed' || job.status === 'failed')) keep(job);
  return requests;
}
