/**
 * A person deletes a job's alert message in Slack. Its next change cannot edit it (Slack answers
 * message_not_found, forever): the change is posted as a new message for the job, later changes
 * edit that one, and the channel's other alerts are not held up.
 */
import { runUntil, type AppHarness } from '../../support/app-harness';
import { startOnStandIn } from '../../support/stand-in-app';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const HERE = 'CDELETE';

test('a deleted alert is posted afresh on the next change, and nothing behind it waits', async () => {
  h = await startOnStandIn({});
  const harness = h;
  await harness.app.store.subscribe(HERE, ['running', 'completed', 'failed'], null, 'U1', harness.clock.now());
  const live = () => harness.slack.messages.filter((m) => m.channel === HERE && m.threadTs === null && !m.deleted);
  const job = harness.book.add({});
  harness.book.start(job.job_id);
  await runUntil(harness, () => live().length === 1, 'the running alert', 20_000);
  harness.slack.deleteMessage(HERE, live()[0]!.ts);

  harness.book.complete(job.job_id, { numPredictions: 3, numErrors: 0 });
  const other = harness.book.add({});
  harness.book.start(other.job_id);
  await runUntil(harness, () => live().length === 2, "the completed job's new message and the other job's alert", 20_000);
  const [again, second] = [live().find((m) => JSON.stringify(m.blocks).includes(job.job_id)), live().find((m) => JSON.stringify(m.blocks).includes(other.job_id))];
  expect(again?.text).toMatch(/completed/i);
  expect(second?.text).toMatch(/running/i);

  // The re-posted message is the job's message now: its later changes edit it.
  expect(await harness.app.store.messageRef(HERE, job.job_id)).toBe(again!.ts);
});
