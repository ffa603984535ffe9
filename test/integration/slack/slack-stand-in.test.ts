/**
 * The Slack stand-in keeps the rules of Slack the app depends on: who can read which channel,
 * deleted messages, response_url and trigger_id limits, history pages, unknown methods, and
 * command text escaped (or not) as the command's `should_escape` makes Slack send it.
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { escapeCommandText } from '../../../src/simulator/slack-requests';
import { startSlackStandIn, type SlackStandIn, type SlackStandInOptions } from '../../../src/simulator/slack-server';
import { TestClock } from '../../support/clock';

let slack: SlackStandIn | null = null;
afterEach(async () => {
  await slack?.close();
  slack = null;
});

async function standIn(options: SlackStandInOptions = {}): Promise<{ slack: SlackStandIn; client: WebClient; clock: TestClock }> {
  const clock = new TestClock();
  slack = await startSlackStandIn({ now: () => clock.now(), ...options });
  const client = new WebClient('xoxb-test', { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  return { slack, client, clock };
}

/** The Slack error code a call was refused with. */
async function refusal(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as { data?: { error?: string } } | null;
  return error?.data?.error ?? 'no error';
}

describe('channels and who may read them', () => {
  test('a public channel the bot never joined: it may post (chat:write.public) but not read, until it joins', async () => {
    const { client } = await standIn();
    await client.chat.postMessage({ channel: 'CPUBLIC', text: 'hello' });
    expect(await refusal(client.conversations.history({ channel: 'CPUBLIC' }))).toBe('not_in_channel');
    const joined = await client.conversations.join({ channel: 'CPUBLIC' });
    expect(joined.channel?.is_member).toBe(true);
    const history = await client.conversations.history({ channel: 'CPUBLIC' });
    expect(history.messages?.map((m) => m.text)).toEqual(['hello']);
    expect((await client.conversations.join({ channel: 'CPUBLIC' })).warning).toBe('already_in_channel');
  });

  test('conversations.join needs channels:join, and cannot join a private channel', async () => {
    const { client } = await standIn({ scopes: ['chat:write', 'chat:write.public', 'channels:history'], channels: { CPRIV: { isPrivate: true, botMember: true } } });
    expect(await refusal(client.conversations.join({ channel: 'CPUBLIC' }))).toBe('missing_scope');
    slack!.workspace.scopes.add('channels:join');
    expect(await refusal(client.conversations.join({ channel: 'CPRIV' }))).toBe('method_not_supported_for_channel_type');
  });

  test('a private channel is readable when the bot is in it, and does not exist for it otherwise', async () => {
    const { client } = await standIn({ channels: { CIN: { isPrivate: true, botMember: true }, COUT: { isPrivate: true } } });
    await client.chat.postMessage({ channel: 'CIN', text: 'inside' });
    expect((await client.conversations.history({ channel: 'CIN' })).messages).toHaveLength(1);
    expect(await refusal(client.chat.postMessage({ channel: 'COUT', text: 'x' }))).toBe('channel_not_found');
    expect(await refusal(client.conversations.history({ channel: 'COUT' }))).toBe('channel_not_found');
    expect((await client.conversations.info({ channel: 'CIN' })).channel).toMatchObject({ is_private: true, is_member: true });
  });

  test('metadata comes back only when asked for with include_all_metadata', async () => {
    const { client } = await standIn({ channels: { CIN: { botMember: true } } });
    await client.chat.postMessage({ channel: 'CIN', text: 'x', metadata: { event_type: 'e', event_payload: { a: 1 } } });
    expect((await client.conversations.history({ channel: 'CIN' })).messages?.[0]?.metadata).toBeUndefined();
    expect((await client.conversations.history({ channel: 'CIN', include_all_metadata: true })).messages?.[0]?.metadata).toMatchObject({ event_type: 'e' });
  });
});

test('a message a person deleted cannot be edited: message_not_found', async () => {
  const { slack: s, client } = await standIn();
  const posted = await client.chat.postMessage({ channel: 'C1', text: 'first' });
  await client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'edited' });
  s.deleteMessage('C1', posted.ts!);
  expect(await refusal(client.chat.update({ channel: 'C1', ts: posted.ts!, text: 'again' }))).toBe('message_not_found');
});

