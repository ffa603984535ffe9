/** A status message the app keeps current in a channel (`/hume-jobs board`), and what it counts. */
import type { StatusKind } from '../jobs/job';

export interface Board {
  channelId: string;
  ts: string;
  createdBy: string | null;
  createdAt: number;
  editedAt: number;
  /** What the message showed at its last edit (without its "updated" time), to skip edits that change nothing. */
  fingerprint: string;
}

export interface StatusCounts {
  counts: Record<StatusKind, number>;
  /** Completed jobs that reported errors ("completed with errors"). */
  completedWithErrors: number;
}
