/**
 * What the poller remembers of each job, and its progress (high-water marks…): read by the
 * poller, boards, App Home and replies; written only by `commitCycle`, with the cycle's alerts,
 * in ONE transaction.
 */
import type { Job, StatusKind } from '../../jobs/job';
import type { StatusCounts } from '../../domain/board';
import type { NewOutboxRow } from '../../domain/outbox';

/** The last state the poller saw of one job. */
export interface TrackedJob {
  id: string;
  status: StatusKind;
  rawStatus: string;
  /** The job as last seen (normalized), for messages and summaries. */
  snapshot: Job;
  /** Unix ms when this state was first seen. */
  seenAt: number;
}

/** What one poll cycle changes, committed atomically. */
export interface CycleWrite {
  /** Jobs to insert or update. */
  upsertJobs: TrackedJob[];
  /** Alerts caused by those changes. Rows whose dedupeKey exists already are skipped. */
  alerts: NewOutboxRow[];
  /** Watches whose DM is among `alerts`: a watch ends with the cycle that tells its person. */
  endWatches?: { userId: string; jobId: string }[];
  /** Poller progress (high-water marks…), key → value. */
  progress: Record<string, string>;
  /**
   * Progress that only moves forward (the high-water mark), key → a non-negative integer `value`:
   * a smaller one keeps the stored mark, unless the stored mark is past `ceiling` (a mark poisoned
   * by a far-future stamp or clock), which is not trusted and is replaced.
   */
  marks?: Record<string, { value: number; ceiling: number }>;
}

export interface JobStore {
  getProgress(key: string): Promise<string | null>;
  /** Tracked jobs with these ids (missing ids are simply absent). */
  getJobs(ids: string[]): Promise<TrackedJob[]>;
  /** Tracked jobs whose status is queued or running. */
  activeJobs(): Promise<TrackedJob[]>;
  /** The `limit` most recently created jobs that finished (completed or failed), newest first. */
  recentFinishedJobs(limit: number): Promise<TrackedJob[]>;
  /** Tracked jobs whose snapshot's createdAt is at or after `since` (summaries, App Home). */
  jobsCreatedSince(since: number): Promise<TrackedJob[]>;
  commitCycle(write: CycleWrite): Promise<void>;
  /** Up to `limit` tracked job ids starting with `prefix`, in id order (short ids from lists). */
  idsWithPrefix(prefix: string, limit: number): Promise<string[]>;
  /** How many tracked jobs created since `since` are in each status (boards). */
  statusCountsSince(since: number): Promise<StatusCounts>;
  /** The `limit` newest tracked jobs in `status` created since `since`, newest first. */
  recentWithStatus(status: StatusKind, since: number, limit: number): Promise<TrackedJob[]>;
}
