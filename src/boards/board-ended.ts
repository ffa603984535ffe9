/** Turning a board message into its last words (stopped, moved, gone): best effort, logged. */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logging/logger';
import { buildBoardEnded } from '../messages/board';

export async function markBoardEnded(
  client: WebClient,
  channelId: string,
  ts: string,
  reason: Parameters<typeof buildBoardEnded>[0],
  now: number,
  logger: Logger,
): Promise<void> {
  try {
    await client.chat.update({ channel: channelId, ts, ...buildBoardEnded(reason, now) });
  } catch (error) {
    // The board is no longer kept either way; a message left as it was is only out of date.
    logger.warn({ err: error, channel: channelId }, 'could not mark the board as no longer kept');
  }
}
