/**
 * What a poll cycle's reading means against what the store knew: which jobs are new, which
 * tracked ones changed status, which were marked unreadable and can be read again with no
 * change, and which left (Hume no longer knows them). Pure: the poller turns it into rows and
 * alerts.
 */
import type { Job } from '../jobs/job';
import type { TrackedJob } from '../store/store';

export interface JobMove {
  job: Job;
  /** The tracked state before this cycle; absent for a job seen for the first time. */
  before?: TrackedJob;
}

export interface JobDiff {
  /** New jobs and status changes, in the order they were read (alerts follow this order). */
  moved: JobMove[];
  /** Tracked jobs marked unreadable that answered again with the same status. */
  readableAgain: Required<JobMove>[];
  /** Tracked active jobs Hume no longer knows (deleted). */
  left: TrackedJob[];
}

export function diffJobs(observed: Iterable<Job>, previous: ReadonlyMap<string, TrackedJob>, vanished: readonly TrackedJob[] = []): JobDiff {
  const moved: JobMove[] = [];
  const readableAgain: Required<JobMove>[] = [];
  for (const job of observed) {
    const before = previous.get(job.id);
    if (!before) moved.push({ job });
    else if (before.status !== job.status) moved.push({ job, before });
    else if (before.snapshot.unreadable) readableAgain.push({ job, before });
  }
  return { moved, readableAgain, left: [...vanished] };
}
