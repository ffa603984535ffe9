/**
 * Per-job problems stay per-job. A tracked job whose own GET keeps failing (a 500 or 400 for
 * that job only, HTML, a body without `state`, an unknown status) used to fail every cycle, so
 * no other job was alerted and every finished job was fetched again each cycle. Now the cycle
 * commits the rest; the job is retried at the normal pace a few times, then recorded as
 * unreadable (its last state kept, the reason shown in `job <id>` and counted in a metric) and
 * asked for again only every few minutes, until Hume answers for it again.
 */
import {
  HumeBadRequestError,
  HumeInvalidResponseError,
  HumeUnavailableError,
  type HumeError,
} from '../hume/errors';
import type { UnreadableMark } from '../jobs/job';
import type { TrackedJob } from '../store/store';

/** Cycles in a row a job's GET may fail before the job is recorded as unreadable. */
export const UNREADABLE_AFTER = 3;
/** How often an unreadable job is asked for again: it may heal, and one request is cheap. */
export const UNREADABLE_RECHECK_MS = 5 * 60_000;
/** What is kept of the reason: one line, enough to tell a 500 from a missing `state`. */
const MAX_REASON_CHARS = 300;

export interface JobProblem {
  tracked: TrackedJob;
  error: HumeError;
}

/**
 * Failures of one job's GET that say nothing of the others: the answer for that job was
 * unreadable, refused, or a server error. A rejected key, a rate limit or an abort concern
 * every request and still fail the cycle.
 */
export function isJobProblem(error: unknown): error is HumeError {
  return error instanceof HumeInvalidResponseError || error instanceof HumeBadRequestError || error instanceof HumeUnavailableError;
}

interface Failing {
  count: number;
  since: number;
  lastTriedAt: number;
}

export interface JobTroubles {
  /** Whether the tracked job should be asked for this cycle. */
  due(tracked: TrackedJob, now: number): boolean;
  /**
   * Records a failed GET. Returns the job to store when it has just become unreadable (its last
   * state with the mark), or null while it is still within its retries or already marked.
   */
  failed(problem: JobProblem, now: number): TrackedJob | null;
  /** The job was read: its count starts again. */
  readable(id: string): void;
}

export function createJobTroubles(): JobTroubles {
  // Only jobs that failed are here, and each leaves when read, vanished or untracked.
  const failing = new Map<string, Failing>();
  return {
    due(tracked, now) {
      if (!tracked.snapshot.unreadable) return true;
      const seen = failing.get(tracked.id);
      // After a restart the mark is in the store but not here: ask once, then at the slow pace.
      return seen === undefined || now - seen.lastTriedAt >= UNREADABLE_RECHECK_MS;
    },
    failed({ tracked, error }, now) {
      const mark = tracked.snapshot.unreadable;
      const before = failing.get(tracked.id);
      const entry = { count: (before?.count ?? mark?.failures ?? 0) + 1, since: before?.since ?? mark?.since ?? now, lastTriedAt: now };
      failing.set(tracked.id, entry);
      if (mark || entry.count < UNREADABLE_AFTER) return null;
      const unreadable: UnreadableMark = { since: entry.since, failures: entry.count, reason: reasonOf(error) };
      return { ...tracked, snapshot: { ...tracked.snapshot, unreadable } };
    },
    readable(id) {
      failing.delete(id);
    },
  };
}

function reasonOf(error: HumeError): string {
  const line = error.message.replace(/\s+/g, ' ').trim();
  return line.length > MAX_REASON_CHARS ? `${line.slice(0, MAX_REASON_CHARS - 1)}…` : line;
}
