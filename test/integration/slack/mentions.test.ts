/**
 * Group mentions that ping: `subscribe failed mention @oncall` stores the group's ID however
 * Slack sends it (escaped by `should_escape: true`, or plain text from an older app), and the
 * failure alert carries `<!subteam^ID>`, the only form that notifies the group. A handle that is
 * no group is refused at once, naming the groups that exist. A person may be mentioned too.
 */
import { MANIFEST_SCOPES } from '../../../src/simulator/slack-workspace';
import type { SlackStandInOptions } from '../../../src/simulator/slack-server';
import { runUntil, type AppHarness } from '../../support/app-harness';
import { startOnStandIn } from '../../support/stand-in-app';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const HERE = 'CMENTION';

function start(options: SlackStandInOptions = {}): Promise<AppHarness> {
  return startOnStandIn(options);
}

async function reply(harness: AppHarness, text: string, escape = true) {
  const ack = await harness.command(text, { channel_id: HERE }, { escape });
  return (await harness.responseTo(ack.responseUrl)).body;
}

/** A job fails; returns the failure alert's text and blocks as posted. */
async function failureAlert(harness: AppHarness): Promise<{ text: string; blocks: string }> {
  const job = harness.book.add({});
  harness.book.start(job.job_id);
  harness.book.fail(job.job_id, 'Media too long');
  await runUntil(harness, () => harness.slack.messages.some((m) => m.channel === HERE), 'the failure alert', 20_000);
  const alert = harness.slack.messages.find((m) => m.channel === HERE)!;
  return { text: alert.text, blocks: JSON.stringify(alert.blocks) };
}

const storedMention = async (harness: AppHarness) => (await harness.app.store.listSubscriptions(HERE))[0]?.mention ?? null;

test.each([
  ['escaped by Slack (should_escape: true)', true],
  ['typed as plain text (an app from the older manifest)', false],
])('mention @oncall %s stores the group ID, and the failure alert pings it', async (_how, escape) => {
  h = await start();
  const body = await reply(h, 'subscribe failed mention @oncall', escape);
  expect(body.response_type).toBe('in_channel');
  expect(JSON.stringify(body)).toContain('Failures mention @oncall.');
  expect(await storedMention(h)).toBe('<!subteam^S0ONCALL>');
  const alert = await failureAlert(h);
  expect(alert.text.startsWith('<!subteam^S0ONCALL> ')).toBe(true);
  expect(alert.blocks).toContain('<!subteam^S0ONCALL>');
});

test('a handle that is no user group is refused to the caller, naming the groups there are', async () => {
  h = await start();
  const body = await reply(h, 'subscribe failed mention @nobody', false);
  expect(body.response_type).toBe('ephemeral');
  expect(body.text).toBe(
    'There is no user group @nobody: the groups here are @oncall, @ml-oncall. Nothing was subscribed; mention a group, a person (@name), @here or @channel.',
  );
  expect(await h.app.store.listSubscriptions(HERE)).toEqual([]);
});

test('an install without usergroups:read says so instead of storing text that pings nobody', async () => {
  h = await start({ scopes: MANIFEST_SCOPES.filter((s) => s !== 'usergroups:read') });
  const body = await reply(h, 'subscribe failed mention @oncall', false);
  expect(body.response_type).toBe('ephemeral');
  expect(body.text).toMatch(/could not look up the user group @oncall: the app lacks the usergroups:read scope/);
  expect(await h.app.store.listSubscriptions(HERE)).toEqual([]);
});

test('a person can be mentioned: <@U…> is stored and posted', async () => {
  h = await start();
  const body = await reply(h, 'subscribe failed mention @ada');
  expect(JSON.stringify(body)).toContain('Failures mention @ada.');
  expect(await storedMention(h)).toBe('<@U0USER>');
  expect((await failureAlert(h)).text.startsWith('<@U0USER> ')).toBe(true);
});

test('a plain @handle stored by an older version is posted as text, and `subscriptions` says it pings nobody', async () => {
  h = await start();
  await h.app.store.subscribe(HERE, ['failed'], '@oncall', 'U1', h.clock.now());
  const alert = await failureAlert(h);
  expect(alert.text.startsWith('@oncall ')).toBe(true);
  expect(alert.blocks).not.toContain('<!subteam');
  const list = JSON.stringify(await reply(h, 'subscriptions'));
  expect(list).toContain('@oncall as plain text, which pings nobody');
  await reply(h, 'subscribe mention @oncall');
  expect(await storedMention(h)).toBe('<!subteam^S0ONCALL>');
});
