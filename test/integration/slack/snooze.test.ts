/**
 * Snooze, tried as a user would: a snoozed channel gets nothing while it lasts, other channels
 * are unaffected, and when it ends (on time or with `snooze off`) exactly one summary of what
 * happened meanwhile; `snooze until 9:00` is the caller's 9:00.
 */
import type { StoredMessage } from '../../../src/simulator/slack-server';
import { runFor, runUntil, startAppHarness, type AppHarness } from '../../support/app-harness';
import { validateMessage } from '../../support/block-kit-validator';
import { scrape, total } from '../../support/prometheus';

/** The channel commands come from (the test actor's), and one that is never snoozed. */
const HERE = 'C0LIST';
const ELSEWHERE = 'C0OTHER';
const USER = 'U0USER';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const mainMessages = (channel: string): StoredMessage[] => h!.slack.messages.filter((m) => m.channel === channel && m.threadTs === null);

async function start(): Promise<AppHarness> {
  // Slack's own clock is the fake one too, so message times line up with the app's.
  const harness = await startAppHarness({
    slackOptions: { userZones: { [USER]: { tz: 'America/New_York', offsetSeconds: -5 * 3600 } } },
    env: { POLL_INTERVAL: '1s', ALERT_CHANNEL: ELSEWHERE },
  });
  await runFor(harness, 1000);
  return harness;
}

async function commandReply(harness: AppHarness, text: string): Promise<{ type: unknown; text: string; blocks: unknown[] }> {
  const { status, responseUrl } = await harness.command(text);
  expect(status).toBe(200);
  const reply = await harness.responseTo(responseUrl);
  const blocks = reply.body.blocks as unknown[];
  expect(validateMessage({ text: String(reply.body.text), blocks })).toEqual([]);
  return { type: reply.body.response_type, text: JSON.stringify(blocks), blocks };
}

test('a snoozed channel gets nothing for the snooze, then one summary; other channels carry on', async () => {
  h = await start();
  await commandReply(h, 'subscribe completed failed');
  const snoozed = await commandReply(h, 'snooze 10m');
  expect(snoozed.type).toBe('in_channel');
  expect(snoozed.text).toContain(`<@${USER}> snoozed alerts here until <!date^${(h.clock.now() + 600_000) / 1000}^`);

  const jobs = Array.from({ length: 6 }, () => h!.book.add({}));
  await runFor(h, 2000);
  jobs.slice(0, 4).forEach((j) => h!.book.complete(j.job_id));
  jobs.slice(4).forEach((j) => h!.book.fail(j.job_id, 'Failed to download media from URL 42'));
  await runUntil(h, () => mainMessages(ELSEWHERE).length === 6, 'the other channel’s 6 alerts', 60_000);
  expect(h.slack.calls.filter((c) => c.args.channel === HERE && c.method.startsWith('chat.'))).toEqual([]);

  // Held alerts wait on purpose: operators see them apart from a stuck outbox.
  const metrics = await scrape(h.port);
  expect(total(metrics, 'hume_jobs_outbox_held')).toBe(6);
  expect(total(metrics, 'hume_jobs_outbox_pending')).toBe(0);
  expect(total(metrics, 'hume_jobs_outbox_oldest_age_seconds')).toBe(0);
  expect(total(metrics, 'hume_jobs_snoozed_channels')).toBe(1);

  const listed = await commandReply(h, 'subscriptions');
  expect(listed.type).toBe('ephemeral');
  expect(listed.text).toMatch(/:zzz: Alerts are snoozed until <!date\^\d+\^/);

  // Still nothing just before the end…
  await runFor(h, 600_000 - 15_000);
  expect(mainMessages(HERE)).toHaveLength(0);
  // …and one summary once it has passed.
  await runUntil(h, () => mainMessages(HERE).length === 1, 'the snooze summary', 60_000);
  await runFor(h, 5000);
  const [summary] = mainMessages(HERE);
  expect(summary!.text).toMatch(/^While alerts were snoozed: 6 job updates — 4 completed, 2 failed/);
  const summaryText = JSON.stringify(summary!.blocks);
  expect(summaryText).toMatch(/2 jobs: Failed to download media from URL 42/);
  expect(summaryText).toMatch(/Alerts here were snoozed from <!date\^\d+\^.*alerts are back on/);
  expect(h.slack.calls.filter((c) => c.args.channel === HERE && c.method.startsWith('chat.'))).toHaveLength(1);
  expect((await commandReply(h, 'snooze')).text).toMatch(/Alerts here are not snoozed/);

  // Alerts are back: the next change is its own message again.
  const after = h.book.add({});
  h.book.complete(after.job_id);
  await runUntil(h, () => mainMessages(HERE).length === 2, 'an alert after the snooze', 30_000);
  expect(mainMessages(HERE)[1]!.text).toContain(after.job_id.slice(0, 8));
});

