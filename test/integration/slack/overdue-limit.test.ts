/**
 * `overdue 45m`, per channel: a job running past the channel's own limit gets exactly one
 * overdue alert there (none before the limit, none again later), `overdue off` silences a
 * channel, and the setting shows in `subscriptions`.
 */
import type { StoredMessage } from '../../../src/simulator/slack-server';
import { runFor, runUntil, startAppHarness, type AppHarness } from '../../support/app-harness';

const HERE = 'C0LIST';
const QUIET = 'C0QUIET';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const overdueMessages = (channel: string): StoredMessage[] => h!.slack.messages.filter((m) => m.channel === channel && /is overdue/.test(m.text));

async function reply(harness: AppHarness, text: string, channel = HERE): Promise<{ type: unknown; text: string }> {
  const { responseUrl } = await harness.command(text, { channel_id: channel });
  const body = (await harness.responseTo(responseUrl)).body;
  return { type: body.response_type, text: JSON.stringify(body.blocks) };
}

test('a channel limit brings one overdue alert past it, and overdue off brings none', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s' } });
  await runFor(h, 1000);
  // Subscribed to completions only: without a limit of its own this channel hears of no overdue job.
  await reply(h, 'subscribe completed');
  const set = await reply(h, 'overdue 2m');
  expect(set.type).toBe('in_channel');
  expect(set.text).toContain('A job queued or running longer than 2 min gets one overdue alert here.');
  await reply(h, 'subscribe failed', QUIET);
  await reply(h, 'overdue 2m', QUIET);
  expect((await reply(h, 'overdue off', QUIET)).text).toContain('Overdue alerts are off here.');

  const stuck = h.book.add({});
  h.book.start(stuck.job_id);
  await runFor(h, 110_000);
  expect(overdueMessages(HERE)).toHaveLength(0);
  await runUntil(h, () => overdueMessages(HERE).length > 0, 'the overdue alert', 60_000);
  expect(overdueMessages(HERE)).toHaveLength(1);
  expect(overdueMessages(HERE)[0]!.text).toMatch(new RegExp(`^Job ${stuck.job_id.slice(0, 8)} is overdue: running for 2 min( \\d+ s)? \\(limit 2 min\\)`));
  await runFor(h, 180_000);
  expect(overdueMessages(HERE)).toHaveLength(1);
  expect(overdueMessages(QUIET)).toHaveLength(0);

  const status = await reply(h, 'overdue');
  expect(status.type).toBe('ephemeral');
  expect(status.text).toContain('longer than 2 min');
  expect((await reply(h, 'subscriptions')).text).toContain('longer than 2 min gets one overdue alert here');
  expect((await reply(h, 'subscriptions all')).text).toMatch(/C0QUIET>.*overdue alerts off/);
  expect((await reply(h, 'overdue 45m', 'C0NONE')).text).toContain('This channel gets no job alerts yet');
});
