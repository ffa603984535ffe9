/**
 * The Slack stand-in opens and answers DMs as Slack documents them: conversations.open with one
 * user (im:write) opens or resumes the same DM; chat.postMessage to a user id posts there and
 * names the DM; its history needs im:history and the DM's id; the Messages tab off, an unknown
 * user, a deactivated one or a bot are refused with Slack's codes.
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { startSlackStandIn, type SlackStandIn, type SlackStandInOptions } from '../../../src/simulator/slack-server';
import { MANIFEST_SCOPES } from '../../../src/simulator/slack-workspace';
import { TestClock } from '../../support/clock';

let slack: SlackStandIn | null = null;
afterEach(async () => {
  await slack?.close();
  slack = null;
});

const PEOPLE = [
  { id: 'U0ADA', name: 'ada', tz: 'Etc/UTC', offsetSeconds: 0 },
  { id: 'U0GONE', name: 'gone', tz: 'Etc/UTC', offsetSeconds: 0, deactivated: true },
  { id: 'U0BOTTY', name: 'botty', tz: 'Etc/UTC', offsetSeconds: 0, isBot: true },
];

async function standIn(options: SlackStandInOptions = {}): Promise<WebClient> {
  const clock = new TestClock();
  slack = await startSlackStandIn({ now: () => clock.now(), users: PEOPLE, ...options });
  return new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
}

async function refusal(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as { data?: { error?: string } } | null;
  return error?.data?.error ?? 'no error';
}

test('conversations.open opens the same DM every time; posts by user id land there; history reads it by its id', async () => {
  const client = await standIn();
  const opened = await client.conversations.open({ users: 'U0ADA' });
  const dm = opened.channel?.id;
  expect(dm).toMatch(/^D/);
  expect((await client.conversations.open({ users: 'U0ADA' })).channel?.id).toBe(dm);
  const posted = await client.chat.postMessage({ channel: 'U0ADA', text: 'by user id' });
  expect(posted.channel).toBe(dm);
  await client.chat.postMessage({ channel: dm!, text: 'by DM id' });
  expect(slack!.messages.map((m) => m.channel)).toEqual([dm, dm]);
  expect((await client.conversations.history({ channel: dm! })).messages).toHaveLength(2);
  expect(await refusal(client.conversations.history({ channel: 'U0ADA' }))).toBe('channel_not_found');
});

test('who cannot be DMed, and without which scopes', async () => {
  const client = await standIn();
  expect(await refusal(client.conversations.open({ users: 'U0NOBODY' }))).toBe('user_not_found');
  expect(await refusal(client.conversations.open({ users: 'U0GONE' }))).toBe('user_disabled');
  expect(await refusal(client.conversations.open({ users: 'U0BOTTY' }))).toBe('cannot_dm_bot');
  expect(await refusal(client.chat.postMessage({ channel: 'U0NOBODY', text: 'x' }))).toBe('channel_not_found');
  slack!.workspace.messagesTab = false;
  const dm = (await client.conversations.open({ users: 'U0ADA' })).channel!.id!;
  expect(await refusal(client.chat.postMessage({ channel: dm, text: 'x' }))).toBe('messages_tab_disabled');
  await slack!.close();

  const older = await standIn({ scopes: MANIFEST_SCOPES.filter((s) => s !== 'im:write' && s !== 'im:history') });
  expect(await refusal(older.conversations.open({ users: 'U0ADA' }))).toBe('missing_scope');
  const posted = await older.chat.postMessage({ channel: 'U0ADA', text: 'chat:write is enough to post' });
  expect(await refusal(older.conversations.history({ channel: posted.channel! }))).toBe('missing_scope');
});
