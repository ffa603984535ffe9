/**
 * Failures grouped by cause: the same error message with numbers, ids and quoted names ignored,
 * counted together, largest group first.
 */
import type { Job } from '../jobs/job';

export interface FailureGroup {
  /** One real message of the group, as Hume sent it (escape before showing). */
  example: string;
  count: number;
  jobIds: string[];
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const HEXISH = /\b(?=[0-9a-f]*\d)[0-9a-f]{6,}\b/gi;
const QUOTED = /(["'`])(?:(?!\1).){1,200}\1/g;
const URL = /\bhttps?:\/\/\S+/gi;
const NUMBER = /\d+(?:[.,]\d+)*/g;

/** The cause behind a message: what stays when the particulars are taken out. */
export function causeKey(message: string): string {
  return message
    .toLowerCase()
    .replace(URL, '<url>')
    .replace(UUID, '<id>')
    .replace(QUOTED, '<name>')
    .replace(HEXISH, '<id>')
    .replace(NUMBER, '<n>')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A failed job's message as the groups show it: Hume's text, or a stand-in when it gave none. */
export function failureMessage(job: Job): string {
  return job.errorMessage?.trim() || 'No error message';
}

/** The cause a failed job belongs to: what groups it with others, and what a mute holds. */
export function failureCause(job: Job): string {
  return causeKey(failureMessage(job));
}

export function groupFailures(jobs: Job[]): FailureGroup[] {
  const groups = new Map<string, FailureGroup>();
  for (const job of jobs) {
    if (job.status !== 'failed') continue;
    const message = failureMessage(job);
    const key = causeKey(message);
    const group = groups.get(key) ?? { example: message, count: 0, jobIds: [] };
    group.count += 1;
    group.jobIds.push(job.id);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || a.example.localeCompare(b.example));
}
