/**
 * Edits a message the app posted earlier. A person may have deleted it since: Slack then answers
 * message_not_found (docs.slack.dev reference/methods/chat.update, errors), which no retry can
 * fix. The caller learns the message is gone and posts a fresh one instead of retrying forever.
 */
import { ErrorCode, type WebClient } from '@slack/web-api';

type UpdateArgs = Parameters<WebClient['chat']['update']>[0];

/** True when edited; false when the message no longer exists. Any other failure throws. */
export async function editUnlessGone(client: WebClient, args: UpdateArgs): Promise<boolean> {
  try {
    await client.chat.update(args);
    return true;
  } catch (error) {
    const e = error as { code?: string; data?: { error?: string } };
    if (e.code === ErrorCode.PlatformError && e.data?.error === 'message_not_found') return false;
    throw error;
  }
}
