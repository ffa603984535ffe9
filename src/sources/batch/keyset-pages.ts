/**
 * Paging the batch list by creation time. The API has no cursor, only a bound on creation
 * time (`when` + `timestamp_ms`) whose inclusiveness is undocumented, and it orders jobs that
 * share a millisecond however it likes. So:
 *
 * - jobs are listed in a total order of our own: created time, then id;
 * - each request asks for everything from the current millisecond on, one ms wide on the side
 *   already listed (`created_before = t + 1`, `created_after = t - 1`), which is right under
 *   both readings; whatever comes back from the listed side is filtered out here;
 * - a job is only taken once its whole millisecond has been seen: from a full response, only
 *   the jobs strictly nearer than its last millisecond count, since that one may be cut short;
 * - when a whole full response sits in one millisecond, the next request asks for twice as many.
 */
import type { Job } from '../../jobs/job';
import { fetchJobs, inCreatedBounds, type PagingContext } from './paging';

export interface Position {
  ts: number;
  id: string;
}

export interface Collected {
  /** In listing order, after the starting position. */
  jobs: DatedJob[];
  /** True when no job after the last one returned matches. */
  exhausted: boolean;
}

export type DatedJob = Job & { createdAt: number };

/** Extra jobs asked for on top of the need: room for the boundary ms coming back. */
const SLACK = 5;
/** No page is worth more requests than this; past it the page ends where it got to. */
const MAX_REQUESTS = 12;
const MAX_LIMIT = 1000;
/** Newest-first starts this far in the future, so a job stamped by Hume's clock (ahead of ours) shows. */
export const CLOCK_SKEW_MS = 60_000;

/** Up to `target` jobs after `after` (or from the start of the filter), in listing order. */
export async function collectByCreated(ctx: PagingContext, after: Position | null, target: number): Promise<Collected> {
  const { filter } = ctx;
  const sign = filter.direction === 'asc' ? 1 : -1;
  const later = (ts: number, than: number) => sign * (ts - than) > 0;
  /** The far bound the server is not told about (it takes only one `when`). */
  const pastFar = (ts: number) =>
    sign > 0 ? filter.before !== null && ts >= filter.before : filter.since !== null && ts < filter.since;

  const start = sign > 0 ? (filter.since ?? 0) : filter.before !== null ? filter.before - 1 : ctx.now + CLOCK_SKEW_MS;
  // The first ms not yet wholly listed: every job earlier in listing order was shown or excluded.
  let current = after === null ? start : sign > 0 ? Math.max(start, after.ts) : Math.min(start, after.ts);
  let last = after;
  let limit = target + SLACK;
  const collected: DatedJob[] = [];

  for (let requests = 0; requests < MAX_REQUESTS; requests++) {
    const bound = sign > 0
      ? { when: 'created_after' as const, timestampMs: Math.max(0, current - 1) }
      : { when: 'created_before' as const, timestampMs: current + 1 };
    const response = await fetchJobs(ctx, { limit, sortBy: 'created', direction: filter.direction, ...bound });
    const dated = response.jobs.filter(isDated);
    const fresh = dated
      .filter((job) => last === null || compare(sign, positionOf(job), last) > 0)
      .filter((job) => inCreatedBounds(filter, job))
      .sort((a, b) => compare(sign, positionOf(a), positionOf(b)));
    const edge = farthest(sign, dated);

    if (!response.full || (edge !== null && pastFar(edge))) {
      return { jobs: [...collected, ...fresh], exhausted: true };
    }
    if (edge === null) {
      ctx.logger?.warn({ limit }, 'Hume sent a full page of batch jobs without creation times; stopped paging');
      return { jobs: collected, exhausted: true };
    }
    const complete = fresh.filter((job) => later(edge, job.createdAt));
    collected.push(...complete);
    if (collected.length >= target) return { jobs: collected, exhausted: false };
    const lastTaken = collected.at(-1);
    if (lastTaken) last = positionOf(lastTaken);

    if (later(edge, current)) {
      // Continue from the last ms, which comes again in full: ask for room for it.
      current = edge;
      limit = target - collected.length + dated.filter((job) => job.createdAt === edge).length + SLACK;
    } else if (limit < MAX_LIMIT) {
      limit = Math.min(MAX_LIMIT, limit * 2);
    } else {
      ctx.logger?.warn({ ms: current, limit }, 'more batch jobs share one millisecond than one request can return; stopped paging');
      return { jobs: collected, exhausted: true };
    }
  }
  ctx.logger?.warn({ requests: MAX_REQUESTS }, 'batch page needed too many requests; it ends early');
  return { jobs: collected, exhausted: false };
}

/** Listing order: created time, then id, both ascending (sign 1) or both descending (sign -1). */
function compare(sign: 1 | -1, a: Position, b: Position): number {
  if (a.ts !== b.ts) return sign * (a.ts - b.ts);
  return sign * (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The millisecond furthest along in listing order: where a full response may have been cut. */
function farthest(sign: 1 | -1, jobs: DatedJob[]): number | null {
  if (jobs.length === 0) return null;
  const times = jobs.map((job) => job.createdAt);
  return sign > 0 ? Math.max(...times) : Math.min(...times);
}

function isDated(job: Job): job is DatedJob {
  return job.createdAt !== null;
}

export function positionOf(job: DatedJob): Position {
  return { ts: job.createdAt, id: job.id };
}
