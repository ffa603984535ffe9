/**
 * The outbox: alerts the poller queued, claimed and delivered by delivery, with the Slack
 * message each job has in each channel. Delivery records each Slack write it made before the
 * next one (`recordPosted`), so a restart resumes instead of repeating.
 */
import type { GivenUpAlerts } from '../../domain/channel';
import type { NewOutboxRow, OutboxRow } from '../../domain/outbox';

/** The job's message in a channel, and the version of the job's state it shows. */
export interface JobMessage {
  ts: string;
  /** The outbox row id whose state the message shows (rows are queued in the order things happen); null before versions were kept. */
  version: number | null;
}

export interface MessageRef {
  channelId: string;
  jobId: string;
  ts: string;
  /** The row id whose state the message now shows; a ref never goes back to a lower version. */
  version?: number;
}

export interface OutboxStats {
  /** Undelivered rows, apart from those a snooze holds. */
  pending: number;
  /** Unix ms of the oldest of those, or null when there is none. */
  oldestCreatedAt: number | null;
  /** Rows of snoozed channels, waiting for the snooze to end. */
  held: number;
  dead: number;
}

/** One channel's backlog, folded: the rows marked done and the digests queued in their place. */
export interface FoldedBacklog {
  channelId: string;
  rows: OutboxRow[];
  digests: NewOutboxRow[];
}

export interface OutboxStore {
  /**
   * Claims up to `limit` rows due at `now`, oldest first, for `leaseMs`: a claimed row is not
   * handed out again until its lease ends, so a crashed deliverer's rows come back by themselves.
   * Rows of a channel with a problem, or snoozed, are not claimed. A row about a job waits while
   * an earlier row about the same job and channel is pending (alerts of a job apply in order).
   * `shape`: at most `perChannel` rows per channel (default: `limit`), and with
   * `idleChannelsOnly` none for a channel that still has rows claimed (one lane per channel).
   */
  claimOutbox(
    now: number,
    limit: number,
    owner: string,
    leaseMs: number,
    shape?: { perChannel?: number; idleChannelsOnly?: boolean },
  ): Promise<OutboxRow[]>;
  /**
   * In one transaction: for each channel with more than `above` rows that could be claimed now
   * and are not begun (no step recorded, not behind a begun row of the same job), marks those
   * rows done and queues the digests of `fold(channelId, rows)` (oldest first) in their place, in order. Rows in flight are
   * never folded; the same rows are never folded twice (by a crash or a second replica).
   */
  foldBacklogs(now: number, above: number, fold: (channelId: string, rows: OutboxRow[]) => NewOutboxRow[]): Promise<FoldedBacklog[]>;
  /** Records a Slack write this row made, before the next step (crash safety). */
  recordPosted(id: number, step: string, ts: string): Promise<void>;
  /** Delivered: the row is done, and each ref (if any) remembers a job's message in the channel, in the same transaction. */
  completeOutbox(id: number, refs: MessageRef | readonly MessageRef[] | null, at: number): Promise<void>;
  /** Not delivered this time: back to pending, due at `retryAt`. */
  retryOutbox(id: number, retryAt: number, error: string): Promise<void>;
  /** Given up (permanent error): kept for inspection, never claimed again. */
  failOutbox(id: number, error: string, at: number): Promise<void>;
  /**
   * Releases the leases held by `owner` (graceful shutdown), or by everyone when `owner` is null:
   * what the one active deliverer does when it starts, since any other claim is a dead process's.
   */
  releaseClaims(owner: string | null): Promise<void>;
  outboxStats(now: number): Promise<OutboxStats>;
  /** Slack `ts` of the message about this job in this channel, for edits and thread lines. */
  messageRef(channelId: string, jobId: string): Promise<string | null>;
  /** The same, with the version of the state the message shows (stale edits are skipped by it). */
  jobMessage(channelId: string, jobId: string): Promise<JobMessage | null>;
  /** Given-up alerts by channel and reason, for one channel or all (null). */
  givenUpAlerts(channelId: string | null): Promise<GivenUpAlerts[]>;
  /** Which of these outbox dedupe keys were queued before (any status): what was said already. */
  existingAlertKeys(keys: readonly string[]): Promise<Set<string>>;
}
