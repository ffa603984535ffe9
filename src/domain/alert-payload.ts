/** What an outbox row carries: everything delivery needs to build the message, as JSON. */
import type { Job, StatusKind } from '../jobs/job';

/** One job's status change. `from` is null for a job first seen already past its start. */
export interface JobChange {
  job: Job;
  from: StatusKind | null;
  to: StatusKind;
  /**
   * When the job's previous state was first seen (Unix ms), if it had one: a job that comes back
   * to a status it had before (completed → running → completed) makes a new change, not a repeat.
   */
  fromSeenAt?: number;
}

export interface JobAlertPayload {
  type: 'job';
  change: JobChange;
  /** Who to mention on a failure (the channel's `mention`), or null. */
  mention: string | null;
}

export interface DigestPayload {
  type: 'digest';
  changes: JobChange[];
  /** True when the changes piled up while the app was down (a catch-up summary). */
  catchUp: boolean;
  mention: string | null;
  /** Set when this digest sums up what a channel's snooze held. */
  snooze?: SnoozeSpan;
  /** Set when this digest sums up what a mute of one cause held (*Mute this cause 4h*). */
  mute?: MuteSpan;
  /** Overdue alerts a snooze held, or that went overdue at once (they are not status changes). */
  overdue?: { job: Job; ageMs: number }[];
  /** Set on a digest of jobs that went overdue at once: why they count as overdue. */
  overdueRule?: { typicalMs: number | null; limitMs: number | null };
}

/** The quiet time a snooze summary covers. */
export interface SnoozeSpan {
  startedAt: number;
  endedAt: number;
  /** Who ended it early with `snooze off`; null when it ran its course. */
  endedBy: string | null;
}

/** The quiet time of one muted cause that a mute summary covers. */
export interface MuteSpan extends SnoozeSpan {
  /** The cause held (alerts/alert-cause.ts). */
  cause: string;
  /** One message of the cause (escape before showing), or "overdue". */
  example: string;
  /** Who pressed *Mute this cause 4h*. */
  mutedBy: string | null;
}

/** A job queued or running far longer than usual: said once, in its thread when it has one. */
export interface OverduePayload {
  type: 'overdue';
  job: Job;
  ageMs: number;
  /** What is usual for the account (median), when known. */
  typicalMs: number | null;
  /** The channel's own limit (`overdue 45m`), when it set one. */
  limitMs?: number | null;
  mention: string | null;
  /**
   * The channel heard of this job in a digest of many overdue jobs: only a line in the job's
   * thread when it has a message there, nothing otherwise (and no mention: the digest had it).
   */
  threadOnly?: boolean;
}

/**
 * A direct message to one person (domain/personal.ts): a job they watched ended, or changes that
 * matched their `notify me` rule. The outbox row is addressed to the Slack user (its channel id
 * is the user id, its dedupe key starts `dm:`); delivery opens the DM and posts there.
 */
export interface DirectPayload {
  type: 'dm';
  /** The Slack user the DM is for. */
  userId: string;
  /** Why they hear of it: a watch of theirs ended, or their rule matched. */
  reason: 'watch' | 'rule';
  /** One change; several when many matched in one cycle or a backlog of DMs was folded. */
  changes: JobChange[];
  /** A DM mentions nobody: the person it is for is the one told. */
  mention: null;
}

export type AlertPayload = JobAlertPayload | DigestPayload | OverduePayload | DirectPayload;
