/**
 * The port every Hume source implements. Commands and messages only see this; the batch and
 * runs adapters hide their paging, filters and payloads behind it.
 */
import type { JobFilter } from '../jobs/filter';
import type { Job, SourceName } from '../jobs/job';
import type { JobMatch } from '../jobs/job-match';

export interface JobPage {
  jobs: Job[];
  /** Opaque token for the next page, or null on the last page. */
  nextCursor: string | null;
}

/** What a listing of finished jobs found, and what it cost. */
export interface FinishedListing {
  jobs: Job[];
  requests: number;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface JobSource {
  readonly name: SourceName;
  /**
   * Sentences naming each part of the filter this source cannot apply (e.g. `sort started` on
   * runs). Empty when the whole filter can be applied. Checked before any request is sent.
   */
  unsupported(filter: JobFilter): string[];
  /**
   * The same for an alert rule's filters (`subscribe failed endpoint audio`): sentences naming
   * each one this source's jobs can never match (`model` on runs, `endpoint` on batch).
   */
  unsupportedMatch(match: JobMatch): string[];
  /** One page of jobs matching the filter, in the filter's order, without repeats. */
  listPage(filter: JobFilter, cursor: string | null, options?: CallOptions): Promise<JobPage>;
  /** One job in full (details modal, `job <id>`). Throws HumeNotFoundError when unknown. */
  getJob(id: string, options?: CallOptions): Promise<Job>;
  /** Jobs whose id starts with the prefix, among those recent enough to be searched. */
  findByPrefix(prefix: string, options?: CallOptions): Promise<Job[]>;
}

/** A place in a newest-first walk of the history: the last job taken (created or start time, id). */
export interface HistoryPosition {
  ts: number;
  id: string;
}

export interface HistoryPage {
  /** Newest first. May repeat jobs of the page before (the boundary millisecond is read again). */
  jobs: Job[];
  /** Where the next page starts, or null when the range has been read to its end. */
  next: HistoryPosition | null;
  /** Requests the page cost. */
  requests: number;
}

/**
 * What the poller needs from a source: a cost that grows with the number of changes, not with
 * the size of the history. An idle cycle is one call to each.
 */
export interface ChangeFeed {
  readonly name: SourceName;
  /** Every job the source reports as queued or running now. */
  listActive(options?: CallOptions): Promise<Job[]>;
  /** Jobs created (batch) or started (runs) at or after `since`, whatever their status. */
  listCreatedSince(since: number, options?: CallOptions): Promise<Job[]>;
  /** One job now; used for each tracked job that left the active list and no listing accounted for. */
  getJob(id: string, options?: CallOptions): Promise<Job>;
  /**
   * Many tracked jobs left the active list at once (a burst): the finished ones among them, read
   * from a listing of finished jobs in a few pages instead of one GET each. `since` is the
   * earliest they can have ended (when they were last seen active, less the look-back). May
   * return fewer than asked for (or other jobs): the poller GETs whatever it does not account for.
   */
  listFinished?(departed: readonly Job[], since: number, options?: CallOptions): Promise<FinishedListing>;
  /**
   * Adds what a failure alert should show and the list did not carry (runs: problem events by
   * kind). Called once per change to failed, before the change is committed.
   */
  enrichFailure?(job: Job, options?: CallOptions): Promise<Job>;
  /**
   * One page of the jobs created (batch) or started (runs) in [since, until), newest first,
   * after `from` (null: from `until`). The first start records the last week with it.
   */
  historyPage?(range: { since: number; until: number }, from: HistoryPosition | null, options?: CallOptions): Promise<HistoryPage>;
}
