/**
 * The app's own health where people look, tried as a user would against the stand-ins: when
 * Hume starts rejecting the key, OPS_CHANNEL gets one message within two minutes and one more
 * when the key works again, nothing else; a channel the app cannot post to shows in that
 * message and in App Home; a restart while the problem lasts says nothing new; without
 * OPS_CHANNEL, the subscribed channels are told instead.
 */
import type { StoredMessage } from '../../../src/simulator/slack-server';
import { loadHome } from '../../../src/slack/home/home-view';
import { runFor, runUntil, startAppHarness, type AppHarness } from '../../support/app-harness';
import { validateMessage } from '../../support/block-kit-validator';
import { startRestartWorld, type RestartWorld } from '../../support/restart-world';

const OPS = 'C0OPS';
const ALERTS = 'C0ALERTS';
const MIN = 60_000;
/** What Hume's gateway answers for a key it does not accept (api.hume.ai, Apigee). */
const KEY_REJECTED = { status: 401, body: { fault: { faultstring: 'Invalid ApiKey', detail: { errorcode: 'oauth.v2.InvalidApiKey' } } } };

let world: RestartWorld;
let h: AppHarness | null = null;

beforeEach(async () => {
  world = await startRestartWorld({ seed: 5, slack: { channels: { C0GONE: { archived: true } } } });
});

afterEach(async () => {
  await h?.close();
  h = null;
  await world.close();
});

/** The app as production runs it (default 30 s poll interval), polling normally. */
async function startApp(env: Record<string, string>): Promise<AppHarness> {
  const { clock, book, hume, slack, dataDir } = world;
  const harness = await startAppHarness({ clock, book, hume, slack, dataDir, env: { POLL_INTERVAL: '30s', ...env } });
  await runUntil(harness, () => harness.app.health.report().body.poller.state !== 'starting', 'a first cycle', MIN);
  return harness;
}

/** Top-level messages in a channel (thread lines apart). */
const posted = (channel: string): StoredMessage[] => world.slack.messages.filter((m) => m.channel === channel && m.threadTs === null);
const text = (message: StoredMessage | undefined): string => JSON.stringify(message?.blocks ?? []);

test('a rejected key: OPS_CHANNEL gets one message within two minutes, one more when the key works again, nothing else', async () => {
  h = await startApp({ OPS_CHANNEL: OPS, ALERT_CHANNEL: ALERTS });
  await runFor(h, 2 * MIN);
  expect(posted(OPS)).toHaveLength(0);

  const rejectedAt = world.clock.now();
  const release = world.hume.faults.hold({ pathPrefix: '/', ...KEY_REJECTED });
  await runUntil(h, () => posted(OPS).length > 0, 'the ops message', 2 * MIN);
  expect(world.clock.now() - rejectedAt).toBeLessThanOrEqual(2 * MIN);
  const [message] = posted(OPS);
  expect(text(message)).toMatch(/Hume rejects the API key/);
  expect(validateMessage(message)).toEqual([]);
  // /healthz says the same thing, for the same reason.
  const healthz = await fetch(`http://127.0.0.1:${h.port}/healthz`);
  expect(healthz.status).toBe(503);
  expect(((await healthz.json()) as { reason: string }).reason).toMatch(/rejected the API key/);

  // It lasts (the poller tries every 5 minutes): nothing more is said.
  await runFor(h, 20 * MIN);
  expect(posted(OPS)).toHaveLength(1);
  expect(world.slack.callsTo('chat.update').filter((c) => c.args.channel === OPS)).toHaveLength(0);

  release();
  await runUntil(h, () => posted(OPS).length > 1, 'the recovery message', 15 * MIN);
  await runFor(h, 20 * MIN);
  const [first, recovery, ...more] = posted(OPS);
  expect(more).toEqual([]);
  expect(text(recovery)).toMatch(/working again/);
  // The first message now says it is over, so nobody reading it later thinks it still is.
  expect(text(first)).toMatch(/Resolved/);
  expect(world.slack.messages.filter((m) => m.channel === ALERTS && /hume-jobs/.test(text(m)))).toEqual([]);
});

test('a channel the app cannot post to shows in the ops message and in App Home', async () => {
  h = await startApp({ OPS_CHANNEL: OPS, ALERT_CHANNEL: 'C0GONE' });
  world.book.complete(world.book.add({}).job_id);
  await runUntil(h, () => posted(OPS).length > 0, 'the ops message', 3 * MIN);
  const [message] = posted(OPS);
  expect(text(message)).toMatch(/Cannot post in <#C0GONE>/);
  expect(text(message)).toMatch(/is_archived/);
  expect(posted('C0GONE')).toHaveLength(0);

  const home = await loadHome(h.app.store, world.clock.now(), true);
  expect(JSON.stringify(home.view.blocks)).toMatch(/needs attention[^]*Cannot post in <#C0GONE>/);
  const healthz = (await (await fetch(`http://127.0.0.1:${h.port}/healthz`)).json()) as { delivery: { channelProblems: { channel: string }[] } };
  expect(healthz.delivery.channelProblems.map((p) => p.channel)).toEqual(['C0GONE']);
  await runFor(h, 10 * MIN);
  expect(posted(OPS)).toHaveLength(1);

  // A second problem joins: the same message is edited to list both, nothing new is posted.
  world.hume.faults.hold({ pathPrefix: '/', ...KEY_REJECTED });
  await runUntil(h, () => /Hume rejects the API key/.test(text(posted(OPS)[0])), 'the edit', 3 * MIN);
  expect(text(posted(OPS)[0])).toMatch(/Cannot post in <#C0GONE>/);
  await runFor(h, 10 * MIN);
  expect(posted(OPS)).toHaveLength(1);
  expect(world.slack.callsTo('chat.update').filter((c) => c.args.channel === OPS)).toHaveLength(1);
});

test('a restart while the problem lasts does not post again', async () => {
  h = await startApp({ OPS_CHANNEL: OPS });
  const release = world.hume.faults.hold({ pathPrefix: '/', ...KEY_REJECTED });
  await runUntil(h, () => posted(OPS).length > 0, 'the ops message', 2 * MIN);
  await h.close();

  h = await startApp({ OPS_CHANNEL: OPS });
  await runFor(h, 15 * MIN);
  expect(posted(OPS)).toHaveLength(1);

  release();
  await runUntil(h, () => posted(OPS).length > 1, 'the recovery message', 15 * MIN);
  expect(posted(OPS)).toHaveLength(2);
});

test('without OPS_CHANNEL, each subscribed channel gets the one message instead, and the recovery', async () => {
  h = await startApp({ ALERT_CHANNEL: ALERTS });
  const release = world.hume.faults.hold({ pathPrefix: '/', ...KEY_REJECTED });
  await runUntil(h, () => posted(ALERTS).length > 0, 'the message in the subscribed channel', 2 * MIN);
  expect(text(posted(ALERTS)[0])).toMatch(/cannot send this channel its alerts[^]*Hume rejects the API key/);
  await runFor(h, 10 * MIN);
  expect(posted(ALERTS)).toHaveLength(1);
  release();
  await runUntil(h, () => posted(ALERTS).length > 1, 'the recovery message', 15 * MIN);
  await runFor(h, 10 * MIN);
  expect(posted(ALERTS)).toHaveLength(2);
});
