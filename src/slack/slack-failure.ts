/**
 * Sorts a failed Slack call into what delivery should do next: wait Slack's Retry-After, retry
 * with backoff, stop one channel (the app cannot post there), give up on one message, post a
 * message again (someone deleted it), or wait for a working token (every call would fail).
 * The codes are the errors tables of docs.slack.dev/reference/methods/chat.postMessage and
 * docs.slack.dev/reference/methods/chat.update: those listed here never succeed on a retry.
 */
import { ErrorCode, type WebAPICallError } from '@slack/web-api';

export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterMs: number; error: string }
  | { kind: 'channel'; error: string }
  | { kind: 'message'; error: string }
  | { kind: 'gone'; error: string }
  | { kind: 'auth'; error: string }
  | { kind: 'transient'; error: string };

/** The channel is unusable until someone acts (invite the app, unarchive, pick another). */
const CHANNEL_ERRORS = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'restricted_action_read_only_channel',
  'restricted_action_thread_only_channel',
  'restricted_action_non_threadable_channel',
  'ekm_access_denied',
  'team_access_not_granted',
  'cannot_reply_to_message',
  'posting_to_channel_denied',
]);

/**
 * A DM's person cannot be reached: the app's Messages tab is off (chat.postMessage:
 * messages_tab_disabled), or conversations.open refuses the user (docs.slack.dev
 * reference/methods/conversations.open, errors). Unusable like a channel until someone acts;
 * delivery gives up that one DM rather than holding the person's others.
 */
const RECIPIENT_ERRORS = new Set(['messages_tab_disabled', 'cannot_dm_bot', 'user_not_found', 'user_disabled', 'user_not_visible', 'invalid_user_combination']);

/** This one message can never be posted (or edited) as built: retrying would fail forever. */
const MESSAGE_ERRORS = new Set([
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'msg_blocks_too_long',
  'invalid_arguments',
  'too_many_attachments',
  'no_text',
  'markdown_text_conflict',
  'metadata_too_large',
  'invalid_metadata_format',
  'invalid_metadata_schema',
  'restricted_action_thread_locked',
  // chat.update: the message exists but can no longer be changed by this app.
  'cant_update_message',
  'edit_window_closed',
]);

/** The token itself is refused: every call fails alike until someone installs a working one. */
const AUTH_ERRORS = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);

function isSlackError(error: unknown): error is WebAPICallError {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' && error.code.startsWith('slack_webapi_');
}

export function classifySlackFailure(error: unknown): SlackFailure {
  if (!isSlackError(error)) return { kind: 'transient', error: error instanceof Error ? error.message : String(error) };
  switch (error.code) {
    case ErrorCode.RateLimitedError:
      return { kind: 'rate_limited', retryAfterMs: Math.max(1, error.retryAfter) * 1000, error: 'ratelimited' };
    case ErrorCode.PlatformError: {
      const code = error.data.error;
      if (CHANNEL_ERRORS.has(code) || RECIPIENT_ERRORS.has(code)) return { kind: 'channel', error: code };
      if (MESSAGE_ERRORS.has(code)) return { kind: 'message', error: code };
      // chat.update: the message was deleted (by someone in the channel).
      if (code === 'message_not_found') return { kind: 'gone', error: code };
      if (AUTH_ERRORS.has(code)) return { kind: 'auth', error: code };
      if (code === 'ratelimited' || code === 'rate_limited') return { kind: 'rate_limited', retryAfterMs: 1000, error: code };
      return { kind: 'transient', error: code };
    }
    case ErrorCode.HTTPError:
      return { kind: 'transient', error: `HTTP ${error.statusCode}` };
    case ErrorCode.RequestError:
      return { kind: 'transient', error: error.original?.message ?? 'request failed' };
    default:
      return { kind: 'transient', error: 'Slack call failed' };
  }
}
