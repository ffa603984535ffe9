/**
 * Slack's `app_home_opened` event as the Events API sends it (JSON, signed), posted to one app
 * replica's HTTP port: whichever replica Slack's load balancer picked.
 */
import { randomUUID } from 'node:crypto';
import { sign } from './slack-requests';

export async function openAppHome(port: number, user: string): Promise<number> {
  const body = JSON.stringify({
    token: 'x',
    team_id: 'T0STANDIN',
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: `Ev${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    event_time: Math.floor(Date.now() / 1000),
    event: { type: 'app_home_opened', user, channel: 'D0HOME', tab: 'home', event_ts: '1.2' },
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp) },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}
