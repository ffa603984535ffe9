/**
 * The store port: everything the app must remember across restarts. Adapters: SQLite (embedded
 * default) and PostgreSQL (several replicas). One contract test suite runs against both.
 *
 * Crash safety rests on two rules: the poller writes job states, new outbox rows and its progress
 * in ONE transaction (`commitCycle`), and delivery records each Slack write it made before the
 * next one (`recordPosted`), so a restart resumes instead of repeating.
 */
import type { Job, StatusKind } from '../jobs/job';
import type { Board, StatusCounts } from '../domain/board';
import type { ChannelProblem, GivenUpAlerts, Snooze, Subscription } from '../domain/channel';
import type { NewOutboxRow, OutboxRow } from '../domain/outbox';

// Domain types the port speaks in, re-exported for the store's own users (adapters, poller, delivery).
export type { Board, StatusCounts } from '../domain/board';
export type { ChannelProblem, GivenUpAlerts, Snooze, Subscription } from '../domain/channel';
export type { NewOutboxRow, OutboxKind, OutboxRow } from '../domain/outbox';

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

/** A snooze that was ended: the alerts it held, and the summary queued for them (if any). */
export interface EndedSnooze {
  snooze: Snooze;
  held: OutboxRow[];
  summary: NewOutboxRow | null;
}

/** Someone who opened the App Home tab: the active replica keeps their tab current. */
export interface HomeViewer {
  userId: string;
  /** Unix ms of their latest app_home_opened. */
  openedAt: number;
  /** Unix ms of the last publish (or the open that is publishing), null before the first. */
  publishedAt: number | null;
  /** What that publish showed (without its times), to skip publishes that change nothing. */
  fingerprint: string | null;
}

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

/** What one poll cycle changes, committed atomically. */
export interface CycleWrite {
  /** Jobs to insert or update. */
  upsertJobs: TrackedJob[];
  /** Alerts caused by those changes. Rows whose dedupeKey exists already are skipped. */
  alerts: NewOutboxRow[];
  /** Poller progress (high-water marks…), key → value. */
  progress: Record<string, string>;
}

export interface Store {
  /** Creates or upgrades the schema. Safe to run at every start, and by several replicas at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Cheap round trip, for `/healthz`. */
  ping(): Promise<void>;

  // Poller
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

  // Subscriptions
  /** One channel's subscription, or every channel's when `channelId` is null. */
  listSubscriptions(channelId: string | null): Promise<Subscription[]>;
  /** Adds kinds (union with existing ones); the mention replaces the old one when given. */
  subscribe(channelId: string, kinds: StatusKind[], mention: string | null, by: string | null, at: number): Promise<Subscription>;
  /** Removes kinds, or the whole subscription when `kinds` is empty. Returns what is left, or null. */
  unsubscribe(channelId: string, kinds: StatusKind[]): Promise<Subscription | null>;
  setChannelProblem(channelId: string, problem: { error: string; at: number } | null): Promise<void>;
  channelProblems(): Promise<ChannelProblem[]>;
  /** Sets the channel's overdue limit (null: learnt, 0: off). Null when the channel has no subscription. */
  setOverdue(channelId: string, overdueMs: number | null): Promise<Subscription | null>;

  // Snoozes
  /** Starts a snooze, or moves the end of the one running (its start stays, so its summary covers it all). */
  snooze(snooze: Snooze): Promise<Snooze>;
  /** One channel's snooze, or every channel's when `channelId` is null. */
  listSnoozes(channelId: string | null): Promise<Snooze[]>;
  /** Snoozes whose end has come. */
  dueSnoozes(now: number): Promise<Snooze[]>;
  /**
   * Ends the channel's snooze (only when due, if `onlyIfDue`): in ONE transaction, deletes it,
   * marks the alerts it held as done, and queues what `summarize` makes of them. Alerts a
   * deliverer already started on are not held: they finish as they began. Null when there was
   * no such snooze (another replica ended it, or it was extended).
   */
  endSnooze(
    channelId: string,
    at: number,
    onlyIfDue: boolean,
    summarize: (snooze: Snooze, held: OutboxRow[]) => NewOutboxRow | null,
  ): Promise<EndedSnooze | null>;

  // Boards
  /** Records the channel's board; returns the one it replaces, if any. */
  putBoard(board: Board): Promise<Board | null>;
  listBoards(): Promise<Board[]>;
  /** Forgets the channel's board; returns it, or null when there was none. */
  removeBoard(channelId: string): Promise<Board | null>;
  /** Records an edit of the board message `ts`; false when that board is gone or was replaced. */
  boardEdited(channelId: string, ts: string, fingerprint: string, at: number): Promise<boolean>;

  // App Home viewers
  /**
   * Records that `userId` opened the Home tab at `at` (a new viewer, or one seen again) and is
   * being published to now: `publishedAt` moves too, so a refresh does not follow at once.
   */
  homeOpened(userId: string, at: number): Promise<void>;
  getHomeViewer(userId: string): Promise<HomeViewer | null>;
  /**
   * Up to `limit` viewers seen since `openedSince` whose tab does not show `fingerprint`, least
   * recently published first (never published first of all).
   */
  staleHomeViewers(fingerprint: string, openedSince: number, limit: number): Promise<HomeViewer[]>;
  /** Records a publish that reached Slack; false when the viewer is gone (dropped meanwhile). */
  homePublished(userId: string, fingerprint: string, at: number): Promise<boolean>;
  /** Forgets a viewer (Slack says the user is gone); false when there was none. */
  removeHomeViewer(userId: string): Promise<boolean>;
  /** Forgets viewers who have not opened the tab since `openedBefore`; returns how many. */
  pruneHomeViewers(openedBefore: number): Promise<number>;

  // Outbox
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

  // Retention
  /**
   * Deletes what is no longer needed, in short transactions: delivered outbox rows finished
   * before `deliveredBefore` and given-up ones before `failedBefore` (rows about a job still
   * queued or running are kept: their dedupe keys stop repeats), and finished jobs created before
   * `finishedJobsBefore` with their message refs (active jobs are kept however old).
   */
  prune(policy: RetentionCutoffs): Promise<PruneReport>;

  // Leases (one active poller and deliverer among replicas)
  /**
   * Takes or renews the lease `name` for `holder` until `now + ttlMs`, when it is free, expired
   * or already held by `holder`. Returns who holds it afterwards and until when.
   */
  acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<Lease | null>;
  /** Gives the lease up (graceful shutdown), so another replica takes over at once. */
  releaseLease(name: string, holder: string): Promise<void>;
}

export interface RetentionCutoffs {
  deliveredBefore: number;
  failedBefore: number;
  finishedJobsBefore: number;
}

export interface PruneReport {
  outboxRows: number;
  jobs: number;
}

export interface Lease {
  holder: string;
  expiresAt: number;
}
