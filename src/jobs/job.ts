/**
 * The one job model the whole app speaks. Each Hume source (batch jobs, runs) maps its own
 * payloads onto it, so commands, messages and alerts are written once.
 */

/** Which Hume API the jobs come from (`HUME_SOURCE`). */
export type SourceName = 'batch' | 'runs';

/** The four status kinds the grammar and the alerts use. */
export type StatusKind = 'queued' | 'running' | 'completed' | 'failed';

export const STATUS_KINDS: readonly StatusKind[] = ['queued', 'running', 'completed', 'failed'];

/** A count per status kind, all zero: counts start here. */
export function zeroCounts(): Record<StatusKind, number> {
  return { queued: 0, running: 0, completed: 0, failed: 0 };
}

export interface InputFile {
  name: string | null;
  contentType: string | null;
  md5: string | null;
}

/** What went into the job. Text bodies are never kept: only how many there were. */
export interface JobInputs {
  files: InputFile[];
  urls: string[];
  textCount: number;
}

/** A model that was requested, with the options it ran under (batch only). */
export interface ModelRequest {
  name: string;
  options: Record<string, unknown>;
}

/** Problems a run reported (runs only): counts by kind, and whether the log was capped. */
export interface ProblemSummary {
  counts: Record<string, number>;
  capped: boolean;
}

export interface Job {
  /** Full id: `job_id` (batch) or `run_id` (runs). */
  id: string;
  source: SourceName;
  status: StatusKind;
  /** The source's own word: `QUEUED`, `IN_PROGRESS`, `live`, `errored`… */
  rawStatus: string;
  /** Unix ms. Batch: creation time; runs: start time (runs have no separate creation). */
  createdAt: number | null;
  startedAt: number | null;
  endedAt: number | null;
  inputs: JobInputs;
  /** Batch: requested models. Empty for runs. */
  models: ModelRequest[];
  /** Runs only: `audio` / `video` and `realtime` / `file`. */
  endpoint: string | null;
  mode: string | null;
  numPredictions: number | null;
  numErrors: number | null;
  /** Why it failed (batch `state.message`), or a sentence the source derived (runs close code). */
  errorMessage: string | null;
  userId: string | null;
  /** Runs only, filled when the details were fetched. */
  problems?: ProblemSummary;
  /** Set by the poller when Hume's answers for this job could not be read for a while. */
  unreadable?: UnreadableMark;
}

/** Hume's answer for a tracked job kept failing: the job shows its last readable state and why. */
export interface UnreadableMark {
  /** Unix ms of the first failure in the row. */
  since: number;
  /** Failed reads in a row when it was marked. */
  failures: number;
  /** One line: what was wrong with the answer (HTTP status, missing field…). */
  reason: string;
}

/** Short id shown in lists: the first 8 characters, like a short git hash. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** "Completed with errors" is its own case for batch jobs: `COMPLETED` with `num_errors > 0`. */
export function completedWithErrors(job: Job): boolean {
  return job.status === 'completed' && (job.numErrors ?? 0) > 0;
}

/** Time spent waiting in the queue, in ms, when both ends are known. */
export function queueWaitMs(job: Job): number | null {
  if (job.createdAt === null || job.startedAt === null) return null;
  return Math.max(0, job.startedAt - job.createdAt);
}

/** Time spent running, in ms; for a job still running, up to `now`. */
export function runTimeMs(job: Job, now: number): number | null {
  if (job.startedAt === null) return null;
  const end = job.endedAt ?? (job.status === 'running' ? now : null);
  return end === null ? null : Math.max(0, end - job.startedAt);
}
