/**
 * After a crash between a Slack post and recording it, finds the message the row already posted,
 * by the row id every alert carries in its message metadata.
 *
 * Reading needs membership: a bot token gets `not_in_channel` from conversations.history in a
 * public channel it never joined, even though chat:write.public lets it post there
 * (docs.slack.dev reference/methods/conversations.history, errors). So on not_in_channel the app
 * joins the channel (conversations.join, scope channels:join) and reads again. Private channels
 * it posts in are ones it was invited to, so it can read them (groups:history).
 */
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Logger } from '../logging/logger';
import type { OutboxRow } from '../store/store';

export const ALERT_EVENT_TYPE = 'hume_jobs_alert';

/** History since the intent is short; a page cap keeps a flooded channel from stalling delivery. */
const PAGE_SIZE = 200;
const MAX_PAGES = 10;

interface MessageWithMetadata {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

interface HistoryPage {
  messages?: unknown[];
  has_more?: boolean;
  response_metadata?: { next_cursor?: string };
}

/** `{ok:false}` answers that mean "not now" rather than "not here": the row is retried later. */
const TRANSIENT_CODES = new Set(['ratelimited', 'rate_limited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

/** Slack's `{ok:false}` code when it says the app may not read here; null for anything to retry. */
function platformCode(error: unknown): string | null {
  const e = error as { code?: string; data?: { error?: string } };
  if (e.code !== ErrorCode.PlatformError) return null;
  const code = e.data?.error ?? 'unknown';
  return TRANSIENT_CODES.has(code) ? null : code;
}

/** Reads the channel (or the thread) from `oldest` on, page by page, for the row's own message. */
async function search(client: WebClient, row: OutboxRow, step: string, oldest: string, threadTs: string | null): Promise<string | null> {
  let cursor: string | undefined;
  for (let pageNo = 0; pageNo < MAX_PAGES; pageNo++) {
    const args = { channel: row.channelId, oldest, limit: PAGE_SIZE, include_all_metadata: true, ...(cursor ? { cursor } : {}) };
    // Thread lines don't appear in channel history: they are read from their thread.
    const result: HistoryPage = threadTs ? await client.conversations.replies({ ...args, ts: threadTs }) : await client.conversations.history(args);
    const mine = ((result.messages ?? []) as MessageWithMetadata[]).find(
      (m) => m.metadata?.event_type === ALERT_EVENT_TYPE && m.metadata.event_payload?.outbox_id === row.id && m.metadata.event_payload?.step === step,
    );
    if (mine?.ts) return mine.ts;
    cursor = result.response_metadata?.next_cursor;
    if (!result.has_more || !cursor) return null;
  }
  return null;
}

/**
 * The ts of the message this row already posted for `step`, or null when there is none (post it).
 * Slack being slow, down or rate limiting throws: the row is retried later, never posted blind.
 */
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
    return await search(client, row, step, oldest, threadTs);
  } catch (error) {
    const code = platformCode(error);
    if (code === null) throw error;
    if (code === 'not_in_channel') {
      try {
        await client.conversations.join({ channel: row.channelId });
        logger.info({ channel: row.channelId, outbox: row.id }, 'joined the channel to check for an alert posted before a crash');
        return await search(client, row, step, oldest, threadTs);
      } catch (joinError) {
        const joinCode = platformCode(joinError);
        if (joinCode === null) throw joinError;
        return cannotCheck(row, joinCode, logger);
      }
    }
    return cannotCheck(row, code, logger);
  }
}

/**
 * Slack says the app may not read here (an install without channels:join or the history
 * scopes, a channel it cannot join). Nothing can tell whether the post landed, so it is posted
 * again: a possible duplicate is the lesser harm than a failure alert nobody sees. Reinstalling
 * with the current manifest closes this gap.
 */
function cannotCheck(row: OutboxRow, code: string, logger: Logger): null {
  logger.warn({ channel: row.channelId, outbox: row.id, error: code }, 'cannot read the channel to check for an alert posted before a crash; posting it again');
  return null;
}
