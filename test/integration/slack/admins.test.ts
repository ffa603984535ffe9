/**
 * ADMINS, tried as a team would: who may change a channel's alert settings (people by ID, user
 * groups, workspace admins and owners), what everyone else is told, what happens when Slack
 * cannot say, and the change log that `subscriptions`, `changes` and App Home show.
 */
import { startAppHarness, runFor, waitFor, type AppHarness, type AppHarnessOptions } from '../../support/app-harness';
import { openAppHome } from '../../support/app-home';
import type { StandInUser } from '../../../src/simulator/slack-server';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const HERE = 'CTEAM';
const person = (id: string, extra: Partial<StandInUser> = {}): StandInUser => ({ id, name: id.toLowerCase(), tz: 'Etc/UTC', offsetSeconds: 0, ...extra });
const USERS = [person('U0USER'), person('U0ADMIN'), person('U0GROUPIE'), person('U0OWNER', { isOwner: true }), person('U0WSADMIN', { isAdmin: true })];
const GROUPS = [
  { id: 'S0ONCALL', handle: 'oncall', name: 'On call', members: ['U0GROUPIE'] },
  { id: 'S0TEAM', handle: 'ml-oncall', name: 'ML on call', members: [] },
];

function start(env: Record<string, string> = { ADMINS: 'U0ADMIN,S0ONCALL' }, options: AppHarnessOptions = {}): Promise<AppHarness> {
  return startAppHarness({ env, slackOptions: { users: USERS, userGroups: GROUPS, ...options.slackOptions } });
}

async function reply(harness: AppHarness, text: string, user = 'U0USER'): Promise<{ visibility: unknown; text: string }> {
  const ack = await harness.command(text, { channel_id: HERE, user_id: user });
  const body = (await harness.responseTo(ack.responseUrl)).body;
  return { visibility: body.response_type, text: JSON.stringify(body.blocks) };
}

test('with ADMINS set, only admins change alerts (by ID, by group, workspace owners and admins); anyone still looks; the log says who did what', async () => {
  h = await start();
  const refused = await reply(h, 'subscribe failed');
  expect(refused.visibility).toBe('ephemeral');
  expect(refused.text).toContain(
    ":lock: Only alert admins can change this channel's alert settings: <@U0ADMIN>, <!subteam^S0ONCALL>, workspace admins and owners. Nothing changed.",
  );
  expect(refused.text).toContain('Ask one of them to run `/hume-jobs subscribe failed` here, or to add you to `ADMINS`.');
  expect(await h.app.store.listSubscriptions(HERE)).toEqual([]);

  // Looking is for everyone.
  expect((await reply(h, 'subscriptions')).text).toContain('This channel gets no job alerts.');
  expect((await reply(h, 'overdue')).visibility).toBe('ephemeral');

  // Listed by ID: no need to ask Slack.
  const infoCalls = h.slack.callsTo('users.info').length;
  const byAdmin = await reply(h, 'subscribe failed', 'U0ADMIN');
  expect(byAdmin.visibility).toBe('in_channel');
  expect(byAdmin.text).toContain('<@U0ADMIN> subscribed this channel to job alerts.');
  expect(h.slack.callsTo('users.info')).toHaveLength(infoCalls);

  const byGroup = await reply(h, 'subscribe running mention @oncall', 'U0GROUPIE');
  expect(byGroup.visibility).toBe('in_channel');
  expect(h.slack.callsTo('usergroups.users.list').at(-1)?.args.usergroup).toBe('S0ONCALL');

  expect((await reply(h, 'overdue 45m', 'U0OWNER')).visibility).toBe('in_channel');
  expect((await reply(h, 'overdue auto', 'U0WSADMIN')).visibility).toBe('in_channel');
  expect((await reply(h, 'unsubscribe', 'U0USER')).text).toContain('Only alert admins');
  expect((await reply(h, 'overdue off', 'U0USER')).text).toContain('Ask one of them to run `/hume-jobs overdue off` here');
  // A person in no listed group is asked about every group, and refused.
  expect(h.slack.callsTo('usergroups.users.list').map((c) => c.args.usergroup)).toEqual(expect.arrayContaining(['S0ONCALL']));

  const subscriptions = (await reply(h, 'subscriptions')).text;
  expect(subscriptions).toMatch(/Subscribed since <!date\^\d+\^[^|]+\|[^>]+> by <@U0ADMIN>/);
  expect(subscriptions).toMatch(/last change <!date[^>]+>: <@U0WSADMIN> set overdue to auto/);

  const changes = await reply(h, 'changes');
  expect(changes.visibility).toBe('ephemeral');
  const blocks = JSON.parse(changes.text) as { text?: { text: string } }[];
  const lines = (blocks[1]?.text?.text ?? '').split('\n');
  expect(lines.map((l) => l.replace(/^• <!date[^>]+> · /, ''))).toEqual([
    '<@U0WSADMIN> set overdue to auto (learnt from recent jobs)',
    '<@U0OWNER> set overdue to 45 min',
    '<@U0GROUPIE> added running, mention the user group `S0ONCALL`',
    '<@U0ADMIN> subscribed to failed',
  ]);
  expect(changes.text).toContain('4 changes since');
});

