/**
 * Hume's runs API (`HUME_SOURCE=runs`) as a JobSource. The API lists newest first only, takes
 * one status per request and pages with opaque cursors, so a filter of several statuses is
 * several streams merged here, and the page token holds each stream's place (`cursor.ts`).
 * `since`/`before` are the API's own `started_after` (inclusive) / `started_before` (exclusive).
 */
import type { Clock } from '../../clock';
import type { HumeLogger } from '../../hume/http';
import { MAX_RUNS_PAGE_SIZE, type RunsClient, type RunsListQuery } from '../../hume/runs/client';
import type { RunStatus } from '../../hume/runs/schemas';
import { KIND_RUN_STATUS, runToJob, withProblems } from '../../hume/runs/to-job';
import type { JobFilter } from '../../jobs/filter';
import type { JobPage, JobSource } from '../source';
import { collectRuns } from './collect-runs';
import { decodeRunsCursor, encodeRunsCursor, queryKey } from './cursor';
import { mergeStreams } from './merge-streams';
import { RunStream } from './run-stream';

export interface RunsSourceOptions {
  client: RunsClient;
  /** Accepted so both sources take the same options; runs page by cursor and need no time. */
  clock?: Clock;
  logger?: HumeLogger;
}

/**
 * Runs per request when listing: well above a page (≤ 25) so most pages cost one request per
 * stream, small enough that re-reading a page to skip what was shown stays cheap.
 */
const LIST_PAGE_SIZE = 100;
/** No listing page is worth more requests than this; past it the page ends where it got to. */
const MAX_REQUESTS = 12;
/** `findByPrefix` looks this far back: the most recent SCAN_PAGES × 200 runs. */
const SCAN_PAGES = 5;

const WHERE = "Hume's runs API (HUME_SOURCE=runs)";
/** What a listing of runs can do instead, for the refusals of what it cannot. */
const WHAT_RUNS_DO = 'Leave it out; `since` and `before` choose the start times shown, and `live`, `ended`, `errored`, `mode`, `endpoint` and `user` narrow the runs.';
const ALL_STATUSES: readonly RunStatus[] = ['live', 'ended', 'errored'];

export function createRunsSource({ client, logger }: RunsSourceOptions): JobSource {
  return {
    name: 'runs',

    unsupported(filter) {
      const problems: string[] = [];
      if (filter.statuses.includes('queued')) {
        problems.push(`\`queued\` does not apply to ${WHERE}: runs have no queue: a run is live, ended or errored.`);
      }
      // The filter cannot tell a typed `sort created` from the default, which is the runs' own order.
      const order: string[] = [];
      if (filter.sort !== 'created') order.push(`\`sort ${filter.sort}\` is not available on ${WHERE}: it lists runs newest first and cannot sort.`);
      if (filter.direction === 'asc') order.push(`\`oldest\` first is not available on ${WHERE}: it lists runs newest first only.`);
      // What works instead, said once after the last of them.
      if (order.length > 0) order.push(`${order.pop()!} ${WHAT_RUNS_DO}`);
      problems.push(...order);
      return problems;
    },

    // A run names no models (Hume's runs API measures with the models of its endpoint): `model` could never match.
    unsupportedMatch(match) {
      return match.model === null
        ? []
        : [`\`model\` is a batch-only filter; this app reads ${WHERE}, whose runs name no models: choose runs with \`endpoint\`, \`mode\` or \`user\` instead.`];
    },

    async listPage(filter, token, options): Promise<JobPage> {
      const queries = streamQueries(filter);
      if (queries.length === 0) return { jobs: [], nextCursor: null };
      const key = queryKey(queries);
      const saved = decodeRunsCursor(token, key, queries.length);
      if (token && !saved) logger?.debug({ streams: queries.length }, 'ignored a page token made for another listing; showing the first page');
      const budget = { left: MAX_REQUESTS };
      const fetch = (query: RunsListQuery) => client.listRuns(query, { signal: options?.signal });
      const streams = queries.map((query, i) => new RunStream(query, saved?.[i] ?? 'start', fetch, budget));
      const { jobs, more } = await mergeStreams(streams, Math.max(1, Math.floor(filter.limit)));
      return { jobs, nextCursor: more ? encodeRunsCursor(key, streams.map((stream) => stream.state())) : null };
    },

    async getJob(id, options) {
      const call = { signal: options?.signal };
      const job = runToJob(await client.getRun(id, call));
      // Only realtime sessions record problem events (runs API reference, "Run events"); an errored run is worth a look whatever its mode.
      if (job.status !== 'failed' && job.mode === 'file') return job;
      return withProblems(job, [await client.listEvents(id, { pageSize: MAX_RUNS_PAGE_SIZE }, call)]);
    },

    async findByPrefix(prefix, options) {
      const wanted = prefix.trim().toLowerCase();
      if (!wanted) return [];
      const { runs } = await collectRuns(client, { pageSize: MAX_RUNS_PAGE_SIZE }, { maxPages: SCAN_PAGES }, options);
      return runs.filter((run) => run.run_id.toLowerCase().startsWith(wanted)).map(runToJob);
    },
  };
}

/**
 * One API query per status stream. The API takes one status per request; all three statuses
 * are every run, so they are one unfiltered stream. `queued` matches no run.
 */
function streamQueries(filter: JobFilter): RunsListQuery[] {
  const wanted = filter.statuses.map((kind) => KIND_RUN_STATUS[kind]).filter((status): status is RunStatus => status !== null);
  if (filter.statuses.length > 0 && wanted.length === 0) return [];
  const base: RunsListQuery = {
    pageSize: LIST_PAGE_SIZE,
    mode: filter.mode ?? undefined,
    endpoint: filter.endpoint ?? undefined,
    userId: filter.userId ?? undefined,
    startedAfter: filter.since ?? undefined,
    startedBefore: filter.before ?? undefined,
  };
  const statuses = new Set(wanted);
  if (statuses.size === 0 || ALL_STATUSES.every((status) => statuses.has(status))) return [base];
  return [...statuses].sort().map((status) => ({ ...base, status }));
}
