/**
 * What a channel asked for: its subscriptions and overdue limit, the Slack problem that stops
 * posts to it, and its snooze. Replies write these; the poller, delivery and App Home read them.
 */
import type { StatusKind } from '../../jobs/job';
import type { JobMatch } from '../../jobs/job-match';
import type { ChannelProblem, Snooze, Subscription } from '../../domain/channel';
import type { NewOutboxRow, OutboxRow } from '../../domain/outbox';
import type { ChangeStamp } from '../../domain/setting-change';

/** A snooze that was ended: the alerts it held, and the summary queued for them (if any). */
export interface EndedSnooze {
  snooze: Snooze;
  held: OutboxRow[];
  summary: NewOutboxRow | null;
}

/**
 * Each write that changes what a channel hears takes an optional `change` (when, by whom): given,
 * the change is recorded in the change log (setting-change-log.ts) in the same transaction, when
 * it changed something. Left out for the app's own work (a snooze that ran out).
 */
export interface ChannelSettings {
  /**
   * One channel's subscriptions, or every channel's when `channelId` is null: by channel, then in
   * the order they were made (the numbers `subscriptions` shows).
   */
  listSubscriptions(channelId: string | null): Promise<Subscription[]>;
  /**
   * The channel's subscription with this match (every job when left out) gets the kinds (union
   * with the ones it has) and the mention when given; there is a new one when it had none.
   * `change` is recorded in the same transaction when something changed.
   */
  subscribe(channelId: string, kinds: StatusKind[], mention: string | null, by: string | null, at: number, match?: JobMatch, change?: ChangeStamp): Promise<Subscription>;
  /**
   * Removes kinds (all when empty) from the subscription with id `which`, or from every one of the
   * channel's with 'all'; a subscription left without kinds goes. Returns the channel's
   * subscriptions left (none: the channel gets no alerts, and its overdue limit goes too).
   */
  unsubscribe(channelId: string, kinds: StatusKind[], which?: number | 'all', change?: ChangeStamp): Promise<Subscription[]>;
  setChannelProblem(channelId: string, problem: { error: string; at: number } | null): Promise<void>;
  channelProblems(): Promise<ChannelProblem[]>;
  /** Sets the channel's overdue limit (null: learnt, 0: off). Returns its subscriptions: none when it has none (nothing set). */
  setOverdue(channelId: string, overdueMs: number | null, change?: ChangeStamp): Promise<Subscription[]>;

  /** Starts a snooze, or moves the end of the one running (its start stays, so its summary covers it all). */
  snooze(snooze: Snooze, change?: ChangeStamp): Promise<Snooze>;
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
    change?: ChangeStamp,
  ): Promise<EndedSnooze | null>;
}
