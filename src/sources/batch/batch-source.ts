/**
 * The batch jobs API (`HUME_SOURCE=batch`) as a JobSource: filters become list queries, pages
 * come from keyset paging (sort created) or offset paging (sort started/ended).
 */
import type { Clock } from '../../clock';
import type { BatchClient } from '../../hume/batch/client';
import { batchJobToJob, KIND_BATCH_STATUS } from '../../hume/batch/to-job';
import type { HumeLogger } from '../../hume/http';
import type { JobFilter } from '../../jobs/filter';
import type { Job } from '../../jobs/job';
import type { CallOptions, JobPage, JobSource } from '../source';
import { decodeCursor, encodeCursor } from './cursor';
import { CLOCK_SKEW_MS, collectByCreated, positionOf } from './keyset-pages';
import { collectByOffset } from './offset-pages';
import type { PagingContext } from './paging';

export interface BatchSourceOptions {
  client: BatchClient;
  clock: Clock;
  logger?: HumeLogger;
}

/** `findByPrefix` looks this far back: the most recent SCAN_REQUESTS × SCAN_LIMIT jobs. */
const SCAN_REQUESTS = 5;
const SCAN_LIMIT = 100;

const RUNS_ONLY = "is a runs-only filter; this app reads Hume's batch jobs API (HUME_SOURCE=batch)";

/** The runs-only words in a list filter or an alert rule, refused one sentence each. */
function runsOnly(filter: { mode: unknown; endpoint: unknown; userId: unknown }): string[] {
  const problems: string[] = [];
  if (filter.mode !== null) problems.push(`\`mode\` ${RUNS_ONLY}.`);
  if (filter.endpoint !== null) problems.push(`\`endpoint\` ${RUNS_ONLY}.`);
  if (filter.userId !== null) problems.push(`\`user\` ${RUNS_ONLY}.`);
  return problems;
}

export function createBatchSource({ client, clock, logger }: BatchSourceOptions): JobSource {
  function context(filter: JobFilter, options: CallOptions | undefined): PagingContext {
    const statuses = filter.statuses.map((kind) => KIND_BATCH_STATUS[kind]);
    return { client, filter, statuses, now: clock.now(), signal: options?.signal, logger };
  }

  return {
    name: 'batch',

    unsupported: runsOnly,

    // Batch jobs carry their models, not a mode, an endpoint or a user: the runs-only words are refused as in lists.
    unsupportedMatch: runsOnly,

    async listPage(filter, token, options): Promise<JobPage> {
      const pageSize = Math.max(1, Math.floor(filter.limit));
      const ctx = context(filter, options);
      const cursor = decodeCursor(token, filter);
      if (token && !cursor) logger?.debug({ sort: filter.sort }, 'ignored a page token made for another listing; showing the first page');

      if (filter.sort === 'created') {
        const after = cursor?.kind === 'keyset' ? cursor : null;
        // One more than the page: whether it exists decides if there is a next page.
        const { jobs, exhausted } = await collectByCreated(ctx, after, pageSize + 1);
        const page = jobs.slice(0, pageSize);
        const last = page.at(-1);
        const more = jobs.length > pageSize || !exhausted;
        return {
          jobs: page,
          nextCursor: more && last ? encodeCursor({ kind: 'keyset', direction: filter.direction, ...positionOf(last) }) : null,
        };
      }
      const offset = cursor?.kind === 'offset' ? cursor.offset : 0;
      const { jobs, hasMore } = await collectByOffset(ctx, offset, pageSize);
      const next = { kind: 'offset', sort: filter.sort, direction: filter.direction, offset: offset + jobs.length } as const;
      return { jobs, nextCursor: hasMore ? encodeCursor(next) : null };
    },

    async getJob(id, options) {
      return batchJobToJob(await client.getJob(id, options));
    },

    async findByPrefix(prefix, options) {
      const wanted = prefix.trim().toLowerCase();
      if (!wanted) return [];
      const seen = new Set<string>();
      const found: Job[] = [];
      let bound = clock.now() + CLOCK_SKEW_MS;
      for (let request = 0; request < SCAN_REQUESTS; request++) {
        const query = { limit: SCAN_LIMIT, sortBy: 'created', direction: 'desc', when: 'created_before', timestampMs: bound + 1 } as const;
        const response = await client.listJobs(query, { signal: options?.signal });
        for (const job of response.jobs.map(batchJobToJob)) {
          if (seen.has(job.id)) continue; // the boundary ms comes back on the next request
          seen.add(job.id);
          if (job.id.toLowerCase().startsWith(wanted)) found.push(job);
        }
        const times = response.jobs.flatMap((job) => job.state.created_timestamp_ms ?? []);
        const oldest = times.length > 0 ? Math.min(...times) : null;
        // Done when the list ran out, or a whole response shared the boundary ms (no way further).
        if (response.received < SCAN_LIMIT || oldest === null || oldest >= bound) break;
        bound = oldest;
      }
      return found;
    },
  };
}