test('ADMINS unset: anyone changes alerts as before, and Slack is not asked', async () => {
  h = await start({});
  expect((await reply(h, 'subscribe failed')).text).toContain('<@U0USER> subscribed this channel to job alerts.');
  expect((await reply(h, 'unsubscribe')).visibility).toBe('in_channel');
  expect(h.slack.callsTo('users.info')).toEqual([]);
  expect(h.slack.callsTo('usergroups.users.list')).toEqual([]);
  expect((await reply(h, 'changes')).text).toContain('2 changes since');
});

test('when Slack cannot say, the change is refused with why, never let through; answers are cached briefly, failures are not', async () => {
  h = await start();
  h.slack.faults.push({ method: 'users.info', error: 'fatal_error' });
  const first = await reply(h, 'subscribe failed', 'U0GROUPIE');
  // A member of a listed group is let in even though users.info failed: the group answered.
  expect(first.visibility).toBe('in_channel');

  h.slack.faults.push({ method: 'users.info', error: 'fatal_error' });
  const unknown = await reply(h, 'subscribe running');
  expect(unknown.visibility).toBe('ephemeral');
  expect(unknown.text).toContain(
    ':warning: I could not check with Slack whether you may change alert settings here (`users.info: fatal_error`), so nothing changed. Try again in a minute.',
  );
  expect(unknown.text).toContain('Alert settings can be changed by <@U0ADMIN>, <!subteam^S0ONCALL>, workspace admins and owners.');
  expect((await h.app.store.listSubscriptions(HERE))[0]?.kinds).toEqual(['failed']);

  // The failure was not remembered: the next try asks again and gets a plain no.
  const asked = h.slack.callsTo('users.info').length;
  expect((await reply(h, 'subscribe running')).text).toContain('Only alert admins');
  expect(h.slack.callsTo('users.info')).toHaveLength(asked + 1);

  // Answers are: the same person again within the minute costs no Slack call.
  const groupCalls = h.slack.callsTo('usergroups.users.list').length;
  await reply(h, 'subscribe completed', 'U0GROUPIE');
  expect(h.slack.callsTo('usergroups.users.list')).toHaveLength(groupCalls);
  await runFor(h, 61_000);
  await reply(h, 'subscribe queued', 'U0GROUPIE');
  expect(h.slack.callsTo('usergroups.users.list')).toHaveLength(groupCalls + 1);
});

test('an install without usergroups:read refuses with the scope to add', async () => {
  const scopes = ['commands', 'chat:write', 'chat:write.public', 'channels:read', 'groups:read', 'channels:history', 'groups:history', 'channels:join', 'users:read'];
  h = await start(undefined, { slackOptions: { scopes } });
  const refused = await reply(h, 'unsubscribe');
  expect(refused.text).toContain('(`usergroups.users.list S0ONCALL: missing_scope usergroups:read`), so nothing changed.');
  expect(refused.text).toContain('The app lacks the `usergroups:read` scope');
  // An owner is told by users.info alone.
  expect((await reply(h, 'unsubscribe', 'U0OWNER')).text).toContain('Nothing changed: this channel gets no job alerts.');
});

test('App Home shows the latest changes to alert settings, in words that ping nobody', async () => {
  h = await start({ POLL_INTERVAL: '1s' });
  await reply(h, 'subscribe failed mention @oncall', 'U0ADMIN');
  await reply(h, 'snooze 2h', 'U0OWNER');
  expect(await openAppHome(h.port, 'U0VIEWER')).toBe(200);
  const published = await waitFor(() => h!.slack.callsTo('views.publish')[0], 'views.publish');
  const text = JSON.stringify(published.args.view);
  expect(text).toContain('*Recent changes to alert settings*');
  expect(text).toMatch(/<@U0OWNER> snoozed until <!date[^>]+> in <#CTEAM>.*<@U0ADMIN> subscribed to failed, mention the user group `S0ONCALL` in <#CTEAM>/);
  expect(text).not.toContain('<!subteam^');
});
