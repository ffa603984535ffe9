/**
 * The Hume simulator in a process of its own, so its CPU (answering list requests over 100,000
 * jobs) never counts in the figures of the process being measured. Driven over IPC by sim-client.
 * Run with `node --import tsx bench/support/sim-child.ts` (fork does this).
 */
import { systemClock } from '../../src/clock';
import { createJobBook, mulberry32 } from '../../src/simulator/job-book';
import { startHumeSimulator } from '../../src/simulator/server';
import type { SimCall, SimMessage, SimOp, SimResults } from './sim-protocol';

const WEEK_MS = 7 * 24 * 3_600_000;
/** History ends this long ago: older than any poll look-back, so it is history, not news. */
const HISTORY_GAP_MS = 10 * 60_000;

async function main(): Promise<void> {
  const book = createJobBook({ clock: systemClock, seed: 2026 });
  const random = mulberry32(17);
  const hume = await startHumeSimulator({ book });
  let history = 0;

  function handle(request: SimOp): SimResults[SimOp['op']] {
    switch (request.op) {
      case 'grow': {
        const now = Date.now();
        // Creation times at random over the week: growing the book interleaves old and new, as
        // a real account's history would look to a watcher that never saw it before.
        for (; history < request.total; history++) {
          const createdAt = now - HISTORY_GAP_MS - Math.floor(random() * WEEK_MS);
          book.add({ createdAt, plan: book.randomPlan() });
        }
        return { jobs: history };
      }
      case 'addActive': {
        const now = Date.now();
        const queued = Array.from({ length: request.queued }, () => book.add({ createdAt: now - 60_000 - Math.floor(random() * 600_000) }).job_id);
        const running = Array.from({ length: request.running }, () => {
          const job = book.add({ createdAt: now - 300_000 - Math.floor(random() * 1_200_000) });
          return book.start(job.job_id, job.state.created_timestamp_ms + 30_000).job_id;
        });
        return { queued, running };
      }
      case 'finish': {
        const at = Date.now();
        for (const move of request.moves) {
          if (move.to === 'completed') book.complete(move.id, { numPredictions: 12, numErrors: 0 }, at);
          else book.fail(move.id, undefined, at);
        }
        return { at };
      }
      case 'requests':
        return { count: hume.requests.length };
    }
  }

  process.on('message', (message: SimCall) => {
    let reply: SimMessage;
    try {
      reply = { id: message.id, result: handle(message.request) };
    } catch (error) {
      reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
    }
    process.send?.(reply);
  });
  // The parent going away (Ctrl-C, a crash) must not leave a simulator behind.
  process.on('disconnect', () => void hume.close().then(() => process.exit(0)));
  process.send?.({ ready: hume.url } satisfies SimMessage);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
