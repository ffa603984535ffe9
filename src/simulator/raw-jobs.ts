/**
 * Jobs the simulator sends exactly as a test wrote them: a body nested 20,000 deep, a 5 MB
 * message, an unknown status, a missing `state`. Such a job keeps its place in the book (its
 * creation time orders the lists), but its item in every list and its own GET are this text.
 */
import type { RawBatchJob } from './job-book';
import type { SimResponse } from './server';

/** Job id → the JSON text Hume "sends" for it (need not be valid JSON, nor a job). */
export type RawJobs = Map<string, string>;

const JSON_TYPE = { 'content-type': 'application/json' };

/** A list page: plain JSON unless one of its jobs has raw text, which is then spliced in as is. */
export function jobsResponse(jobs: readonly RawBatchJob[], raw: RawJobs | undefined): SimResponse {
  if (!raw || raw.size === 0 || !jobs.some((job) => raw.has(job.job_id))) return { status: 200, json: jobs };
  const items = jobs.map((job) => raw.get(job.job_id) ?? JSON.stringify(job));
  return { status: 200, headers: JSON_TYPE, rawBody: `[${items.join(',')}]` };
}

/** One job's GET. */
export function jobResponse(job: RawBatchJob, raw: RawJobs | undefined): SimResponse {
  const text = raw?.get(job.job_id);
  return text === undefined ? { status: 200, json: job } : { status: 200, headers: JSON_TYPE, rawBody: text };
}

/** `{"a":{"a":…{"a":1}…}}`, `depth` levels: built as text, since JSON.stringify would overflow. */
export function nestedJson(depth: number, key = 'a'): string {
  return `{"${key}":`.repeat(depth) + '1' + '}'.repeat(depth);
}
