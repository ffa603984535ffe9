/**
 * Channels' scheduled digests (`/hume-jobs digest daily 9:00`): the digest reply sets and ends
 * them; the digest scheduler (the leader's) reads them and queues each period's digest.
 */
import type { DigestSchedule } from '../../domain/digest-schedule';
import type { NewOutboxRow } from '../../domain/outbox';
import type { ChangeStamp } from '../../domain/setting-change';

export interface DigestStore {
  /** Sets the channel's schedule, replacing any it had (one per channel); returns the one replaced. `change` is recorded with it. */
  putDigestSchedule(schedule: DigestSchedule, change?: ChangeStamp): Promise<DigestSchedule | null>;
  /** Ends the channel's schedule; returns it, or null when there was none. `change` is recorded with it. */
  removeDigestSchedule(channelId: string, change?: ChangeStamp): Promise<DigestSchedule | null>;
  /** One channel's schedule, or every channel's when `channelId` is null. */
  listDigestSchedules(channelId: string | null): Promise<DigestSchedule[]>;
  /**
   * In ONE transaction (fenced, from the leader's work): moves the schedule's period forward to
   * `dueAt` and its window to `coveredUntil`, and queues `digest` (its dedupe key names the
   * channel, the schedule's version and the period). False, with nothing written, when the
   * schedule is no longer the version `createdAt` names (replaced or ended meanwhile) or is
   * already at or past `dueAt` (another replica, or an earlier run, queued this period).
   */
  queueScheduledDigest(schedule: Pick<DigestSchedule, 'channelId' | 'createdAt'>, dueAt: number, coveredUntil: number, digest: NewOutboxRow): Promise<boolean>;
}
