/**
 * Slack's permanent answers are permanent: a deleted alert is posted anew with the job's current
 * state (and later changes edit the new message); an answer no retry can change ends that one
 * row, with its reason in `subscriptions`, a metric and the logs, and the channel goes on.
 */
import { runFor, type AppHarness } from '../../support/app-harness';
import { appPerTest, mainMessages } from '../../support/alert-app';

const app = appPerTest();
let h: AppHarness;

async function metricsText(port: number): Promise<string> {
  return (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
}

test('a deleted alert is posted anew with the current state, and later changes edit the new message', async () => {
  h = await app.start(['CDEL']);
  const job = h.book.add({});
  h.book.start(job.job_id);
  await runFor(h, 2000);
  const [first] = mainMessages(h.slack.messages, 'CDEL');
  expect(first!.text).toMatch(/running/i);
  h.slack.deleteMessage('CDEL', first!.ts);

  h.book.complete(job.job_id);
  await runFor(h, 3000);
  const [again, ...others] = mainMessages(h.slack.messages, 'CDEL');
  expect(others).toHaveLength(0);
  expect(again!.ts).not.toBe(first!.ts);
  expect(again!.text).toMatch(/completed/i);
  expect(await h.app.store.messageRef('CDEL', job.job_id)).toBe(again!.ts);

  h.book.rerun(job.job_id);
  await runFor(h, 3000);
  expect(mainMessages(h.slack.messages, 'CDEL')).toEqual([expect.objectContaining({ ts: again!.ts, text: expect.stringMatching(/running/i) })]);
  expect(await h.app.store.outboxStats(h.clock.now())).toMatchObject({ pending: 0, dead: 0 });
});

test('an alert Slack refuses for good is given up with its reason, shown in subscriptions, a metric and the logs', async () => {
  h = await app.start(['CBAD']);
  // docs.slack.dev/reference/methods/chat.postMessage: invalid_blocks; chat.update: cant_update_message.
  h.slack.faults.push({ method: 'chat.postMessage', channel: 'CBAD', error: 'invalid_blocks' });
  const refused = h.book.add({});
  const edited = h.book.add({});
  h.book.start(refused.job_id);
  h.book.start(edited.job_id);
  await runFor(h, 3000);
  h.slack.faults.push({ method: 'chat.update', channel: 'CBAD', error: 'cant_update_message' });
  h.book.complete(edited.job_id);
  await runFor(h, 3000);
  // The channel goes on: a later alert of the refused job posts its message.
  h.book.complete(refused.job_id);
  await runFor(h, 3000);

  expect(await h.app.store.outboxStats(h.clock.now())).toMatchObject({ pending: 0, dead: 2 });
  expect(mainMessages(h.slack.messages, 'CBAD').map((m) => m.text)).toEqual(
    expect.arrayContaining([expect.stringMatching(/running/i), expect.stringMatching(/completed/i)]),
  );
  const ack = await h.command('subscriptions', { channel_id: 'CBAD' });
  const reply = JSON.stringify((await h.responseTo(ack.responseUrl)).body);
  expect(reply).toMatch(/2 alerts given up/);
  expect(reply).toMatch(/invalid_blocks/);
  expect(reply).toMatch(/cant_update_message/);
  const all = await h.command('subscriptions all', { channel_id: 'COTHER' });
  expect(JSON.stringify((await h.responseTo(all.responseUrl)).body)).toMatch(/given up/);
  const metrics = await metricsText(h.port);
  expect(metrics).toMatch(/hume_jobs_alerts_given_up_total\{reason="invalid_blocks"\} 1/);
  expect(metrics).toMatch(/hume_jobs_alerts_given_up_total\{reason="cant_update_message"\} 1/);
  const givenUpLogs = h.logs.filter((line) => line.includes('alert given up'));
  expect(givenUpLogs).toHaveLength(2);
  expect(givenUpLogs.join('\n')).toMatch(/invalid_blocks[\s\S]*cant_update_message/);
});

test('a channel archived while it has alerts stops alone and says why; subscribing again there resumes them', async () => {
  h = await app.start(['CARCH', 'CFINE'], ['completed']);
  h.slack.controls.channelError('CARCH', 'is_archived');
  const job = h.book.add({});
  h.book.complete(job.job_id);
  await runFor(h, 3000);
  expect(mainMessages(h.slack.messages, 'CFINE')).toHaveLength(1);
  expect(mainMessages(h.slack.messages, 'CARCH')).toHaveLength(0);
  const list = await h.command('subscriptions', { channel_id: 'CARCH' });
  expect(JSON.stringify((await h.responseTo(list.responseUrl)).body)).toMatch(/is_archived/);
  // Held, not given up: the alert is still there for when the channel is back.
  expect(await h.app.store.outboxStats(h.clock.now())).toMatchObject({ pending: 1, dead: 0 });

  h.slack.controls.channelError('CARCH', null);
  const again = await h.command('subscribe completed', { channel_id: 'CARCH' });
  await h.responseTo(again.responseUrl);
  await runFor(h, 3000);
  expect(mainMessages(h.slack.messages, 'CARCH')).toHaveLength(1);
  expect(await h.app.store.outboxStats(h.clock.now())).toMatchObject({ pending: 0, dead: 0 });
});
