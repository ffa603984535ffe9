/**
 * Overdue floods fold: when Hume's queue stalls, the 30 jobs that go overdue in one cycle make
 * one message per channel, with the channel's mention once, and the jobs that already have a
 * message there get an overdue line in its thread. Nothing of it repeats on later cycles.
 * The whole app (poller, delivery at Slack's pace) against the simulator and the Slack stand-in.
 */
import type { StoredMessage } from '../../../src/simulator/slack-server';
import { runFor, runUntil, startAppHarness, type AppHarness } from '../../support/app-harness';

const LOUD = 'C0FLOOD';
const QUIET = 'C0FAILS';
const MENTION = '<!subteam^S0TEAM>';
const JOBS = 30;
const WITH_MESSAGES = 4;

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const inChannel = (channel: string): StoredMessage[] => h!.slack.messages.filter((m) => m.channel === channel);
const top = (channel: string) => inChannel(channel).filter((m) => m.threadTs === null);
const overdueDigests = (channel: string) => top(channel).filter((m) => /\bjobs overdue\b/.test(m.text));
const overdueLines = (channel: string) => inChannel(channel).filter((m) => /is overdue/.test(m.text));
const mentions = (m: StoredMessage) => (JSON.stringify(m.blocks).match(/<!subteam\^S0TEAM>/g) ?? []).length;

async function command(harness: AppHarness, text: string, channel: string): Promise<void> {
  const { responseUrl } = await harness.command(text, { channel_id: channel });
  await harness.responseTo(responseUrl);
}

test(`${JOBS} jobs going overdue in one cycle make one message per channel, one mention, and their thread lines`, async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s' } });
  await runFor(h, 1000);
  // LOUD follows jobs as they run, so some jobs get a message of their own there; QUIET hears of failures only.
  await command(h, 'subscribe running failed mention <!subteam^S0TEAM|@ml-oncall>', LOUD);
  await command(h, 'overdue 2m', LOUD);
  await command(h, 'subscribe failed mention <!subteam^S0TEAM|@ml-oncall>', QUIET);
  await command(h, 'overdue 2m', QUIET);

  // Submitted together; a few start, then the rest (one running digest), then the queue stalls.
  const jobs = Array.from({ length: JOBS }, () => h!.book.add({}).job_id);
  for (const id of jobs.slice(0, WITH_MESSAGES)) h.book.start(id);
  await runUntil(h, () => top(LOUD).length === WITH_MESSAGES, 'the first running alerts', 30_000);
  const own = new Map(top(LOUD).map((m) => [m.ts, m]));
  for (const id of jobs.slice(WITH_MESSAGES)) h.book.start(id);
  await runUntil(h, () => top(LOUD).length === WITH_MESSAGES + 1, 'the running digest', 30_000);
  expect(overdueLines(LOUD)).toHaveLength(0);

  await runUntil(h, () => overdueDigests(LOUD).length > 0 && overdueDigests(QUIET).length > 0, 'the overdue digests', 150_000);
  await runUntil(h, () => overdueLines(LOUD).length >= WITH_MESSAGES, 'the overdue thread lines', 30_000);
  // Time for anything repeated or left over to show.
  await runFor(h, 180_000);

  for (const channel of [LOUD, QUIET]) {
    const [digest, ...more] = overdueDigests(channel);
    expect(more).toHaveLength(0);
    expect(digest!.text).toMatch(new RegExp(`^${MENTION.replace(/[\\^$|()[\]]/g, '\\$&')} ${JOBS} jobs overdue — ${JOBS} running`));
    expect(mentions(digest!)).toBe(1);
    // Every job is counted, some listed by their short ids.
    expect(JSON.stringify(digest!.blocks)).toContain(jobs[0]!.slice(0, 8));
  }
  // Only one top-level message per channel about it: no job of the flood got its own overdue message.
  expect(top(LOUD).filter((m) => /overdue/i.test(m.text))).toHaveLength(1);
  expect(top(QUIET)).toHaveLength(1);
  // The jobs with a message in LOUD got one overdue line each in its thread, without the mention.
  const lines = overdueLines(LOUD);
  expect(lines).toHaveLength(WITH_MESSAGES);
  expect(new Set(lines.map((m) => m.threadTs))).toEqual(new Set(own.keys()));
  for (const line of lines) expect(mentions(line)).toBe(0);
  expect(overdueLines(QUIET)).toHaveLength(0);
});
