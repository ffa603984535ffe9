/**
 * An alert waiting to be delivered (an outbox row): planned by alerts/, kept by the store,
 * delivered by delivery/. Domain types, so the pure core does not import the store port.
 */
import type { AlertPayload } from './alert-payload';

/** What an alert is, for logs and `hume_jobs_alerts_delivered_total{kind}`. */
export type OutboxKind = 'job' | 'digest' | 'catchup' | 'overdue' | 'snooze-summary' | 'mute-summary' | 'dm';

export const OUTBOX_KINDS: readonly OutboxKind[] = ['job', 'digest', 'catchup', 'overdue', 'snooze-summary', 'mute-summary', 'dm'];

/**
 * The one place an alert's kind comes from: its payload. A snooze summary may hold overdue jobs
 * too, so the snooze is looked at first; a digest of jobs that went overdue at once is overdue.
 */
export function outboxKind(payload: AlertPayload): OutboxKind {
  switch (payload.type) {
    case 'job':
      return 'job';
    case 'overdue':
      return 'overdue';
    case 'dm':
      return 'dm';
    case 'digest':
      if (payload.snooze) return 'snooze-summary';
      if (payload.mute) return 'mute-summary';
      if (payload.overdueRule) return 'overdue';
      return payload.catchUp ? 'catchup' : 'digest';
  }
}

/** An alert to deliver, as the poller writes it. */
export interface NewOutboxRow {
  /** The channel to post in; for a direct message (payload `dm`), the Slack user it is for. */
  channelId: string;
  /** The job this alert is about; null for digests and catch-up summaries. */
  jobId: string | null;
  /** Unique: the same key is never queued twice (e.g. `job:<id>:<status>:<channel>`). */
  dedupeKey: string;
  /** Everything the message builder needs, as JSON (checked when read back). */
  payload: AlertPayload;
  createdAt: number;
}

export interface OutboxRow extends NewOutboxRow {
  id: number;
  /** Derived from the payload (`outboxKind`), not stored. */
  kind: OutboxKind;
  attempts: number;
  /** Slack `ts` of the message this row already posted, if any (recorded before completion). */
  postedTs: string | null;
  /** Extra step state the delivery recorded (e.g. the thread reply was posted). */
  steps: Record<string, string>;
  lastError: string | null;
}

/** Direct messages' dedupe keys start with this: the store tells them from channel alerts by it. */
export const DIRECT_KEY_PREFIX = 'dm:';

/** Whether a row is a direct message to a person rather than an alert in a channel. */
export function isDirect(row: Pick<NewOutboxRow, 'payload'>): boolean {
  return row.payload.type === 'dm';
}
