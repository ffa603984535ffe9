/**
 * Scheduled digests, tried as a user would: `digest daily HH:MM` two minutes ahead posts one
 * digest at that minute (a table of counts, causes, the slowest jobs, what is running) and nothing
 * more until the next day; `digest weekdays` skips Saturday and Sunday where the caller is; a DST
 * change keeps the local hour; an app down across the time posts one digest when it is back.
 *
 * Long stretches of quiet are slept through: the fake clock jumps (`sleepUntil`) and the app
 * wakes to every timer that came due, as a process does after its machine slept.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJobBook, type JobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackCall, type SlackStandIn, type StoredMessage } from '../../../src/simulator/slack-server';
import { runFor, runUntil, startAppHarness, type AppHarness } from '../../support/app-harness';
import { validateMessage } from '../../support/block-kit-validator';
import { TEST_API_KEY, TestClock } from '../../support/hume';

const HERE = 'C0LIST';
const USER = 'U0USER';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let clock: TestClock;
let book: JobBook;
let hume: HumeSimulator;
let slack: SlackStandIn;
let dataDir: string;
let h: AppHarness | null = null;

/** A world whose caller lives in New York; the clock starts on Saturday 2026-11-28, 12:00 UTC (07:00 there) unless told. */
async function world(start?: number): Promise<void> {
  clock = new TestClock(start);
  book = createJobBook({ clock, seed: 21 });
  hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
  slack = await startSlackStandIn({ now: () => clock.now(), userZones: { [USER]: { tz: 'America/New_York', offsetSeconds: -5 * 3600 } } });
  dataDir = mkdtempSync(join(tmpdir(), 'hume-jobs-digest-'));
}

