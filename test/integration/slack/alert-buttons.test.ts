/**
 * The buttons on failure and overdue alerts, tried as a user would: *I'm on it* edits the alert
 * to show who took it, for everyone, and a second press says who has it without editing;
 * *Mute this cause 4h* holds the next failures of that cause in this channel while other causes
 * still alert, `subscriptions` shows the mute, and when it ends one summary arrives; a press on a
 * message from before a restart works, and a mute outlives a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ACTION_MUTE, ACTION_TAKE } from '../../../src/messages/action-ids';
import { createJobBook, type JobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn, type StoredMessage } from '../../../src/simulator/slack-server';
import { runFor, runUntil, startAppHarness, type AppHarness } from '../../support/app-harness';
import { validateMessage } from '../../support/block-kit-validator';
import { TestClock } from '../../support/clock';
import { TEST_API_KEY } from '../../support/hume';

/** The test user's channel (commands come from there), and a second person. */
const HERE = 'C0LIST';
const ADA = 'U0USER';
const BOB = 'U0BOB';
const HOUR = 3600_000;

let clock: TestClock;
let book: JobBook;
let hume: HumeSimulator;
let slack: SlackStandIn;
let dataDir: string;
let h: AppHarness | null = null;

beforeEach(async () => {
  clock = new TestClock();
  book = createJobBook({ clock, seed: 5 });
  hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
  slack = await startSlackStandIn({ now: () => clock.now() });
  dataDir = mkdtempSync(join(tmpdir(), 'hume-jobs-buttons-'));
});

afterEach(async () => {
  await h?.close();
  h = null;
  await hume.close();
  await slack.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}): Promise<AppHarness> {
  const harness = await startAppHarness({ clock, book, hume, slack, dataDir, env: { POLL_INTERVAL: '1s', ...env } });
  await runFor(harness, 1000);
  return harness;
}

const alerts = (): StoredMessage[] => slack.messages.filter((m) => m.channel === HERE && m.threadTs === null && !m.deleted);
const shows = (message: StoredMessage | undefined): string => JSON.stringify(message?.blocks ?? []);
const alertOf = (jobId: string): StoredMessage | undefined => alerts().find((m) => m.text.includes(jobId.slice(0, 8)));

async function failJob(message: string): Promise<string> {
  const job = book.add({});
  await runFor(h!, 2000);
  book.fail(job.job_id, message);
  return job.job_id;
}

async function alertFor(jobId: string): Promise<StoredMessage> {
  await runUntil(h!, () => alertOf(jobId) !== undefined, `the alert of ${jobId}`, 30_000);
  return alertOf(jobId)!;
}

/** The press's ephemeral or channel answer, through its response_url. */
async function answerTo(press: { responseUrl: string }): Promise<{ type: unknown; text: string }> {
  const reply = await h!.responseTo(press.responseUrl);
  expect(validateMessage({ text: String(reply.body.text), blocks: reply.body.blocks as unknown[] })).toEqual([]);
  expect(reply.body.replace_original).toBe(false);
  return { type: reply.body.response_type, text: JSON.stringify(reply.body.blocks) };
}

test("pressing I'm on it shows the presser on the alert; a second press, by anyone, says who has it and edits nothing", async () => {
  h = await start();
  await h.app.store.subscribe(HERE, ['failed'], null, ADA, clock.now());
  const jobId = await failJob('Transcription failed');
  const alert = await alertFor(jobId);
  expect(shows(alert)).toContain("I'm on it");
  expect(shows(alert)).toContain('Mute this cause 4h');

  const press = await h.press(alert, ACTION_TAKE);
  // Acknowledged at once, with nothing in the ack: the edit follows.
  expect(press.status).toBe(200);
  expect(press.body).toBe('');
  await runUntil(h, () => shows(alertOf(jobId)).includes(`<@${ADA}> is on it`), 'the alert showing who took it', 10_000);
  const edited = alertOf(jobId)!;
  expect(edited.ts).toBe(alert.ts);
  expect(validateMessage({ text: edited.text, blocks: edited.blocks })).toEqual([]);
  const update = slack.callsTo('chat.update').at(-1)!;
  expect(update.args).toMatchObject({ channel: HERE, ts: alert.ts });

  const updates = slack.callsTo('chat.update').length;
  const again = await h.press(edited, ACTION_TAKE, BOB);
  const told = await answerTo(again);
  expect(told.type).toBe('ephemeral');
  expect(told.text).toContain(`Already taken by <@${ADA}>`);
  const mine = await answerTo(await h.press(edited, ACTION_TAKE));
  expect(mine.text).toContain('You are already on it');
  await runFor(h, 3000);
  expect(slack.callsTo('chat.update')).toHaveLength(updates);
  expect(shows(alertOf(jobId))).toContain(`<@${ADA}> is on it`);
});

