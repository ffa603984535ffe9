/**
 * What each person asked to be told by DM: their watches (`watch <id>`), their rule
 * (`notify me …`) and their link to a Hume user (`link usr_…`). The personal replies write these;
 * the poller reads them to plan DMs, and ends a watch in the cycle that plans its DM.
 */
import type { FinishedWatch, HumeLink, LinkedRule, NotifyRule, Watch } from '../../domain/personal';

export interface PersonalAlerts {
  /** Starts a watch; false when this person already watches that job. */
  addWatch(watch: Watch): Promise<boolean>;
  /** Ends a watch; false when there was none. */
  removeWatch(userId: string, jobId: string): Promise<boolean>;
  /** One person's watches (oldest first), or everyone's when `userId` is null. */
  listWatches(userId: string | null): Promise<Watch[]>;
  /** The watches on these jobs (the poller, for the jobs that changed in a cycle). */
  watchesOf(jobIds: readonly string[]): Promise<Watch[]>;
  /**
   * Watches whose job the store already has as finished: a watch started while the cycle that
   * saw the job end was being committed. The next cycle tells them and ends them.
   */
  finishedWatches(): Promise<FinishedWatch[]>;

  /** Sets the person's rule (replacing theirs); returns the one it replaced, if any. */
  setNotifyRule(rule: NotifyRule): Promise<NotifyRule | null>;
  /** Removes the person's rule; returns it, or null when there was none. */
  removeNotifyRule(userId: string): Promise<NotifyRule | null>;
  /** Every rule with its person's link, for planning (`mine` reads the link). */
  notifyRules(userId: string | null): Promise<LinkedRule[]>;

  /** Links (or, with null, unlinks) the person to a Hume user; returns the link it replaced. */
  setHumeLink(userId: string, humeUserId: string | null, at: number): Promise<HumeLink | null>;
  getHumeLink(userId: string): Promise<HumeLink | null>;
}
