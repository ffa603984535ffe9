/**
 * The simulator's batch jobs API (`/v0/batch/jobs…`), with the real semantics of every list
 * parameter. What Hume's API reference leaves open is a switch, so tests can check both readings:
 * whether `created_before/after` include the boundary ms, and whether jobs sharing a
 * millisecond come back in a stable order.
 */
import { copyJob, mulberry32, type JobBook, type RawBatchJob } from './job-book';
import { predictionsFor } from './predictions';
import { jobResponse, jobsResponse, type RawJobs } from './raw-jobs';
import type { SimRequest, SimResponse, SimRoute } from './server';

export interface BatchApiOptions {
  book: JobBook;
  /** `created_before=T` means `<= T` (true) or `< T` (false). */
  boundsInclusive?: boolean;
  /** Jobs sharing a sort key come back in a different order on every request. */
  unstableTies?: boolean;
  /** Jobs whose wire text a test wrote by hand (raw-jobs.ts). */
  rawJobs?: RawJobs;
}

const STATUSES = new Set(['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED']);
const SORT_KEYS = { created: 'created_timestamp_ms', started: 'started_timestamp_ms', ended: 'ended_timestamp_ms' } as const;
const DEFAULT_LIMIT = 50;
const ROUTE = /^\/v0\/batch\/jobs(?:\/([^/]+)(\/predictions)?)?\/?$/;

export function createBatchApi(options: BatchApiOptions): SimRoute {
  const { book } = options;
  const shuffle = mulberry32(7);

  function list(query: SimRequest['query']): SimResponse {
    const statuses = all(query.status);
    const unknown = statuses.find((status) => !STATUSES.has(status));
    if (unknown !== undefined) return problem(400, `invalid status: ${unknown}`);
    const limit = first(query.limit) === undefined ? DEFAULT_LIMIT : Number(first(query.limit));
    if (!Number.isInteger(limit) || limit < 1) return problem(400, 'limit must be a positive integer');
    const when = first(query.when);
    if (when !== undefined && when !== 'created_before' && when !== 'created_after') return problem(400, `invalid when: ${when}`);
    const at = first(query.timestamp_ms) === undefined ? book.clock.now() : Number(first(query.timestamp_ms));
    if (!Number.isFinite(at)) return problem(400, 'timestamp_ms must be a number');
    const sortBy = first(query.sort_by) ?? 'created';
    if (!(sortBy in SORT_KEYS)) return problem(400, `invalid sort_by: ${sortBy}`);
    const direction = first(query.direction) ?? 'desc';
    if (direction !== 'asc' && direction !== 'desc') return problem(400, `invalid direction: ${direction}`);

    if (sortBy === 'created' && !options.unstableTies) {
      return jobsResponse(pageByCreated(book.inCreatedOrder(), { statuses, when, at, inclusive: options.boundsInclusive ?? false, direction, limit }), options.rawJobs);
    }
    const key = SORT_KEYS[sortBy as keyof typeof SORT_KEYS];
    const sign = direction === 'asc' ? 1 : -1;
    const jobs = book
      .list()
      .filter((job) => statuses.length === 0 || statuses.includes(job.state.status))
      .filter((job) => when === undefined || inBound(job.state.created_timestamp_ms, when, at, options.boundsInclusive ?? false))
      .map((job) => ({ job, tie: options.unstableTies ? shuffle() : 0 }))
      .sort((a, b) => {
        const [x, y] = [a.job.state[key], b.job.state[key]];
        // Jobs without the key (not started or not ended yet) come last in both directions.
        if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0) || a.tie - b.tie;
        return sign * (x - y) || a.tie - b.tie;
      })
      .slice(0, limit)
      .map(({ job }) => job);
    return jobsResponse(jobs, options.rawJobs);
  }

  return (request) => {
    const match = ROUTE.exec(request.path);
    if (!match) return null;
    if (request.method !== 'GET') return problem(405, 'method not allowed');
    const [, rawId, predictions] = match;
    if (rawId === undefined) return list(request.query);
    const job = book.get(decodeURIComponent(rawId));
    if (!job) return problem(404, 'job not found');
    if (!predictions) return jobResponse(job, options.rawJobs);
    if (job.state.status !== 'COMPLETED') return problem(400, 'job has not completed');
    return { status: 200, json: predictionsFor(job) };
  };
}

interface CreatedQuery {
  statuses: string[];
  when: 'created_before' | 'created_after' | undefined;
  at: number;
  inclusive: boolean;
  direction: 'asc' | 'desc';
  limit: number;
}

/**
 * The common case (`sort_by=created`, stable ties) without copying or sorting the whole book:
 * the bound is a binary search in creation order, and only the page is copied. Same answer as
 * the general path: ties come in the order the jobs were added, in both directions.
 */
function pageByCreated(jobs: readonly RawBatchJob[], query: CreatedQuery): RawBatchJob[] {
  const { statuses, when, at, inclusive, limit } = query;
  const lo = when === 'created_after' ? firstIndex(jobs, (t) => (inclusive ? t >= at : t > at)) : 0;
  const hi = when === 'created_before' ? firstIndex(jobs, (t) => (inclusive ? t > at : t >= at)) : jobs.length;
  const page: RawBatchJob[] = [];
  const take = (job: RawBatchJob) => {
    if (statuses.length === 0 || statuses.includes(job.state.status)) page.push(copyJob(job));
  };
  if (query.direction === 'asc') {
    for (let i = lo; i < hi && page.length < limit; i++) take(jobs[i]!);
    return page;
  }
  // Newest first, but each run of jobs sharing a millisecond in the order they were added.
  for (let end = hi; end > lo && page.length < limit; ) {
    const time = jobs[end - 1]!.state.created_timestamp_ms;
    let start = end - 1;
    while (start > lo && jobs[start - 1]!.state.created_timestamp_ms === time) start--;
    for (let i = start; i < end && page.length < limit; i++) take(jobs[i]!);
    end = start;
  }
  return page;
}

/** The first index whose creation time passes `test` (monotonic over the sorted jobs), or the length. */
function firstIndex(jobs: readonly RawBatchJob[], test: (createdMs: number) => boolean): number {
  let [lo, hi] = [0, jobs.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(jobs[mid]!.state.created_timestamp_ms)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function inBound(created: number, when: 'created_before' | 'created_after', at: number, inclusive: boolean): boolean {
  if (created === at) return inclusive;
  return when === 'created_before' ? created < at : created > at;
}

function problem(status: number, message: string): SimResponse {
  return { status, json: { message } };
}

function all(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function first(value: string | string[] | undefined): string | undefined {
  return all(value)[0];
}