test('snooze off ends it early with one summary of what was held', async () => {
  h = await start();
  await commandReply(h, 'subscribe failed mention @oncall');
  await commandReply(h, 'snooze 1h');
  const job = h.book.add({});
  await runFor(h, 2000);
  h.book.fail(job.job_id, 'Transcription failed');
  await runFor(h, 5000);
  expect(mainMessages(HERE)).toHaveLength(0);

  const ended = await commandReply(h, 'snooze off');
  expect(ended.type).toBe('in_channel');
  expect(ended.text).toContain('ended the snooze: alerts are back on here. A summary of 1 held update follows.');
  await runUntil(h, () => mainMessages(HERE).length === 1, 'the summary', 30_000);
  const summary = JSON.stringify(mainMessages(HERE)[0]!.blocks);
  expect(summary).toContain(`(ended early by <@${USER}>)`);
  expect(summary).toContain('<!subteam^S0ONCALL>'); // typed as @oncall; Slack escaped it (should_escape)
  expect(summary).toContain(job.job_id.slice(0, 8));

  // Nothing held this time: no summary message, and the reply says so.
  await commandReply(h, 'snooze 1h');
  expect((await commandReply(h, 'snooze off')).text).toContain('Nothing happened meanwhile.');
  await runFor(h, 3000);
  expect(mainMessages(HERE)).toHaveLength(1);
  expect((await commandReply(h, 'snooze off')).text).toContain('Alerts here are not snoozed');
});

test('"snooze until 9:00" is 9:00 where the caller is, and a second snooze moves the end', async () => {
  h = await start();
  await commandReply(h, 'subscribe');
  // The fake clock starts at 2026-11-28 12:00 UTC: 07:00 in New York, so 9:00 there is 14:00 UTC today.
  const nine = await commandReply(h, 'snooze until 9:00');
  expect(nine.text).toContain(`until <!date^${Date.UTC(2026, 10, 28, 14) / 1000}^`);
  expect(nine.text).toContain('09:00 in your time zone, America/New_York');
  expect(h.slack.callsTo('users.info')[0]!.args.user).toBe(USER);

  const later = await commandReply(h, 'snooze until 2026-11-28T18:00Z');
  expect(later.text).toContain('moved the end of the snooze here');
  expect(later.text).toContain(`until <!date^${Date.UTC(2026, 10, 28, 18) / 1000}^`);
  expect(h.slack.callsTo('users.info')).toHaveLength(1);
});

test('a channel without alerts has nothing to snooze; a bad time says what works', async () => {
  h = await start();
  expect((await commandReply(h, 'snooze 2h')).text).toContain('nothing to snooze');
  const ack = await h.command('snooze until 25:00');
  expect(ack.status).toBe(200);
  expect(ack.body).toContain("`25:00` isn't a real time of day: hours go 0 to 23");
});

test('unsubscribing a snoozed channel ends the snooze and drops what it held, as the reply says', async () => {
  h = await start();
  await commandReply(h, 'subscribe failed');
  await commandReply(h, 'snooze 5m');
  const job = h.book.add({});
  await runFor(h, 2000);
  h.book.fail(job.job_id, 'Transcription failed');
  await runFor(h, 3000);
  const gone = await commandReply(h, 'unsubscribe');
  expect(gone.type).toBe('in_channel');
  expect(gone.text).toContain('This channel no longer gets job alerts. Its snooze ended too, and the 1 alert it held will not be posted.');
  expect(await h.app.store.listSnoozes(HERE)).toEqual([]);
  // Past the snooze's end: no summary comes.
  await runFor(h, 330_000);
  expect(mainMessages(HERE)).toHaveLength(0);
  expect(await h.app.store.outboxStats(h.clock.now())).toMatchObject({ pending: 0, held: 0 });
});

test('with polling off there are no alerts to snooze, and the reply says why', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: 'off' } });
  await commandReply(h, 'subscribe');
  expect((await commandReply(h, 'snooze 2h')).text).toContain('Alerts are off in this app (POLL_INTERVAL=off)');
});
