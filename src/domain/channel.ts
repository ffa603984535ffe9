/**
 * What a channel asked for and how it is doing: its subscriptions, its snooze, the Slack error that
 * stops posts to it, and the alerts given up there. Domain types: the store keeps them, messages
 * and alerts read them, neither owns them.
 */
import type { JobMatch } from '../jobs/job-match';
import type { StatusKind } from '../jobs/job';

/**
 * One of a channel's subscriptions: the statuses it alerts on, for the jobs its match selects
 * (`subscribe failed endpoint audio`). A channel holds at most one per match: subscribing again
 * with the same filters extends that one.
 */
export interface Subscription {
  /** The store's id, stable while the subscription lasts (its number in a list is its place, not this). */
  id: number;
  channelId: string;
  kinds: StatusKind[];
  /** Which jobs, beyond their status; ANY_JOB for every job. */
  match: JobMatch;
  /** `<!subteam^S…>`, `@handle`, `<!here>`…, mentioned on failure alerts; null for none. */
  mention: string | null;
  createdBy: string | null;
  createdAt: number;
  /**
   * The channel's rule, the same on each of its subscriptions: when a queued or running job
   * counts as overdue there (ms since it was created): null follows what is usual for the
   * account (learnt), 0 turns overdue alerts off in the channel.
   */
  overdueMs: number | null;
  /** 'file': declared in SUBSCRIPTIONS_FILE, changed only there; absent: set in chat. */
  managedBy?: 'file';
}

/**
 * A channel's alerts held until `endsAt`. Delivery skips the channel's rows while the snooze
 * exists; ending it folds the rows still held into one summary, in one transaction.
 */
export interface Snooze {
  channelId: string;
  startedAt: number;
  endsAt: number;
  createdBy: string | null;
}

/** A channel the app could not post to, and why (`not_in_channel`, `is_archived`…). */
export interface ChannelProblem {
  channelId: string;
  error: string;
  at: number;
}

/** Alerts of one channel given up for one reason (a Slack error that no retry can fix). */
export interface GivenUpAlerts {
  channelId: string;
  reason: string;
  count: number;
  lastAt: number;
}