afterEach(async () => {
  await h?.close();
  h = null;
  await hume.close();
  await slack.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function startApp(): Promise<AppHarness> {
  const harness = await startAppHarness({ clock, book, hume, slack, dataDir, env: { POLL_INTERVAL: '1s' } });
  await runFor(harness, 1000);
  return harness;
}

async function reply(harness: AppHarness, text: string): Promise<{ type: unknown; text: string }> {
  const { responseUrl } = await harness.command(text);
  const body = (await harness.responseTo(responseUrl)).body;
  expect(validateMessage({ text: String(body.text), blocks: body.blocks })).toEqual([]);
  return { type: body.response_type, text: JSON.stringify(body.blocks) };
}

const digests = (): StoredMessage[] => slack.messages.filter((m) => m.channel === HERE && /^(Daily|Weekly) digest/.test(m.text));
const digestPosts = (): SlackCall[] => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === HERE && /^(Daily|Weekly) digest/.test(String(c.args.text)));

/** The app sleeps until `at` (the fake clock jumps), then wakes to what came due. */
async function sleepUntil(harness: AppHarness, at: number): Promise<void> {
  clock.finishAt(at);
  await runFor(harness, 1000);
}

test('"digest daily" two minutes ahead posts one digest at that minute, and nothing more until the next day', async () => {
  await world();
  h = await startApp();
  // 07:00 in New York: 07:02 there is 12:02 UTC today.
  const due = Date.UTC(2026, 10, 28, 12, 2);
  const set = await reply(h, 'digest daily 7:02');
  expect(set.type).toBe('in_channel');
  expect(set.text).toContain(`<@${USER}> set a digest for this channel: every day at 07:02 (America/New_York)`);
  expect(set.text).toContain(`The first comes <!date^${due / 1000}^`);

  const jobs = Array.from({ length: 4 }, () => book.add({}));
  await runFor(h, 2000);
  jobs.forEach((j) => book.start(j.job_id));
  await runFor(h, 5000);
  book.complete(jobs[0]!.job_id);
  await runFor(h, 20_000);
  book.complete(jobs[1]!.job_id);
  book.fail(jobs[2]!.job_id, 'Failed to download media from URL 42');
  await runUntil(h, () => digests().length === 1, 'the digest', 5 * MINUTE);

  const [post] = digestPosts();
  expect(post!.at).toBeGreaterThanOrEqual(due);
  expect(post!.at).toBeLessThan(due + MINUTE);
  const [digest] = digests();
  expect(digest!.text).toBe('Daily digest: 4 jobs — 1 running, 2 completed, 1 failed; 1 job queued or running');
  expect(validateMessage({ text: digest!.text, blocks: digest!.blocks })).toEqual([]);
  const blocks = digest!.blocks as { type: string; rows?: { text: string }[][] }[];
  const counts = blocks.find((b) => b.type === 'table')!;
  expect(counts.rows!.map((row) => row.map((cell) => cell.text))).toEqual([
    ['Status', 'Jobs', 'Share'],
    ['Queued', '0', '0%'],
    ['Running', '1', '25%'],
    ['Completed', '2', '50%'],
    ['Failed', '1', '25%'],
    ['Total', '4', '100%'],
  ]);
  const shown = JSON.stringify(blocks);
  expect(shown).toContain('1 job: Failed to download media from URL 42');
  expect(shown).toContain('*Slowest*');
  expect(shown).toContain(jobs[1]!.job_id.slice(0, 8));
  expect(shown).toContain('*Running now* (1 job)');
  expect(shown).toContain(jobs[3]!.job_id.slice(0, 8));
  expect(shown).toMatch(/every day at 07:02 \(America\/New_York\)/);
  expect(shown).not.toContain('posted late');
  expect((await reply(h, 'digest')).text).toContain(`Last one: <!date^${due / 1000}^`);

  // Nothing more that day: ten quiet minutes, then the app sleeps until just before tomorrow's.
  await runFor(h, 10 * MINUTE);
  await sleepUntil(h, due + DAY - 2 * MINUTE);
  await runFor(h, MINUTE);
  expect(digests()).toHaveLength(1);
  await runUntil(h, () => digests().length === 2, "the next day's digest", 5 * MINUTE);
  expect(digestPosts()[1]!.at).toBeGreaterThanOrEqual(due + DAY);
  expect(digestPosts()[1]!.at).toBeLessThan(due + DAY + MINUTE);
  // It counts from the first digest on: those jobs were before it, nothing new since.
  expect(digests()[1]!.text).toBe('Daily digest: no new jobs; 1 job queued or running');
  await runFor(h, 5 * MINUTE);
  expect(digests()).toHaveLength(2);
});

test('"digest weekdays 9:00" skips Saturday and Sunday where the caller is', async () => {
  await world();
  h = await startApp();
  // Saturday 07:00 in New York: the first is Monday 09:00 there, 14:00 UTC.
  const monday = Date.UTC(2026, 10, 30, 14);
  const set = await reply(h, 'digest weekdays 9am');
  expect(set.text).toContain('Monday to Friday at 09:00 (America/New_York)');
  expect(set.text).toContain(`The first comes <!date^${monday / 1000}^`);
  for (const day of [Date.UTC(2026, 10, 28, 14), Date.UTC(2026, 10, 29, 14)]) {
    await sleepUntil(h, day - MINUTE);
    await runFor(h, 5 * MINUTE);
    expect(digests()).toHaveLength(0);
  }
  await sleepUntil(h, monday - MINUTE);
  await runUntil(h, () => digests().length === 1, "Monday's digest", 5 * MINUTE);
  expect(digestPosts()[0]!.at - monday).toBeLessThan(MINUTE);
  expect(digestPosts()[0]!.at).toBeGreaterThanOrEqual(monday);
});

test('a change of daylight-saving time keeps the digest at 09:00 local time', async () => {
  // Saturday 2027-03-13, 07:00 in New York (EST, UTC−5); clocks go forward on Sunday the 14th.
  await world(Date.UTC(2027, 2, 13, 12));
  h = await startApp();
  await reply(h, 'digest daily 9:00');
  const saturday = Date.UTC(2027, 2, 13, 14); // 09:00 EST
  const sunday = Date.UTC(2027, 2, 14, 13); // 09:00 EDT, an hour earlier in UTC
  await sleepUntil(h, saturday - 2 * MINUTE);
  await runUntil(h, () => digests().length === 1, "Saturday's digest", 5 * MINUTE);
  expect(digestPosts()[0]!.at - saturday).toBeLessThan(MINUTE);
  await sleepUntil(h, sunday - 2 * MINUTE);
  await runUntil(h, () => digests().length === 2, "Sunday's digest", 5 * MINUTE);
  expect(digestPosts()[1]!.at).toBeGreaterThanOrEqual(sunday);
  expect(digestPosts()[1]!.at - sunday).toBeLessThan(MINUTE);
});

test('an app down across the digest time posts ONE digest when it is back, covering the whole time', async () => {
  await world();
  h = await startApp();
  const setAt = clock.now();
  await reply(h, 'digest daily 7:02');
  const job = book.add({});
  await runFor(h, 3000);
  book.fail(job.job_id, 'Transcription failed');
  await runFor(h, 3000);
  await h.close();
  h = null;

  // Down for three days and a bit: three digest times missed.
  clock.finishAt(Date.UTC(2026, 11, 1, 15));
  h = await startApp();
  await runUntil(h, () => digests().length === 1, 'the catch-up digest', 5 * MINUTE);
  await runFor(h, 5 * MINUTE);
  expect(digests()).toHaveLength(1);
  const [digest] = digests();
  expect(digest!.text).toBe('Daily digest: 1 job — 1 failed; 0 jobs queued or running');
  const shown = JSON.stringify(digest!.blocks);
  expect(shown).toContain(`due <!date^${Date.UTC(2026, 11, 1, 12, 2) / 1000}^`);
  expect(shown).toContain('posted late: the app was not running then');
  expect(shown).toContain(`Since <!date^${Math.floor(setAt / 1000)}^`);

  // A second restart changes nothing: that period is taken.
  await h.close();
  h = await startApp();
  await runFor(h, 5 * MINUTE);
  expect(digests()).toHaveLength(1);
});

test('digest off stops it; "digest" says what applies; bad input gets one line saying what works', async () => {
  await world();
  h = await startApp();
  expect((await reply(h, 'digest')).text).toContain('This channel has no digest.');
  expect((await reply(h, 'digest off')).type).toBe('ephemeral');
  await reply(h, 'digest weekly mon 9:00');
  const changed = await reply(h, 'digest daily 7:02');
  expect(changed.text).toContain("changed this channel's digest (was every Monday at 09:00 (America/New_York)) to every day at 07:02");
  const again = await reply(h, 'digest daily 7:02');
  expect(again.type).toBe('ephemeral');
  expect(again.text).toContain("That is already this channel's digest.");
  const listed = await reply(h, 'subscriptions');
  expect(listed.text).toContain(':calendar: Digest every day at 07:02 (America/New_York); next <!date^');
  const off = await reply(h, 'digest off');
  expect(off.type).toBe('in_channel');
  expect(off.text).toContain(`<@${USER}> stopped this channel's digest (every day at 07:02 (America/New_York))`);
  await runFor(h, 5 * MINUTE);
  expect(digests()).toHaveLength(0);

  for (const [text, line] of [
    ['digest daily', "`digest daily` needs a time of day: e.g. `digest daily 9:00` (your time zone)."],
    ['digest weekly 9:00', '`weekly` needs a day: e.g. `digest weekly mon 9:00`'],
    ['digest 9:00', '`digest 9:00` needs how often: `digest daily 9:00`, `digest weekdays 9:00` or `digest weekly mon 9:00`.'],
    ['digest hourly 9:00', "`hourly` isn't a digest schedule: use `daily 9:00`, `weekdays 9:00`, `weekly mon 9:00` or `off`"],
  ] as const) {
    const ack = await h.command(text);
    expect(ack.status).toBe(200);
    expect(ack.body).toContain(line);
  }
});
