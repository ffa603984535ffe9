/**
 * Typed calls to Hume's runs API (`/v1/expression/run`, reference `hume-runs-api.md`), one method
 * per endpoint. Knows the wire names and formats of the query; knows nothing of merging, the
 * app's job model or how many pages to read. Cursors are the callers' to follow: the API takes
 * one back only with the same filters and page size as the request that returned it.
 */
import type { HumeCallOptions, HumeHttp, HumeLogger } from '../http';
import { bounded, warnDropped, type DroppedItem } from '../parse-items';
import {
  cursorOrNull,
  parseRunList,
  runEventsSchema,
  runListSchema,
  runSchema,
  type Run,
  type RunEndpoint,
  type RunEvent,
  type RunMode,
  type RunStatus,
} from './schemas';

export const MAX_RUNS_PAGE_SIZE = 200;

export interface RunsListQuery {
  /** 1–200; the API's default (50) when left out. */
  pageSize?: number;
  /** The previous page's `nextCursor`; the rest of the query must be the same as for that page. */
  cursor?: string | null;
  /** One value: the API takes a single status per request. */
  status?: RunStatus;
  mode?: RunMode;
  endpoint?: RunEndpoint;
  userId?: string;
  /** Unix ms, inclusive. */
  startedAfter?: number;
  /** Unix ms, exclusive. */
  startedBefore?: number;
}

export interface RunList {
  runs: Run[];
  /** Items Hume sent that could not be read (skipped and logged). */
  dropped: DroppedItem[];
  /** null on the last page. */
  nextCursor: string | null;
}

export interface RunEventsQuery {
  pageSize?: number;
  cursor?: string | null;
}

export interface RunEventsPage {
  events: RunEvent[];
  /** Some kind used up its per-run logging limit: later events of that kind were not logged. */
  atCap: boolean;
  cappedKinds: string[];
  /** Entries are missing from the log; `atCap: false` is then not to be trusted. */
  gaps: boolean;
  nextCursor: string | null;
}

export interface RunsClient {
  listRuns(query: RunsListQuery, options?: HumeCallOptions): Promise<RunList>;
  getRun(id: string, options?: HumeCallOptions): Promise<Run>;
  listEvents(id: string, query?: RunEventsQuery, options?: HumeCallOptions): Promise<RunEventsPage>;
}

const RUNS_PATH = '/v1/expression/run';
/** One run, and a page of events, as kept: bounded in depth and size before they are read (bounded-json.ts). */
const boundedRunSchema = bounded(runSchema);
const boundedEventsSchema = bounded(runEventsSchema);

export function createRunsClient(http: HumeHttp, logger?: HumeLogger): RunsClient {
  return {
    async listRuns(query, options = {}) {
      const wire = {
        page_size: pageSizeOf(query.pageSize),
        cursor: query.cursor ?? undefined,
        status: query.status,
        mode: query.mode,
        endpoint: query.endpoint,
        user_id: query.userId,
        started_after: rfc3339(query.startedAfter),
        started_before: rfc3339(query.startedBefore),
      };
      // listRoute: a bare 404 here means the API itself is not served (wrong base URL, no access).
      const body = await http.getJson(RUNS_PATH, wire, runListSchema, { ...options, listRoute: true });
      const { items: runs, dropped } = parseRunList(body.runs);
      warnDropped(logger, dropped, 'a run');
      return { runs, dropped, nextCursor: cursorOrNull(body.next_cursor) };
    },
    getRun(id, options) {
      return http.getJson(runPath(id), {}, boundedRunSchema, options);
    },
    async listEvents(id, query = {}, options) {
      const wire = { page_size: pageSizeOf(query.pageSize), cursor: query.cursor ?? undefined };
      const body = await http.getJson(`${runPath(id)}/events`, wire, boundedEventsSchema, options);
      return {
        events: body.events,
        atCap: body.at_cap ?? false,
        cappedKinds: body.capped_kinds ?? [],
        gaps: body.gaps ?? false,
        nextCursor: cursorOrNull(body.next_cursor),
      };
    },
  };
}

function runPath(id: string): string {
  return `${RUNS_PATH}/${encodeURIComponent(id)}`;
}

function pageSizeOf(size: number | undefined): number | undefined {
  if (size === undefined) return undefined;
  if (!Number.isInteger(size) || size < 1 || size > MAX_RUNS_PAGE_SIZE) {
    throw new RangeError(`page size must be an integer from 1 to ${MAX_RUNS_PAGE_SIZE}, not ${size}`);
  }
  return size;
}

/** RFC 3339 in UTC with `Z` (what Hume's runs API reference calls the safe choice), milliseconds kept. */
function rfc3339(ms: number | undefined): string | undefined {
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
