/**
 * `subscribe` and `unsubscribe` tell the channel what changed and who changed it; a command that
 * changes nothing answers only the caller.
 */
import { startAppHarness, type AppHarness } from '../../support/app-harness';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const HERE = 'CTEAM';

async function reply(harness: AppHarness, text: string): Promise<{ visibility: unknown; text: string }> {
  const ack = await harness.command(text, { channel_id: HERE });
  const body = (await harness.responseTo(ack.responseUrl)).body;
  return { visibility: body.response_type, text: JSON.stringify(body.blocks) };
}

test('each change is announced with who made it and what the channel now gets; no-ops go to the caller only', async () => {
  h = await startAppHarness();
  const first = await reply(h, 'subscribe failed');
  expect(first.visibility).toBe('in_channel');
  expect(first.text).toContain('<@U0USER> subscribed this channel to job alerts.\\nThis channel now gets an alert when a job is :x: failed.');

  const again = await reply(h, 'subscribe failed');
  expect(again.visibility).toBe('ephemeral');
  expect(again.text).toContain('Nothing changed: this channel already gets an alert when a job is :x: failed.');

  const more = await reply(h, 'subscribe running mention @oncall');
  expect(more.visibility).toBe('in_channel');
  expect(more.text).toContain('<@U0USER> added alerts for :arrows_counterclockwise: running and set failures to mention @oncall.');
  expect(more.text).toContain('This channel now gets an alert when a job is :arrows_counterclockwise: running or :x: failed. Failures mention @oncall.');

  const fewer = await reply(h, 'unsubscribe running');
  expect(fewer.visibility).toBe('in_channel');
  expect(fewer.text).toContain('<@U0USER> stopped alerts for :arrows_counterclockwise: running.\\nThis channel now only gets an alert when a job is :x: failed.');

  const notThere = await reply(h, 'unsubscribe completed');
  expect(notThere.visibility).toBe('ephemeral');
  expect(notThere.text).toContain('Nothing changed: this channel gets no alerts for :white_check_mark: completed.');

  const off = await reply(h, 'unsubscribe');
  expect(off.visibility).toBe('in_channel');
  expect(off.text).toContain('<@U0USER> turned job alerts off. This channel no longer gets job alerts.');

  const nothing = await reply(h, 'unsubscribe');
  expect(nothing.visibility).toBe('ephemeral');
  expect(nothing.text).toContain('Nothing changed: this channel gets no job alerts.');
});