test('history comes in pages: limit, has_more, next_cursor, cursor, oldest and latest (exclusive)', async () => {
  const { client, clock } = await standIn({ channels: { CIN: { botMember: true } } });
  const ts: string[] = [];
  for (let i = 0; i < 7; i++) {
    ts.push((await client.chat.postMessage({ channel: 'CIN', text: `m${i}` })).ts!);
    await clock.advance(1000);
  }
  const first = await client.conversations.history({ channel: 'CIN', limit: 3 });
  expect(first.messages?.map((m) => m.text)).toEqual(['m6', 'm5', 'm4']);
  expect(first.has_more).toBe(true);
  const second = await client.conversations.history({ channel: 'CIN', limit: 3, cursor: first.response_metadata!.next_cursor! });
  expect(second.messages?.map((m) => m.text)).toEqual(['m3', 'm2', 'm1']);
  const third = await client.conversations.history({ channel: 'CIN', limit: 3, cursor: second.response_metadata!.next_cursor! });
  expect(third.messages?.map((m) => m.text)).toEqual(['m0']);
  expect(third.has_more).toBe(false);
  const between = await client.conversations.history({ channel: 'CIN', oldest: ts[1], latest: ts[4] });
  expect(between.messages?.map((m) => m.text)).toEqual(['m3', 'm2']);
});

test('a response_url takes 5 posts within 30 minutes, then Slack refuses it', async () => {
  const { slack: s, clock } = await standIn();
  const post = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: 'x' }) });
  const url = s.responseUrl();
  for (let i = 0; i < 5; i++) expect((await post(url)).status).toBe(200);
  const sixth = await post(url);
  expect(sixth.status).toBe(404);
  expect(await sixth.json()).toMatchObject({ error: 'used_url' });
  const later = s.responseUrl();
  await clock.advance(30 * 60_000 + 1);
  expect(await (await post(later)).json()).toMatchObject({ error: 'expired_url' });
  expect(s.responses).toHaveLength(5);
});

test('a trigger_id opens one view within 3 s of the click', async () => {
  const { slack: s, client, clock } = await standIn();
  const view = { type: 'modal' as const, title: { type: 'plain_text' as const, text: 'x' }, blocks: [] };
  const fresh = s.triggerId();
  await client.views.open({ trigger_id: fresh, view });
  expect(await refusal(client.views.open({ trigger_id: fresh, view }))).toBe('exchanged_trigger_id');
  const late = s.triggerId();
  await clock.advance(3001);
  expect(await refusal(client.views.open({ trigger_id: late, view }))).toBe('expired_trigger_id');
  expect(await refusal(client.views.open({ trigger_id: '1.2.made-up', view }))).toBe('invalid_trigger_id');
});

test('a method Slack does not have answers unknown_method', async () => {
  const { client } = await standIn();
  expect(await refusal(client.apiCall('chat.postMassage', { channel: 'C1' }))).toBe('unknown_method');
});

describe('user groups and escaped command text', () => {
  test('usergroups.list names each group by id and handle, and needs usergroups:read', async () => {
    const { client } = await standIn({ userGroups: [{ id: 'S1', handle: 'oncall', name: 'On call' }] });
    const listed = await client.usergroups.list();
    expect(listed.usergroups).toEqual([expect.objectContaining({ id: 'S1', handle: 'oncall' })]);
    slack!.workspace.scopes.delete('usergroups:read');
    expect(await refusal(client.usergroups.list())).toBe('missing_scope');
  });

  test('with should_escape, known people, groups, channels and broadcasts arrive escaped; unknown names stay text', () => {
    const directory = {
      users: [{ id: 'U1', name: 'ada' }],
      userGroups: [{ id: 'S1', handle: 'oncall' }],
      channels: [{ id: 'C1', name: 'general' }],
    };
    expect(escapeCommandText('subscribe failed mention @oncall', directory)).toBe('subscribe failed mention <!subteam^S1|@oncall>');
    expect(escapeCommandText('mention @ada in #general', directory)).toBe('mention <@U1|ada> in <#C1|general>');
    expect(escapeCommandText('mention @here or @nobody', directory)).toBe('mention <!here> or @nobody');
    expect(escapeCommandText('mention:@oncall', directory)).toBe('mention:<!subteam^S1|@oncall>');
  });
});
