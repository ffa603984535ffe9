/**
 * The high-water mark: the newest creation time seen, from which the next cycle looks for new
 * jobs (minus its look-back). One job stamped a year ahead once moved it to next year, and jobs
 * created afterwards were never looked for. A job can move the mark at most to our own time
 * plus the clock skew allowed; a stamp past that is logged once per job and still alerted (it is
 * listed like any job created after the mark), it just cannot hide the jobs that follow.
 */
import type { Logger } from '../logging/logger';

/**
 * How far ahead of our clock Hume's stamps may be and still move the mark. It must stay well
 * under the poller's look-back (at least 2 minutes): a mark ahead by S hides jobs created less
 * than S − look-back after now, so 1 minute of skew keeps a minute of margin.
 */
export const MAX_CLOCK_SKEW_MS = 60_000;
/** Jobs already logged as out of range; bounded so a flood of them cannot grow memory. */
const MAX_REMEMBERED = 10_000;

export interface HighWater {
  /** The stored mark, or null on the first start; a mark already in the future is brought back. */
  read(stored: string | null, now: number): number | null;
  /** The mark after seeing a job created at `createdAt`. */
  advance(mark: number, job: { id: string; createdAt: number | null }, now: number): number;
}

export function createHighWater(logger: Logger, lookbackMs: number): HighWater {
  // A look-back shorter than the skew (tests, tiny intervals) would let the mark hide jobs: keep under half of it.
  const skew = Math.min(MAX_CLOCK_SKEW_MS, Math.floor(lookbackMs / 2));
  const logged = new Set<string>();
  let loggedStored = false;
  return {
    read(stored, now) {
      if (stored === null) return null;
      const mark = Number(stored);
      if (!Number.isFinite(mark)) return now;
      if (mark <= now + skew) return mark;
      // A mark written before this cap existed (or by a skewed clock): brought back, said once.
      if (!loggedStored) logger.warn({ storedMark: isoOrNumber(mark), maxSkewMs: skew }, 'the stored high-water mark was in the future; using the current time instead');
      loggedStored = true;
      return now;
    },
    advance(mark, job, now) {
      if (job.createdAt === null) return mark;
      if (job.createdAt <= now + skew) return Math.max(mark, job.createdAt);
      if (!logged.has(job.id)) {
        if (logged.size >= MAX_REMEMBERED) logged.clear();
        logged.add(job.id);
        logger.warn(
          { job: job.id, createdAt: isoOrNumber(job.createdAt), aheadMs: job.createdAt - now, maxSkewMs: skew },
          'Hume stamped a job further in the future than the clock skew allowed; it is alerted, but does not move the high-water mark',
        );
      }
      return mark;
    },
  };
}

/** An ISO time for the log, or the number itself when it is past what a Date can hold. */
function isoOrNumber(ms: number): string | number {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? ms : date.toISOString();
}
