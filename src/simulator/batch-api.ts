/**
 * The simulator's batch jobs API (`/v0/batch/jobs…`), with the real semantics of every list
 * parameter. What the reference leaves open is a switch, so tests can check both readings:
 * whether `created_before/after` include the boundary ms, and whether jobs sharing a
 * millisecond come back in a stable order.
 */
import { mulberry32, type JobBook, type RawBatchJob } from './job-book';
import type { SimRequest, SimResponse, SimRoute } from './server';

export interface BatchApiOptions {
  book: JobBook;
  /** `created_before=T` means `<= T` (true) or `< T` (false). */
  boundsInclusive?: boolean;
  /** Jobs sharing a sort key come back in a different order on every request. */
  unstableTies?: boolean;
}

const STATUSES = new Set(['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED']);
const SORT_KEYS = { created: 'created_timestamp_ms', started: 'started_timestamp_ms', ended: 'ended_timestamp_ms' } as const;
const DEFAULT_LIMIT = 50;
const ROUTE = /^\/v0\/batch\/jobs(?:\/([^/]+)(\/predictions)?)?\/?$/;
const EMOTIONS = ['Calmness', 'Concentration', 'Confusion', 'Interest', 'Joy', 'Sadness', 'Tiredness'];

export function createBatchApi(options: BatchApiOptions): SimRoute {
  const { book } = options;
  const shuffle = mulberry32(7);

  function list(query: SimRequest['query']): SimResponse {
    const statuses = all(query.status);
    const unknown = statuses.find((status) => !STATUSES.has(status));
    if (unknown !== undefined) return problem(400, `invalid status: ${unknown}`);
    const limit = first(query.limit) === undefined ? DEFAULT_LIMIT : Number(first(query.limit));
    if (!Number.isInteger(limit) || limit < 1) return problem(400, 'limit must be a positive integer');
    const when = first(query.when);
    if (when !== undefined && when !== 'created_before' && when !== 'created_after') return problem(400, `invalid when: ${when}`);
    const at = first(query.timestamp_ms) === undefined ? book.clock.now() : Number(first(query.timestamp_ms));
    if (!Number.isFinite(at)) return problem(400, 'timestamp_ms must be a number');
    const sortBy = first(query.sort_by) ?? 'created';
    if (!(sortBy in SORT_KEYS)) return problem(400, `invalid sort_by: ${sortBy}`);
    const direction = first(query.direction) ?? 'desc';
    if (direction !== 'asc' && direction !== 'desc') return problem(400, `invalid direction: ${direction}`);

    const key = SORT_KEYS[sortBy as keyof typeof SORT_KEYS];
    const sign = direction === 'asc' ? 1 : -1;
    const jobs = book
      .list()
      .filter((job) => statuses.length === 0 || statuses.includes(job.state.status))
      .filter((job) => when === undefined || inBound(job.state.created_timestamp_ms, when, at, options.boundsInclusive ?? false))
      .map((job) => ({ job, tie: options.unstableTies ? shuffle() : 0 }))
      .sort((a, b) => {
        const [x, y] = [a.job.state[key], b.job.state[key]];
        // Jobs without the key (not started or not ended yet) come last in both directions.
        if (x === undefined || y === undefined) return (x === undefined ? 1 : 0) - (y === undefined ? 1 : 0) || a.tie - b.tie;
        return sign * (x - y) || a.tie - b.tie;
      })
      .slice(0, limit)
      .map(({ job }) => job);
    return { status: 200, json: jobs };
  }

  return (request) => {
    const match = ROUTE.exec(request.path);
    if (!match) return null;
    if (request.method !== 'GET') return problem(405, 'method not allowed');
    const [, rawId, predictions] = match;
    if (rawId === undefined) return list(request.query);
    const job = book.get(decodeURIComponent(rawId));
    if (!job) return problem(404, 'job not found');
    if (!predictions) return { status: 200, json: job };
    if (job.state.status !== 'COMPLETED') return problem(400, 'job has not completed');
    return { status: 200, json: predictionsFor(job) };
  };
}

function inBound(created: number, when: 'created_before' | 'created_after', at: number, inclusive: boolean): boolean {
  if (created === at) return inclusive;
  return when === 'created_before' ? created < at : created > at;
}

/** A small but well-formed predictions body: one entry per input, errors on the first ones. */
function predictionsFor(job: RawBatchJob): unknown[] {
  const { request, state } = job;
  const sources = [
    ...request.files.map((file) => ({ source: { type: 'file', ...file }, name: file.filename })),
    ...request.urls.map((url) => ({ source: { type: 'url', url }, name: url.split('/').pop() ?? url })),
    ...request.text.map((_, i) => ({ source: { type: 'text' }, name: `text-${i + 1}` })),
  ];
  const models = Object.keys(request.models).filter((name) => request.models[name] !== null);
  return sources.map(({ source, name }, i) => ({
    source,
    results: {
      predictions: [{ file: name, models: Object.fromEntries(models.map((model) => [model, groupedPrediction(job.job_id, i)])) }],
      errors: i < (state.num_errors ?? 0) ? [{ message: 'E0202: No audio signal detected in media', file: name }] : [],
    },
  }));
}

function groupedPrediction(seed: string, index: number): unknown {
  const base = [...seed].reduce((sum, char) => sum + char.charCodeAt(0), index);
  const emotions = EMOTIONS.map((name, k) => ({ name, score: ((base * (k + 3)) % 97) / 97 }));
  return { metadata: null, grouped_predictions: [{ id: 'unknown', predictions: [{ frame: 0, time: 0, emotions }] }] };
}

function problem(status: number, message: string): SimResponse {
  return { status, json: { message } };
}

function all(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function first(value: string | string[] | undefined): string | undefined {
  return all(value)[0];
}
