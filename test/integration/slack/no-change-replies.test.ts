/**
 * A command that changes nothing is answered to the caller alone: the channel hears about
 * changes (who snoozed, who changed the overdue limit), not about a `snooze off` that found no
 * snooze. Checked through the whole app: signed command in, reply at the response_url out.
 */
import { startAppHarness, type AppHarness } from '../../support/app-harness';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function reply(harness: AppHarness, text: string, channel = 'C0HERE'): Promise<{ type: unknown; text: string }> {
  const { status, responseUrl } = await harness.command(text, { channel_id: channel });
  expect(status).toBe(200);
  const body = (await harness.responseTo(responseUrl)).body;
  return { type: body.response_type, text: JSON.stringify(body.blocks) };
}

test('snooze off, board off and overdue auto that change nothing answer only the caller; changes are told to the channel', async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s' } });

  // No subscription yet: nothing to snooze, no limit to set.
  expect(await reply(h, 'snooze 2h')).toMatchObject({ type: 'ephemeral', text: expect.stringContaining('nothing to snooze') });
  expect(await reply(h, 'overdue 45m')).toMatchObject({ type: 'ephemeral', text: expect.stringContaining('no job alerts yet') });

  await reply(h, 'subscribe failed');
  expect(await reply(h, 'snooze off')).toMatchObject({ type: 'ephemeral', text: expect.stringContaining('not snoozed') });
  expect(await reply(h, 'board off')).toMatchObject({ type: 'ephemeral', text: expect.stringContaining('no board in this channel') });
  const auto = await reply(h, 'overdue auto');
  expect(auto).toMatchObject({ type: 'ephemeral', text: expect.stringContaining('Nothing changed: that is already the setting here.') });
  expect(auto.text).toContain('Overdue alerts follow what is usual');

  // The same commands when they do change something are posted for everyone, with who did it.
  expect(await reply(h, 'overdue 45m')).toMatchObject({ type: 'in_channel', text: expect.stringContaining('changed overdue alerts here') });
  expect((await reply(h, 'overdue 45m')).type).toBe('ephemeral');
  expect((await reply(h, 'overdue auto')).type).toBe('in_channel');
  expect((await reply(h, 'snooze 2h')).type).toBe('in_channel');
  expect(await reply(h, 'snooze off')).toMatchObject({ type: 'in_channel', text: expect.stringContaining('ended the snooze') });
  expect((await reply(h, 'snooze off')).type).toBe('ephemeral');
});

test('with polling off, a snooze is refused to the caller only', async () => {
  h = await startAppHarness();
  await reply(h, 'subscribe failed');
  expect(await reply(h, 'snooze 2h')).toMatchObject({ type: 'ephemeral', text: expect.stringContaining('POLL_INTERVAL=off') });
});
