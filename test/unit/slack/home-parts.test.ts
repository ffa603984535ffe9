/** App Home's pure parts: what counts as a change of content, and what a failed publish means. */
import { LogLevel, WebClient, type Logger } from '@slack/web-api';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HomeInput } from '../../../src/messages/app-home';
import { homeFingerprint } from '../../../src/slack/home/home-view';
import { classifyPublishFailure } from '../../../src/slack/home/publish-failure';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

function input(now: number, completed = 3): HomeInput {
  return {
    summary: {
      since: now - 86_400_000,
      until: now,
      total: completed,
      counts: { queued: 0, running: 0, completed, failed: 0 },
      completedWithErrors: 0,
      medianQueueWaitMs: null,
      medianRunTimeMs: 1000,
      failures: [],
    },
    active: [],
    subscriptions: [],
    problems: [],
    snoozes: [],
    now,
    polling: true,
  };
}

test('the fingerprint ignores the clock and follows the content', () => {
  expect(homeFingerprint(input(T0))).toBe(homeFingerprint(input(T0 + 60_000)));
  expect(homeFingerprint(input(T0))).not.toBe(homeFingerprint(input(T0, 4)));
});

const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, setLevel: () => {}, getLevel: () => LogLevel.ERROR, setName: () => {} };

/** The error the Web API client throws for Slack's answer `body`. */
async function failureFor(body: unknown, status = 200, headers: Record<string, string> = {}): Promise<unknown> {
  const server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new WebClient('xoxb-test', { slackApiUrl: `http://127.0.0.1:${port}/api/`, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, logger: quiet });
  try {
    await client.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } });
    return null;
  } catch (error) {
    return error;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

test('a publish failure drops the viewer only when Slack blames the user', async () => {
  expect(classifyPublishFailure(await failureFor({ ok: false, error: 'user_not_found' }))).toEqual({ kind: 'viewer', error: 'user_not_found' });
  const badId = await failureFor({ ok: false, error: 'invalid_arguments', response_metadata: { messages: ['invalid `user_id`'] } });
  expect(classifyPublishFailure(badId).kind).toBe('viewer');
  const badView = await failureFor({ ok: false, error: 'invalid_arguments', response_metadata: { messages: ['[ERROR] failed to match all allowed schemas [json-pointer:/view]'] } });
  expect(classifyPublishFailure(badView)).toEqual({ kind: 'round', error: 'invalid_arguments' });
  for (const error of ['not_authed', 'invalid_auth', 'token_revoked', 'account_inactive', 'not_enabled', 'view_too_large']) {
    expect(classifyPublishFailure(await failureFor({ ok: false, error }))).toEqual({ kind: 'round', error });
  }
  expect(classifyPublishFailure(await failureFor({ ok: false, error: 'ratelimited' }, 429, { 'retry-after': '7' }))).toMatchObject({ kind: 'rate_limited', retryAfterMs: 7000 });
});
