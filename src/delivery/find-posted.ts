/**
 * After a crash between a Slack post and recording it, finds the message the row already posted,
 * by the row id every alert carries in its message metadata. Reading history needs the
 * `channels:history` / `groups:history` scopes; without them this finds nothing and the alert is
 * posted again (at least once rather than lost).
 */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logging/logger';
import type { OutboxRow } from '../store/store';

export const ALERT_EVENT_TYPE = 'hume_jobs_alert';

interface MessageWithMetadata {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

export async function findPostedMessage(
  client: WebClient,
  row: OutboxRow,
  step: string,
  intentAt: number,
  threadTs: string | null,
  logger: Logger,
): Promise<string | null> {
  const oldest = String(Math.floor(intentAt / 1000) - 5);
  try {
    // Thread lines don't appear in channel history: they are read from their thread.
    const result = threadTs
        ? await client.conversations.replies({ channel: row.channelId, ts: threadTs, oldest, limit: 200, include_all_metadata: true })
        : await client.conversations.history({ channel: row.channelId, oldest, limit: 200, include_all_metadata: true });
    const messages = (result.messages ?? []) as MessageWithMetadata[];
    const mine = messages.find(
      (m) => m.metadata?.event_type === ALERT_EVENT_TYPE && m.metadata.event_payload?.outbox_id === row.id && m.metadata.event_payload?.step === step,
    );
    return mine?.ts ?? null;
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error), outbox: row.id }, 'could not read channel history to resume a delivery');
    return null;
  }
}
