/**
 * How a job's status reads everywhere: one emoji and one word per kind, so a list, a details
 * view and an alert never disagree. "Completed with errors" is its own case (`COMPLETED` with `num_errors > 0`).
 */
import { completedWithErrors, type Job, type StatusKind } from '../jobs/job';
import { plural } from './mrkdwn';

export interface StatusLabel {
  emoji: string;
  word: string;
}

const LABELS: Record<StatusKind, StatusLabel> = {
  queued: { emoji: ':hourglass_flowing_sand:', word: 'Queued' },
  running: { emoji: ':arrows_counterclockwise:', word: 'Running' },
  completed: { emoji: ':white_check_mark:', word: 'Completed' },
  failed: { emoji: ':x:', word: 'Failed' },
};

/** The label of a status kind alone, for places that name a kind rather than a job. */
export function kindLabel(kind: StatusKind): StatusLabel {
  return LABELS[kind];
}

export function statusLabel(job: Job): StatusLabel {
  if (completedWithErrors(job)) {
    return { emoji: ':warning:', word: `Completed with ${plural(job.numErrors ?? 0, 'error')}` };
  }
  return kindLabel(job.status);
}

/** `:warning: Completed with 3 errors`: for mrkdwn, where the emoji code renders. */
export function statusText(job: Job): string {
  const { emoji, word } = statusLabel(job);
  return `${emoji} ${word}`;
}

/** The word alone, for fallback text: notifications and screen readers read words better than emoji codes. */
export function statusWord(job: Job): string {
  return statusLabel(job).word;
}
