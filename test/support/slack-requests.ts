/**
 * Sends what Slack sends: form-encoded, signed slash commands and button clicks, posted to the
 * app's real `/slack/events` endpoint over loopback.
 */
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';

export interface SignedPost {
  status: number;
  body: string;
  /** Wall-clock ms from sending to the response (the ack). */
  ms: number;
}

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(
  port: number,
  body: string,
  options: { timestamp?: number; secret?: string; signature?: string } = {},
): Promise<SignedPost> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: {
      // Bolt matches this content type exactly: no charset suffix.
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? sign(body, timestamp, options.secret),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started };
}

export function commandBody(text: string, responseUrl: string, extra: Record<string, string> = {}): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: 'T0STANDIN',
    team_domain: 'standin',
    channel_id: 'C0LIST',
    channel_name: 'hume',
    user_id: 'U0USER',
    user_name: 'ada',
    command: '/hume-jobs',
    text,
    api_app_id: 'A0APP',
    response_url: responseUrl,
    trigger_id: '123.456.abc',
    ...extra,
  }).toString();
}

export function buttonBody(actionId: string, value: string, responseUrl: string): string {
  const payload = {
    type: 'block_actions',
    team: { id: 'T0STANDIN', domain: 'standin' },
    user: { id: 'U0USER', username: 'ada', team_id: 'T0STANDIN' },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C0LIST', is_ephemeral: true },
    trigger_id: '789.012.def',
    channel: { id: 'C0LIST', name: 'hume' },
    response_url: responseUrl,
    actions: [{ type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: '1700000001.000200' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
