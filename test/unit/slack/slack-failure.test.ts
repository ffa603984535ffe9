import { ErrorCode } from '@slack/web-api';
import { classifySlackFailure, type SlackFailure } from '../../../src/slack/slack-failure';

/** The shapes @slack/web-api throws (errors.ts there: platformErrorFromResult and the others). */
const platform = (error: string) => Object.assign(new Error(`An API error occurred: ${error}`), { code: ErrorCode.PlatformError, data: { ok: false, error } });
const rateLimited = (retryAfter: number) => Object.assign(new Error('rate limited'), { code: ErrorCode.RateLimitedError, retryAfter });
const http = (statusCode: number) => Object.assign(new Error(`HTTP ${statusCode}`), { code: ErrorCode.HTTPError, statusCode });
const request = (message: string) => Object.assign(new Error('request failed'), { code: ErrorCode.RequestError, original: new Error(message) });

describe('classifySlackFailure', () => {
  test.each<[string, unknown, SlackFailure]>([
    ['429 with Retry-After', rateLimited(7), { kind: 'rate_limited', retryAfterMs: 7000, error: 'ratelimited' }],
    ['429 with Retry-After 0 waits a second', rateLimited(0), { kind: 'rate_limited', retryAfterMs: 1000, error: 'ratelimited' }],
    ['ratelimited as a platform error', platform('ratelimited'), { kind: 'rate_limited', retryAfterMs: 1000, error: 'ratelimited' }],
    ['not invited', platform('not_in_channel'), { kind: 'channel', error: 'not_in_channel' }],
    ['archived channel', platform('is_archived'), { kind: 'channel', error: 'is_archived' }],
    ['channel gone', platform('channel_not_found'), { kind: 'channel', error: 'channel_not_found' }],
    ['blocks Slack refuses', platform('invalid_blocks'), { kind: 'message', error: 'invalid_blocks' }],
    ['too long', platform('msg_too_long'), { kind: 'message', error: 'msg_too_long' }],
    ['edit window closed', platform('edit_window_closed'), { kind: 'message', error: 'edit_window_closed' }],
    ['deleted message on chat.update', platform('message_not_found'), { kind: 'gone', error: 'message_not_found' }],
    ['revoked token', platform('token_revoked'), { kind: 'auth', error: 'token_revoked' }],
    ['bad token', platform('invalid_auth'), { kind: 'auth', error: 'invalid_auth' }],
    ['a platform error not listed may pass', platform('internal_error'), { kind: 'transient', error: 'internal_error' }],
    ['HTTP 503', http(503), { kind: 'transient', error: 'HTTP 503' }],
    ['connection reset', request('socket hang up'), { kind: 'transient', error: 'socket hang up' }],
    ['an unknown SDK code', Object.assign(new Error('x'), { code: 'slack_webapi_something_new' }), { kind: 'transient', error: 'Slack call failed' }],
    ['not a Slack error (timeout)', new Error('The operation was aborted'), { kind: 'transient', error: 'The operation was aborted' }],
    ['a thrown string', 'boom', { kind: 'transient', error: 'boom' }],
    ['a code that is not the SDK', Object.assign(new Error('ECONNRESET'), { code: 'ECONNRESET' }), { kind: 'transient', error: 'ECONNRESET' }],
  ])('%s', (_name, error, expected) => {
    expect(classifySlackFailure(error)).toEqual(expected);
  });
});
