/**
 * Filtered subscriptions, tried as a user would: the whole app with HUME_SOURCE=runs against the
 * runs simulator and the Slack stand-in, commands typed in a channel. A channel subscribed to
 * `failed endpoint audio` hears about the audio run's failure and not the video run's; several
 * subscriptions are listed numbered, and `unsubscribe` asks which one when the words fit two.
 */
import { createRunBook, type RunBook } from '../../../src/simulator/run-book';
import { createRunsApi } from '../../../src/simulator/runs-api';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { startAppHarness, type AppHarness, runFor, runUntil } from '../../support/app-harness';
import { validateMessage } from '../../support/block-kit-validator';
import { TEST_API_KEY, TestClock } from '../../support/hume';

let h: AppHarness | null = null;
let hume: HumeSimulator | null = null;
let slack: SlackStandIn | null = null;
let book: RunBook;
let clock: TestClock;

const AUDIO_TEAM = 'CAUDIO';

beforeEach(async () => {
  clock = new TestClock();
  book = createRunBook({ clock, seed: 8 });
  hume = await startHumeSimulator({ routes: [createRunsApi({ book })], apiKey: TEST_API_KEY });
  slack = await startSlackStandIn({ now: () => clock.now() });
});

afterEach(async () => {
  for (const message of slack?.messages ?? []) expect(validateMessage(message)).toEqual([]);
  await h?.close();
  await hume?.close();
  await slack?.close();
  h = null;
});

async function say(text: string): Promise<{ visibility: unknown; text: string }> {
  const ack = await h!.command(text, { channel_id: AUDIO_TEAM });
  // A refusal needs no lookup: it comes in the ack itself.
  if (ack.body.trim() !== '') return { visibility: 'ack', text: ack.body };
  const body = (await h!.responseTo(ack.responseUrl)).body;
  return { visibility: body.response_type, text: JSON.stringify(body.blocks) };
}

const alertsIn = (channel: string) => slack!.messages.filter((m) => m.channel === channel && m.threadTs === null);

test('a channel subscribed to `failed endpoint audio` gets the audio run’s failure and not the video run’s', async () => {
  h = await startAppHarness({ clock, hume: hume!, slack: slack!, env: { HUME_SOURCE: 'runs', POLL_INTERVAL: '1s' } });
  const subscribed = await say('subscribe failed endpoint audio mention @oncall');
  expect(subscribed.visibility).toBe('in_channel');
  expect(subscribed.text).toContain('This channel now gets an alert when a job with `endpoint audio` is :x: failed. Failures mention @oncall.');
  await runFor(h, 2000);

  const audio = book.add({ endpoint: 'audio', mode: 'file' });
  const video = book.add({ endpoint: 'video', mode: 'file' });
  await runFor(h, 2000);
  book.error(audio.run_id, { closeCode: 1011 });
  book.error(video.run_id, { closeCode: 1011 });
  await runUntil(h, () => alertsIn(AUDIO_TEAM).length > 0, 'the audio failure alert', 60_000);
  await runFor(h, 5000);

  const posted = alertsIn(AUDIO_TEAM);
  expect(posted).toHaveLength(1);
  expect(JSON.stringify(posted[0])).toContain(audio.run_id);
  expect(JSON.stringify(slack!.messages)).not.toContain(video.run_id);
  // The group's mention pings: the stored ID, posted as Slack's group markup.
  expect(posted[0]!.text).toMatch(/^<!subteam\^S0ONCALL> /);
});

test('several subscriptions: listed numbered, a same-filters subscribe extends one, an ambiguous unsubscribe asks which', async () => {
  h = await startAppHarness({ clock, hume: hume!, slack: slack!, env: { HUME_SOURCE: 'runs' } });
  await say('subscribe failed endpoint audio');
  const second = await say('subscribe failed user usr_7Hq2 mode realtime');
  expect(second.visibility).toBe('in_channel');
  expect(second.text).toContain('added subscription 2.');
  expect(second.text).toContain('This channel now has 2 subscriptions:');

  const extended = await say('subscribe completed endpoint audio');
  expect(extended.text).toContain('added alerts for :white_check_mark: completed to subscription 1.');
  expect((await h.app.store.listSubscriptions(AUDIO_TEAM)).map((s) => s.kinds)).toEqual([['completed', 'failed'], ['failed']]);

  const listed = await say('subscriptions');
  expect(listed.visibility).toBe('ephemeral');
  expect(listed.text).toContain('*1.* An alert when a job with `endpoint audio` is :white_check_mark: completed or :x: failed.');
  expect(listed.text).toContain('*2.* An alert when a job with `mode realtime` and `user usr_7Hq2` is :x: failed.');
  expect(listed.text).toContain('Set by <@U0USER>');

  const which = await say('unsubscribe failed');
  expect(which.visibility).toBe('ephemeral');
  expect(which.text).toContain('more than one subscription here has alerts for :x: failed (1, 2), so I did not guess which you meant.');
  expect(which.text).toContain('`/hume-jobs unsubscribe 1`');
  expect(await h.app.store.listSubscriptions(AUDIO_TEAM)).toHaveLength(2);

  const byFilters = await say('unsubscribe failed endpoint audio');
  expect(byFilters.visibility).toBe('in_channel');
  expect(byFilters.text).toContain('stopped alerts for :x: failed of jobs with `endpoint audio`.');
  const byNumber = await say('unsubscribe 2');
  expect(byNumber.text).toContain('stopped alerts for :x: failed of jobs with `mode realtime` and `user usr_7Hq2`.');
  expect(byNumber.text).toContain('This channel now only gets an alert when a job with `endpoint audio` is :white_check_mark: completed.');
  const noSuch = await say('unsubscribe 3');
  expect(noSuch.text).toContain('there is no subscription 3 here.');

  // A filter the runs API can never match is refused in words, and nothing is stored.
  const model = await say('subscribe failed model face');
  expect(model.text).toContain('`model` is a batch-only filter');
  expect(await h.app.store.listSubscriptions(AUDIO_TEAM)).toHaveLength(1);
});
