/**
 * Socket Mode: with SLACK_APP_TOKEN set the app opens a WebSocket (URL from
 * apps.connections.open on the Slack stand-in) instead of listening for Slack, and still serves
 * /healthz on PORT.
 */
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { startAppHarness, waitFor, type AppHarness } from '../../support/app-harness';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';

let h: AppHarness | null = null;
let slack: SlackStandIn | null = null;
let wss: WebSocketServer | null = null;

afterEach(async () => {
  await h?.close();
  for (const client of wss?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
  await slack?.close();
  h = null;
  slack = null;
  wss = null;
});

test('a slash command over Socket Mode is acknowledged on the socket and answered through response_url', async () => {
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss!.once('listening', () => resolve()));
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/link`;
  const received: Record<string, unknown>[] = [];
  let socket: WebSocket | null = null;
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data: Buffer) => received.push(JSON.parse(data.toString()) as Record<string, unknown>));
    ws.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }));
  });
  slack = await startSlackStandIn();
  const realAnswer = slack;
  slack.socketModeUrl = wsUrl;

  h = await startAppHarness({ slack: realAnswer, env: { SLACK_APP_TOKEN: 'xapp-1-A0APP-test', SLACK_SIGNING_SECRET: '' } });
  const book = h.book;
  const job = book.add({});
  await waitFor(() => socket, 'the app to connect');

  const responseUrl = realAnswer.responseUrl();
  socket!.send(
    JSON.stringify({
      envelope_id: 'env-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: {
        token: 'x',
        team_id: 'T0STANDIN',
        channel_id: 'C0LIST',
        user_id: 'U0USER',
        command: '/hume-jobs',
        text: '',
        response_url: responseUrl,
        trigger_id: '1.2.3',
        api_app_id: 'A0APP',
      },
    }),
  );
  const ack = await waitFor(() => received.find((m) => m.envelope_id === 'env-1'), 'the ack envelope');
  expect(ack).toMatchObject({ envelope_id: 'env-1' });
  const reply = await waitFor(() => realAnswer.responses[0], 'the reply');
  expect(JSON.stringify(reply.body)).toContain(job.job_id);

  const health = await fetch(`http://127.0.0.1:${h.port}/healthz`);
  expect(health.status).toBe(200);
  const tokens = realAnswer.calls.filter((c) => c.method === 'auth.test').map((c) => c.token);
  expect(tokens).toEqual(['xoxb-test-bot-token-0123456789']);
});
