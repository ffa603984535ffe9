/**
 * Bounded lag end to end: the app polls the Hume simulator every second on a fake clock while
 * 4 jobs a second finish for a minute, all into one channel (Slack posts about one message a
 * second there). Every finish must show up in Slack once (the job's own message or a digest that
 * names it) within 15 s at p99; without the backlog fold the last ones come minutes late. Lag: the stand-in's time of the first message naming the job
 * minus the time the job finished in the simulator.
 */
import { startAppHarness, type AppHarness, runFor } from '../../support/app-harness';
import { validateMessage } from '../../support/block-kit-validator';

let h: AppHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

const CHANNEL = 'CLOAD0001';
const PER_SECOND = 4;
const SECONDS = 60;

test(`${PER_SECOND} jobs a second finish for ${SECONDS} s into one channel: each shown once, p99 lag ≤ 15 s`, async () => {
  h = await startAppHarness({ env: { POLL_INTERVAL: '1s', ALERT_CHANNEL: CHANNEL } });
  const jobs = Array.from({ length: PER_SECOND * SECONDS }, () => h!.book.add({}).job_id);
  for (const id of jobs) h.book.start(id);
  await runFor(h, 2000);
  const finishedAt = new Map<string, number>();
  for (let second = 0; second < SECONDS; second++) {
    for (let i = 0; i < PER_SECOND; i++) {
      const id = jobs[second * PER_SECOND + i]!;
      finishedAt.set(id, h.clock.now());
      h.book.complete(id);
      await runFor(h, 1000 / PER_SECOND);
    }
  }
  await runFor(h, 30_000);

  const posts = h.slack.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL && c.args.thread_ts === undefined);
  const lags: number[] = [];
  const twice: string[] = [];
  for (const id of jobs) {
    // A job's own message names it in full; a digest by its short id (the first 8 characters).
    const naming = posts.filter((c) => JSON.stringify(c.args.blocks).includes(id.slice(0, 8)));
    if (naming.length > 1) twice.push(id);
    if (naming[0]) lags.push(naming[0].at - finishedAt.get(id)!);
  }
  expect(twice).toEqual([]);
  expect(lags).toHaveLength(jobs.length);
  const sorted = [...lags].sort((a, b) => a - b);
  const p99 = sorted[Math.ceil(sorted.length * 0.99) - 1]!;
  console.log(`app, ${jobs.length} finishes over ${SECONDS} s: p99 lag ${p99 / 1000} s, max ${sorted.at(-1)! / 1000} s, ${posts.length} posts`);
  expect(p99).toBeLessThanOrEqual(15_000);
  for (const message of h.slack.messages) expect(validateMessage(message)).toEqual([]);
  expect(await h.app.store.outboxStats(h.clock.now())).toMatchObject({ pending: 0, dead: 0 });
});