test('after Mute this cause 4h the same cause posts nothing here while another cause alerts; 4 h later one summary', async () => {
  h = await start();
  await h.app.store.subscribe(HERE, ['failed'], null, ADA, clock.now());
  const first = await failJob('Failed to download media from URL 41');
  const alert = await alertFor(first);
  const muted = await answerTo(await h.press(alert, ACTION_MUTE));
  expect(muted.type).toBe('in_channel');
  expect(muted.text).toContain(`<@${ADA}> muted alerts of this cause: “Failed to download media from URL 41” for 4 h`);
  await runUntil(h, () => shows(alertOf(first)).includes(`<@${ADA}> muted this cause here until`), 'the alert showing the mute', 10_000);

  const same = await failJob('Failed to download media from URL 42');
  const other = await failJob('Transcription failed');
  await alertFor(other);
  await runFor(h, 10_000);
  expect(alertOf(same)).toBeUndefined();
  expect(alerts()).toHaveLength(2);

  const listed = await h.command('subscriptions');
  const list = JSON.stringify((await h.responseTo(listed.responseUrl)).body.blocks);
  expect(list).toContain('1 cause muted here');
  expect(list).toMatch(/“Failed to download media from URL 41” — by <@U0USER>, until <!date\^\d+\^/);

  // The mute ends on time (the app is down meanwhile: it still ends, once, when it is back).
  await h.close();
  h = null;
  clock.finishAt(clock.now() + 4 * HOUR);
  h = await start();
  await runUntil(h, () => alerts().length === 3, 'the mute summary', 30_000);
  await runFor(h, 10_000);
  const summary = alerts()[2]!;
  expect(summary.text).toMatch(/^While a cause was muted: 1 job update — 1 failed/);
  expect(shows(summary)).toContain(same.slice(0, 8));
  expect(shows(summary)).toMatch(/muted here by <@U0USER> from <!date\^\d+\^.*they alert again/);
  expect(validateMessage({ text: summary.text, blocks: summary.blocks })).toEqual([]);
  expect(alerts()).toHaveLength(3);
  // The cause alerts again.
  const later = await failJob('Failed to download media from URL 43');
  await alertFor(later);
});

test('a press on an alert posted before a restart works, and unmute ends the mute with its summary', async () => {
  h = await start();
  await h.app.store.subscribe(HERE, ['failed'], null, ADA, clock.now());
  const jobId = await failJob('Model crashed');
  const alert = await alertFor(jobId);
  await h.close();
  h = await start();

  await h.press(alert, ACTION_TAKE, BOB);
  await runUntil(h, () => shows(alertOf(jobId)).includes(`<@${BOB}> is on it`), 'the claim after a restart', 10_000);
  await answerTo(await h.press(alertOf(jobId)!, ACTION_MUTE, BOB));
  const held = await failJob('Model crashed');
  await runFor(h, 10_000);
  expect(alertOf(held)).toBeUndefined();

  const unmuted = await h.command('unmute');
  const reply = await h.responseTo(unmuted.responseUrl);
  expect(reply.body.response_type).toBe('in_channel');
  expect(JSON.stringify(reply.body.blocks)).toContain('a summary of 1 held update follows');
  await runUntil(h, () => alerts().some((m) => m.text.startsWith('While a cause was muted')), 'the unmute summary', 30_000);
  expect(shows(alerts().at(-1))).toContain(`(ended early by <@${ADA}>)`);
  const none = await h.command('unmute');
  expect(JSON.stringify((await h.responseTo(none.responseUrl)).body)).toContain('Nothing is muted here');
});

test('the job moves on after someone took it: the edited alert still says who, without the buttons', async () => {
  h = await start();
  await h.app.store.subscribe(HERE, ['completed', 'failed'], null, ADA, clock.now());
  const jobId = await failJob('Transcription failed');
  await h.press(await alertFor(jobId), ACTION_TAKE);
  await runUntil(h, () => shows(alertOf(jobId)).includes(`<@${ADA}> is on it`), 'the claim', 10_000);
  book.rerun(jobId);
  await runFor(h, 3000);
  book.complete(jobId);
  await runUntil(h, () => /completed/i.test(alertOf(jobId)?.text ?? ''), 'the completed edit', 30_000);
  expect(shows(alertOf(jobId))).toContain(`<@${ADA}> is on it`);
  expect(shows(alertOf(jobId))).not.toContain(ACTION_TAKE);
  expect(alerts()).toHaveLength(1);
});

test('with ADMINS set, Mute this cause 4h is an admin\'s change like snooze: others are told who can; the mute and unmute are in the change log', async () => {
  h = await start({ ADMINS: BOB });
  await h.app.store.subscribe(HERE, ['failed'], null, BOB, clock.now());
  const jobId = await failJob('Failed to download media from URL 7');
  const alert = await alertFor(jobId);

  const refused = await answerTo(await h.press(alert, ACTION_MUTE));
  expect(refused.type).toBe('ephemeral');
  expect(refused.text).toContain('Only alert admins can change this channel');
  expect(refused.text).toContain('Ask one of them to press *Mute this cause 4h* on this alert, or to add you to `ADMINS`.');
  expect(await h.app.store.listMutes(HERE)).toEqual([]);
  // Taking an alert changes nothing anyone hears: anyone may.
  expect((await h.press(alert, ACTION_TAKE)).status).toBe(200);

  expect((await answerTo(await h.press(alertOf(jobId)!, ACTION_MUTE, BOB))).type).toBe('in_channel');
  expect(await h.app.store.listMutes(HERE)).toHaveLength(1);
  const unmute = await h.command('unmute', { user_id: BOB });
  expect(JSON.stringify((await h.responseTo(unmute.responseUrl)).body)).toContain('Failed to download media from URL 7');

  const changes = await h.command('changes');
  const log = JSON.stringify((await h.responseTo(changes.responseUrl)).body.blocks);
  expect(log).toMatch(/<@U0BOB>[^"]*muted `Failed to download media from URL 7` until/);
  expect(log).toMatch(/<@U0BOB>[^"]*ended the mute of `Failed to download media from URL 7`/);
});
