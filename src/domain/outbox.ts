/**
 * An alert waiting to be delivered (an outbox row): planned by alerts/, kept by the store,
 * delivered by delivery/. Domain types, so the pure core does not import the store port.
 */
export type OutboxKind = 'job' | 'digest' | 'catchup';

/** An alert to deliver, as the poller writes it. */
export interface NewOutboxRow {
  channelId: string;
  /** The job this alert is about; null for digests and catch-up summaries. */
  jobId: string | null;
  kind: OutboxKind;
  /** Unique: the same key is never queued twice (e.g. `job:<id>:<status>:<channel>`). */
  dedupeKey: string;
  /** Everything the message builder needs, as JSON. */
  payload: unknown;
  createdAt: number;
}

export interface OutboxRow extends NewOutboxRow {
  id: number;
  attempts: number;
  /** Slack `ts` of the message this row already posted, if any (recorded before completion). */
  postedTs: string | null;
  /** Extra step state the delivery recorded (e.g. the thread reply was posted). */
  steps: Record<string, string>;
  lastError: string | null;
}
