/**
 * The jobs a team would already have when it installs the app: a few hours of finished work
 * (some failed, some completed with errors), plus a handful still in flight that finish within
 * the demo's first seconds, so the first alerts arrive before anybody has typed anything.
 */
import { FAILURE_MESSAGES, type JobBook, type JobPlan } from '../simulator/job-book';

export interface HistoryOptions {
  now: number;
  /** Finished jobs spread over `spanMs` before now. */
  finished?: number;
  spanMs?: number;
  /** How much faster than real time the in-flight jobs play out. */
  speed: number;
}

const HOUR = 3_600_000;

/**
 * Every fourth job fails and every fifth has errors, whatever the seed draws: the lists need both,
 * and `/hume-jobs failed` needs more than one page to show its Next button.
 */
function historicPlan(book: JobBook, index: number): JobPlan {
  const plan = book.randomPlan();
  // Longer than a new job's plan: history reads better with runs of minutes, not seconds.
  const runMs = plan.runMs * 4;
  if (index % 4 === 1) return { ...plan, runMs, outcome: { status: 'FAILED', message: FAILURE_MESSAGES[Math.floor(index / 4) % FAILURE_MESSAGES.length] ?? 'Job failed' } };
  if (index % 5 === 3 && plan.outcome.status === 'COMPLETED') return { ...plan, runMs, outcome: { status: 'COMPLETED', numPredictions: 12 + index, numErrors: 1 + (index % 3) } };
  return { ...plan, runMs };
}

export function seedHistory(book: JobBook, options: HistoryOptions): void {
  const count = options.finished ?? 30;
  const span = options.spanMs ?? 6 * HOUR;
  // Oldest first, ending ten minutes ago: every plan (at most a few minutes long) has played out.
  for (let i = 0; i < count; i++) {
    const createdAt = options.now - span + Math.floor((i * (span - 10 * 60_000)) / count);
    book.add({ createdAt, plan: historicPlan(book, i) });
  }
  seedInFlight(book, options.now, options.speed);
}

/**
 * Two running jobs and one queued, timed from now: one completes with errors, one fails, one
 * goes through every status. Their times shrink with `speed` like every new job's, but never
 * below two seconds: the app (starting meanwhile) must see them move, not find them finished.
 */
function seedInFlight(book: JobBook, now: number, speed: number): void {
  const soon = (ms: number) => Math.max(2_000, Math.round(ms / speed));
  const ranFor = 40_000;
  book.add({
    createdAt: now - ranFor - 12_000,
    plan: { startAfterMs: 12_000, runMs: ranFor + soon(5_000), outcome: { status: 'COMPLETED', numPredictions: 24, numErrors: 2 } },
  });
  book.add({
    createdAt: now - ranFor - 3_000,
    plan: { startAfterMs: 3_000, runMs: ranFor + soon(11_000), outcome: { status: 'FAILED', message: FAILURE_MESSAGES[2] ?? 'Job failed' } },
  });
  book.add({
    createdAt: now - 1_000,
    plan: { startAfterMs: 1_000 + soon(3_000), runMs: soon(12_000), outcome: { status: 'COMPLETED', numPredictions: 16, numErrors: 0 } },
  });
}
