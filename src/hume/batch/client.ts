/**
 * Typed calls to Hume's batch jobs API (`/v0/batch/jobs`), one method per endpoint the app
 * reads. Knows the wire names of the query; knows nothing of paging or the app's job model.
 */
import type { HumeCallOptions, HumeHttp, HumeLogger } from '../http';
import { bounded, warnDropped } from '../parse-items';
import {
  batchJobListSchema,
  batchJobSchema,
  batchPredictionsSchema,
  parseJobList,
  type BatchJob,
  type BatchPredictions,
  type BatchStatus,
  type DroppedJob,
} from './schemas';

export interface BatchListQuery {
  limit?: number;
  statuses?: readonly BatchStatus[];
  when?: 'created_before' | 'created_after';
  /** Required with `when`: the server's own default ("now") would make pages drift. */
  timestampMs?: number;
  sortBy?: 'created' | 'started' | 'ended';
  direction?: 'asc' | 'desc';
}

export interface BatchJobList {
  jobs: BatchJob[];
  /** Items Hume sent that could not be read; they count towards `limit` on the wire. */
  dropped: DroppedJob[];
  /** How many items the response held, readable or not: compare with `limit` to know if it was full. */
  received: number;
}

export type BatchCallOptions = HumeCallOptions;

export interface BatchClient {
  listJobs(query: BatchListQuery, options?: BatchCallOptions): Promise<BatchJobList>;
  getJob(id: string, options?: BatchCallOptions): Promise<BatchJob>;
  getPredictions(id: string, options?: BatchCallOptions): Promise<BatchPredictions>;
}

const JOBS_PATH = '/v0/batch/jobs';
/** One job as kept: bounded in depth and size before it is read (see bounded-json.ts). */
const boundedJobSchema = bounded(batchJobSchema);

export function createBatchClient(http: HumeHttp, logger?: HumeLogger): BatchClient {
  return {
    async listJobs(query, options = {}) {
      if (query.when !== undefined && query.timestampMs === undefined) {
        throw new RangeError('listJobs: `when` needs an explicit `timestampMs`');
      }
      const wire = {
        limit: query.limit,
        status: query.statuses,
        when: query.when,
        timestamp_ms: query.when === undefined ? undefined : query.timestampMs,
        sort_by: query.sortBy,
        direction: query.direction,
      };
      const items = await http.getJson(JOBS_PATH, wire, batchJobListSchema, { ...options, listRoute: true });
      const { jobs, dropped } = parseJobList(items);
      warnDropped(logger, dropped, 'a batch job');
      return { jobs, dropped, received: items.length };
    },
    getJob(id, options) {
      return http.getJson(jobPath(id), {}, boundedJobSchema, options);
    },
    getPredictions(id, options) {
      return http.getJson(`${jobPath(id)}/predictions`, {}, batchPredictionsSchema, options);
    },
  };
}

function jobPath(id: string): string {
  return `${JOBS_PATH}/${encodeURIComponent(id)}`;
}
