/**
 * Phrases about one job that the list and the details share, so both describe inputs, models
 * and times the same way. Each returns escaped mrkdwn.
 */
import { queueWaitMs, runTimeMs, shortId, STATUS_KINDS, type Job, type JobInputs, type SourceName, type StatusKind } from '../jobs/job';
import { clip, code, formatDuration, plural, slackDate } from './mrkdwn';

/** "faces.zip +2 more", "3 texts", "`https://x/a.mp4` +1 more · 2 texts". */
export function describeInputs(inputs: JobInputs, max: number): string {
  const file = inputs.files[0];
  const url = inputs.urls[0];
  // A URL goes in a code span: shown as text, never a link that unfurls.
  const first = file ? clip(file.name ?? 'unnamed file', max) : url !== undefined ? code(url, max) : null;
  const others = inputs.files.length + inputs.urls.length - 1;
  const parts: string[] = [];
  if (first !== null) parts.push(others > 0 ? `${first} +${others} more` : first);
  if (inputs.textCount > 0) parts.push(plural(inputs.textCount, 'text'));
  return parts.length > 0 ? parts.join(' · ') : 'no inputs';
}

/** Batch: the requested models; runs: endpoint and mode. */
export function describeWork(job: Job, max: number): string {
  if (job.source === 'runs') {
    return `${clip(job.endpoint ?? 'unknown endpoint', max)} · ${clip(job.mode ?? 'unknown mode', max)}`;
  }
  return job.models.length > 0 ? clip(job.models.map((m) => m.name).join(', '), max) : 'no models listed';
}

/**
 * What a line about one job names after its id: a batch job's inputs, a run's endpoint and mode.
 * A run carries no inputs (the runs API does not list what was measured), so never "no inputs".
 */
export function describeSubject(job: Job, max: number): string {
  return job.source === 'runs' ? describeWork(job, max) : describeInputs(job.inputs, max);
}

/** Inputs and models (batch), endpoint and mode (runs): the second line of an alert. */
export function describeJob(job: Job, caps: { input: number; work: number }): string {
  return job.source === 'runs' ? describeWork(job, caps.work) : `${describeInputs(job.inputs, caps.input)} · ${describeWork(job, caps.work)}`;
}

/** What a source calls one of its jobs. */
export function nounOf(source: SourceName): 'job' | 'run' {
  return source === 'runs' ? 'run' : 'job';
}

/** The status kinds a source has, in display order: a run is never queued (it starts at once). */
export function kindsOf(source: SourceName): readonly StatusKind[] {
  return source === 'runs' ? STATUS_KINDS.filter((kind) => kind !== 'queued') : STATUS_KINDS;
}

/** Runs have no creation time of their own, so they are placed by their start (filters on runs apply to `started_at`). */
export function placedAt(job: Job): { label: 'created' | 'started'; at: number | null } {
  return job.source === 'runs' ? { label: 'started', at: job.startedAt } : { label: 'created', at: job.createdAt };
}

export function dateOrUnknown(at: number | null): string {
  return at === null ? 'unknown' : slackDate(at);
}

/** A span of time, and whether it is still growing (a job still queued or running). */
export interface Span {
  ms: number;
  ongoing: boolean;
}

/** How long the job waited in the queue (batch only: runs start at once) and how long it ran. */
export function timing(job: Job, now: number): { wait: Span | null; run: Span | null } {
  const waited = queueWaitMs(job);
  const wait =
    job.status === 'queued' && job.createdAt !== null
      ? { ms: now - job.createdAt, ongoing: true }
      : waited !== null && job.source === 'batch'
        ? { ms: waited, ongoing: false }
        : null;
  const ran = runTimeMs(job, now);
  return { wait, run: ran === null ? null : { ms: ran, ongoing: job.status === 'running' } };
}

/** The list's words for `timing`: "waited 83 ms · ran 474 ms", "running for 3 min 5 s". */
export function durations(job: Job, now: number): string {
  const { wait, run } = timing(job, now);
  const parts: string[] = [];
  if (wait) parts.push(`${wait.ongoing ? 'waiting' : 'waited'} ${formatDuration(wait.ms)}`);
  if (run) parts.push(`${run.ongoing ? 'running for' : 'ran'} ${formatDuration(run.ms)}`);
  return parts.join(' · ');
}

/** "10 predictions · 0 errors", or '' when the source reported neither. */
export function counts(job: Job): string {
  const parts: string[] = [];
  if (job.numPredictions !== null) parts.push(plural(job.numPredictions, 'prediction'));
  if (job.numErrors !== null) parts.push(plural(job.numErrors, 'error'));
  return parts.join(' · ');
}

/** The short id as inline code: ids come from Hume, so they are escaped like any other string. */
export function shortIdCode(id: string): string {
  return code(shortId(id), 60);
}
