/**
 * What the alert buttons leave behind: who took a job's alert (*I'm on it*), the causes a channel
 * muted (*Mute this cause 4h*), and the short lock a job message is edited under. The button
 * handlers write these (unfenced, like commands); delivery reads them to render alerts, and the
 * active replica ends mutes that are due (fenced).
 */
import type { AlertActionState, AlertClaim, Mute } from '../../domain/alert-actions';
import type { NewOutboxRow, OutboxRow } from '../../domain/outbox';
import type { MessageRef } from './outbox-store';
import type { ChangeStamp } from '../../domain/setting-change';

/** A mute that was ended: the alerts it held, and the summary queued for them (if any). */
export interface EndedMute {
  mute: Mute;
  held: OutboxRow[];
  summary: NewOutboxRow | null;
}

export interface AlertActionStore {
  /** Records the claim unless the job's alert in that channel has one: the claim that stands, and whether it is this one. */
  claimAlert(claim: AlertClaim): Promise<{ taken: boolean; claim: AlertClaim }>;
  /** What the job's alert in the channel shows besides the job: its claim, and the mute of `cause` if one is on. */
  alertActionState(channelId: string, jobId: string, cause: string | null): Promise<AlertActionState>;
  /**
   * The outbox row whose state the message `ts` shows: for the job's own message, the row its
   * message ref names (its version); for another message of the job (an overdue line in its
   * thread), the row that posted it. Null when that row is gone (retention) or unknown.
   */
  alertRowShownAt(channelId: string, jobId: string, ts: string): Promise<OutboxRow | null>;
  /**
   * Takes the edit lock of the job's messages in the channel for `ttlMs` (free, expired, or
   * already this holder's); false when another holder has it. Delivery and the buttons edit a
   * job's messages only under it, so neither puts back a state the other replaced.
   */
  lockAlertMessage(channelId: string, jobId: string, holder: string, now: number, ttlMs: number): Promise<boolean>;
  unlockAlertMessage(channelId: string, jobId: string, holder: string): Promise<void>;
  /**
   * Records which version a job's message shows now, before its row completes (under the edit
   * lock, so whoever takes the lock next renders from it). Never goes back to a lower version.
   */
  recordMessageShown(ref: MessageRef): Promise<void>;

  /**
   * Starts a mute unless that cause is muted in that channel already: the mute that stands, and
   * whether it is new. A new one records `change` in the same transaction.
   */
  muteCause(mute: Mute, change?: ChangeStamp): Promise<{ created: boolean; mute: Mute }>;
  /** One channel's mutes, or every channel's when `channelId` is null, soonest end first. */
  listMutes(channelId: string | null): Promise<Mute[]>;
  /** Mutes whose end has come. */
  dueMutes(now: number): Promise<Mute[]>;
  /**
   * Ends the channel's mute of `cause` (only when due, if `onlyIfDue`): in ONE transaction,
   * deletes it, marks the alerts it held as done and queues what `summarize` makes of them.
   * Alerts a deliverer already began are not held: they finish as they began. Null when there was
   * no such mute (another replica, or `unmute`, ended it).
   */
  endMute(
    channelId: string,
    cause: string,
    at: number,
    onlyIfDue: boolean,
    summarize: (mute: Mute, held: OutboxRow[]) => NewOutboxRow | null,
    /** A person ending it (`unmute`): recorded with it. A mute running out records nothing. */
    change?: ChangeStamp,
  ): Promise<EndedMute | null>;
}
