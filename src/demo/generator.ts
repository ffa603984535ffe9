/**
 * New work arriving: a job submitted every few seconds with the book's realistic plan, so jobs
 * move queued → running → completed/failed while the demo runs. Seeded, so runs look alike.
 */
import { mulberry32, type JobBook, type JobPlan } from '../simulator/job-book';

export interface JobGenerator {
  stop(): void;
}

export interface GeneratorOptions {
  book: JobBook;
  /** Average time between two new jobs, at any speed. */
  everyMs: number;
  /**
   * How much faster than real time each job plays out. Arrivals do not speed up: each job makes
   * up to three Slack calls (post, edit, thread line) and Slack takes about one per second per
   * channel, so faster arrivals would only make the alerts fall further and further behind.
   */
  speed: number;
  seed: number;
}

/** A plan played `speed` times faster: the same story, told sooner. */
export function scalePlan(plan: JobPlan, speed: number): JobPlan {
  return { ...plan, startAfterMs: Math.round(plan.startAfterMs / speed), runMs: Math.round(plan.runMs / speed) };
}

export function startJobGenerator(options: GeneratorOptions): JobGenerator {
  const random = mulberry32(options.seed);
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    // Anywhere from half to one and a half times the average: arrivals are never a metronome.
    const delay = options.everyMs * (0.5 + random());
    timer = setTimeout(() => {
      options.book.add({ plan: scalePlan(options.book.randomPlan(), options.speed) });
      schedule();
    }, delay);
    // The demo decides when to end; a pending arrival must not keep the process alive.
    timer.unref();
  };
  schedule();
  return { stop: () => clearTimeout(timer) };
}
