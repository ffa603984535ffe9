/**
 * Sorts a failed Slack call into what delivery should do next: wait Slack's Retry-After, retry
 * with backoff, stop one channel (the app cannot post there), or give up on one message.
 */
import { ErrorCode, type WebAPICallError } from '@slack/web-api';

export type SlackFailure =
  | { kind: 'rate_limited'; retryAfterMs: number; error: string }
  | { kind: 'channel'; error: string }
  | { kind: 'message'; error: string }
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
]);

/** This one message can never be posted as built: retrying would fail forever. */
const MESSAGE_ERRORS = new Set(['invalid_blocks', 'invalid_blocks_format', 'msg_too_long', 'msg_blocks_too_long', 'invalid_arguments', 'too_many_attachments', 'no_text']);

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
      if (CHANNEL_ERRORS.has(code)) return { kind: 'channel', error: code };
      if (MESSAGE_ERRORS.has(code)) return { kind: 'message', error: code };
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
