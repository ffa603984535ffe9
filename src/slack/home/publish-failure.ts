/**
 * What a failed `views.publish` means for the refresh round: wait Slack's Retry-After, drop this
 * one viewer (Slack does not know the user), or stop the round and keep everyone (the failure is
 * the app's or Slack's, and would be the same for every viewer).
 */
import { ErrorCode } from '@slack/web-api';
import { classifySlackFailure } from '../slack-failure';

export type PublishFailure =
  | { kind: 'rate_limited'; retryAfterMs: number; error: string }
  | { kind: 'viewer'; error: string }
  | { kind: 'round'; error: string };

/**
 * About the user, not the app: the user was deleted or deactivated, or is not (or no longer) in
 * the workspace. docs.slack.dev reference/methods/views.publish answers a bad `user_id` with
 * `invalid_arguments` and the message "invalid `user_id`".
 */
const VIEWER_ERRORS = new Set(['user_not_found', 'user_not_visible', 'user_disabled', 'users_not_found']);

/** `invalid_arguments` names the argument it refused in `response_metadata.messages`. */
function blamesUserId(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error) || error.code !== ErrorCode.PlatformError) return false;
  const data = (error as { data?: { response_metadata?: { messages?: unknown } } }).data;
  const messages = data?.response_metadata?.messages;
  return Array.isArray(messages) && messages.some((m) => typeof m === 'string' && m.includes('user_id'));
}

/**
 * Token errors (`not_authed`, `invalid_auth`, `token_revoked`, `account_inactive`) are about the
 * app's token (docs.slack.dev reference/methods/views.publish: "No authentication token
 * provided", "Authentication token is for a deleted user or workspace"): they stop the round and
 * keep every viewer, or one bad token would forget them all.
 */
export function classifyPublishFailure(error: unknown): PublishFailure {
  const failure = classifySlackFailure(error);
  if (failure.kind === 'rate_limited') return failure;
  if (VIEWER_ERRORS.has(failure.error)) return { kind: 'viewer', error: failure.error };
  if (failure.error === 'invalid_arguments' && blamesUserId(error)) return { kind: 'viewer', error: 'invalid_arguments (user_id)' };
  return { kind: 'round', error: failure.error };
}
