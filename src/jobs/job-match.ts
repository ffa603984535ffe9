/**
 * Which jobs an alert rule is about, beyond their status: the filter words a subscription or a
 * personal notification carries (`subscribe failed endpoint audio`, `notify me failed mine`).
 * Matched in memory against jobs the poller already read, so the number of rules never costs a
 * Hume request. Each field narrows; null means any.
 */
import type { Job } from './job';

export interface JobMatch {
  /** Runs: `realtime` or `file`. */
  mode: 'realtime' | 'file' | null;
  /** Runs: `audio` or `video`. */
  endpoint: 'audio' | 'video' | null;
  /** Runs: the Hume user who started it (`usr_…`). */
  userId: string | null;
  /** Batch: a model the job ran (`face`, `prosody`…). */
  model: string | null;
}

export const ANY_JOB: JobMatch = { mode: null, endpoint: null, userId: null, model: null };

export function matchesJob(job: Job, match: JobMatch): boolean {
  if (match.mode !== null && job.mode !== match.mode) return false;
  if (match.endpoint !== null && job.endpoint !== match.endpoint) return false;
  if (match.userId !== null && job.userId !== match.userId) return false;
  if (match.model !== null && !job.models.some((m) => m.name === match.model)) return false;
  return true;
}

/** Whether the match narrows anything: a rule without one hears about every job. */
export function isAnyJob(match: JobMatch): boolean {
  return match.mode === null && match.endpoint === null && match.userId === null && match.model === null;
}

/** Two matches select the same jobs: a rule is named (and replaced) by its statuses and its match. */
export function sameMatch(a: JobMatch, b: JobMatch): boolean {
  return a.mode === b.mode && a.endpoint === b.endpoint && a.userId === b.userId && a.model === b.model;
}
