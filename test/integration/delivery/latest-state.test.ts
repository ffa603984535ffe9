/**
 * A job's message always ends showing the job's latest state: its alerts in a channel are
 * applied in order even when the first post is retried (429, an answer that never came), and a
 * job that comes back to a status it had is edited again.
 */
import { runFor, waitFor, type AppHarness } from '../../support/app-harness';
import { appPerTest, mainMessages } from '../../support/alert-app';

const app = appPerTest();
let h: AppHarness;

test('a first post answered 429 while the job completes: one message, showing completed', async () => {
  h = await app.start(['CJOB']);
  h.slack.faults.push({ method: 'chat.postMessage', channel: 'CJOB', status: 429, headers: { 'retry-after': '5' } });
  const job = h.book.add({});
  h.book.start(job.job_id);
  await runFor(h, 1500);
  expect(h.slack.faults).toHaveLength(0); // the "running" alert met the 429
  h.book.complete(job.job_id);
  await runFor(h, 15_000);

  const [message, ...others] = mainMessages(h.slack.messages, 'CJOB');
  expect(others).toHaveLength(0);
  expect(message!.text).toMatch(/completed/i);
  // Never edited back to running after the completed state was shown.
  const edits = h.slack.callsTo('chat.update').map((c) => String(c.args.text));
  expect(edits.at(-1) ?? message!.text).toMatch(/completed/i);
  expect(await h.app.store.outboxStats(h.clock.now())).toMatchObject({ pending: 0, dead: 0 });
});

test('a first post whose answer was lost while the job completes: still one message, showing completed', async () => {
  h = await app.start(['CLOST']);
  h.slack.faults.push({ method: 'chat.postMessage', channel: 'CLOST', lostAnswer: true });
  const job = h.book.add({});
  h.book.start(job.job_id);
  await runFor(h, 1000);
  // Slack has the message; the app is still waiting for an answer that will never come.
  await waitFor(() => mainMessages(h.slack.messages, 'CLOST').length === 1, 'the lost post to land');
  h.book.complete(job.job_id);
  await runFor(h, 20_000);

  const found = mainMessages(h.slack.messages, 'CLOST');
  expect(found).toHaveLength(1);
  expect(found[0]!.text).toMatch(/completed/i);
  expect(await h.app.store.outboxStats(h.clock.now())).toMatchObject({ pending: 0, dead: 0 });
});

test('completed → running → completed: the message ends showing completed, each change in its thread', async () => {
  h = await app.start(['CBACK']);
  const job = h.book.add({});
  h.book.start(job.job_id);
  await runFor(h, 2000);
  h.book.complete(job.job_id);
  await runFor(h, 3000);
  h.book.rerun(job.job_id); // Hume shows it running again
  await runFor(h, 3000);
  expect(mainMessages(h.slack.messages, 'CBACK')[0]!.text).toMatch(/running/i);
  h.book.complete(job.job_id);
  await runFor(h, 3000);

  const [message, ...others] = mainMessages(h.slack.messages, 'CBACK');
  expect(others).toHaveLength(0);
  expect(message!.text).toMatch(/completed/i);
  const thread = h.slack.messages.filter((m) => m.threadTs === message!.ts).map((m) => m.text);
  expect(thread).toEqual([expect.stringMatching(/Completed/), expect.stringMatching(/Running/), expect.stringMatching(/Completed/)]);
});
