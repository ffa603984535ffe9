/**
 * The simulator's runs API (`/v1/expression/run…`, reference `hume-runs-api.md`), with the real
 * semantics: newest first by `started_at` (ties by `run_id`, also descending), `page_size` 1–200
 * (default 50), one `status` per request, `mode`/`endpoint`/`user_id` filters, `started_after`
 * inclusive and `started_before` exclusive in RFC 3339, and an opaque cursor that is only valid
 * with the filters and page size of the request that returned it. Errors come in the service's
 * shape (`{type:"error", code, message, request_id}`); paths and methods it does not serve get
 * the gateway's bare `{message:"Not Found"}`, as on the real host.
 */
import { createHash } from 'node:crypto';
import type { RawRun, RunBook } from './run-book';
import type { SimRequest, SimResponse, SimRoute } from './server';

export interface RunsApiOptions {
  book: RunBook;
}

/** What Hume's gateway answers for a path or method it does not serve. */
export const GATEWAY_NOT_FOUND = { message: 'Not Found' } as const;

const PREFIX = '/v1/';
const ROUTE = /^\/v1\/expression\/run(?:\/([^/]+)(\/events)?)?\/?$/;
const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const ENUMS = { status: ['live', 'ended', 'errored'], mode: ['realtime', 'file'], endpoint: ['audio', 'video'] } as const;

type Query = SimRequest['query'];
type Filters = Partial<Record<'status' | 'mode' | 'endpoint' | 'user_id' | 'started_after' | 'started_before', string>>;

/** A request the service refuses; thrown from deep in the parsing, answered in the service's shape. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly param?: string,
  ) {
    super(message);
  }
}

interface Dated {
  run: RawRun;
  at: number;
}

export function createRunsApi(options: RunsApiOptions): SimRoute {
  const { book } = options;
  let requests = 0;

  function serviceError(refusal: Refusal): SimResponse {
    requests += 1;
    const body = { type: 'error', code: refusal.code, message: refusal.message, ...(refusal.param ? { param: refusal.param } : {}) };
    return { status: refusal.status, json: { ...body, request_id: `req_sim${requests.toString(36).padStart(8, '0')}` } };
  }

  function list(query: Query): SimResponse {
    const filters = readFilters(query);
    const pageSize = readPageSize(query);
    const fingerprint = fingerprintOf({ ...filters, page_size: String(pageSize) });
    const after = readCursor(query, fingerprint, listCursorSchema);
    const from = filters.started_after === undefined ? -Infinity : Date.parse(filters.started_after);
    const until = filters.started_before === undefined ? Infinity : Date.parse(filters.started_before);
    const matching = book
      .list()
      .map((run): Dated => ({ run, at: Date.parse(run.started_at) }))
      .filter(({ run, at }) => at >= from && at < until && matches(run, filters))
      .filter((item) => after === null || newestFirst(item, { at: after.t, run: { run_id: after.id } }) > 0)
      .sort(newestFirst);
    const page = matching.slice(0, pageSize);
    const last = page.at(-1);
    const more = matching.length > pageSize && last !== undefined;
    return {
      status: 200,
      json: { runs: page.map(({ run }) => run), next_cursor: more ? encode({ t: last.at, id: last.run.run_id, f: fingerprint }) : null },
    };
  }

  function events(id: string, query: Query): SimResponse {
    const log = book.events(id);
    if (!log) throw notFound();
    const pageSize = readPageSize(query);
    const fingerprint = fingerprintOf({ run_id: id, page_size: String(pageSize) });
    const after = readCursor(query, fingerprint, eventsCursorSchema)?.s ?? 0;
    const rest = log.events.filter((event) => event.seq > after);
    const page = rest.slice(0, pageSize);
    const last = page.at(-1);
    const more = rest.length > pageSize && last !== undefined;
    return { status: 200, json: { ...log, events: page, next_cursor: more ? encode({ s: last.seq, f: fingerprint }) : null } };
  }

  function answer(request: SimRequest): SimResponse | null {
    if (!request.path.startsWith(PREFIX)) return null;
    const match = ROUTE.exec(request.path);
    if (!match || request.method !== 'GET') return { status: 404, json: GATEWAY_NOT_FOUND };
    const [, rawId, eventsPath] = match;
    if (rawId === undefined) return list(request.query);
    const id = decodeURIComponent(rawId);
    if (eventsPath) return events(id, request.query);
    const run = book.get(id);
    if (!run) throw notFound();
    return { status: 200, json: run };
  }

  return (request) => {
    try {
      return answer(request);
    } catch (error) {
      if (error instanceof Refusal) return serviceError(error);
      throw error;
    }
  };
}

function notFound(): Refusal {
  return new Refusal(404, 'run_not_found', 'No run with that ID.');
}

function readFilters(query: Query): Filters {
  const filters: Filters = {};
  for (const key of ['status', 'mode', 'endpoint', 'user_id', 'started_after', 'started_before'] as const) {
    const value = single(query, key);
    if (value === undefined) continue;
    if (key in ENUMS && !(ENUMS[key as keyof typeof ENUMS] as readonly string[]).includes(value)) {
      throw new Refusal(400, 'invalid_parameter', `${key} must be one of ${ENUMS[key as keyof typeof ENUMS].join(', ')}`, key);
    }
    if (key.startsWith('started_') && (!RFC3339.test(value) || Number.isNaN(Date.parse(value)))) {
      throw new Refusal(400, 'invalid_parameter', `${key} must be an RFC 3339 date-time`, key);
    }
    filters[key] = value;
  }
  return filters;
}

function readPageSize(query: Query): number {
  const raw = single(query, 'page_size');
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const size = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(size >= 1 && size <= MAX_PAGE_SIZE)) throw new Refusal(400, 'invalid_parameter', `page_size must be from 1 to ${MAX_PAGE_SIZE}`, 'page_size');
  return size;
}

/** Every parameter takes one value (Hume's runs API reference documents `status` as a single value). */
function single(query: Query, key: string): string | undefined {
  const value = query[key];
  if (Array.isArray(value)) throw new Refusal(400, 'invalid_parameter', `${key} takes one value`, key);
  return value;
}

function matches(run: RawRun, filters: Filters): boolean {
  return (
    (filters.status === undefined || run.status === filters.status) &&
    (filters.mode === undefined || run.mode === filters.mode) &&
    (filters.endpoint === undefined || run.endpoint === filters.endpoint) &&
    (filters.user_id === undefined || run.user_id === filters.user_id)
  );
}

/** Listing order: newest start first, then run_id descending. Positive when `a` comes after `b`. */
function newestFirst(a: { at: number; run: { run_id: string } }, b: { at: number; run: { run_id: string } }): number {
  if (a.at !== b.at) return b.at - a.at;
  return a.run.run_id < b.run.run_id ? 1 : a.run.run_id > b.run.run_id ? -1 : 0;
}

function fingerprintOf(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter(([, value]) => value !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
  return createHash('sha256').update(JSON.stringify(entries)).digest('base64url').slice(0, 12);
}

interface CursorSchema<T> {
  read(json: Record<string, unknown>): T | null;
}

const listCursorSchema: CursorSchema<{ t: number; id: string }> = {
  read: ({ t, id }) => (typeof t === 'number' && typeof id === 'string' ? { t, id } : null),
};
const eventsCursorSchema: CursorSchema<{ s: number }> = {
  read: ({ s }) => (typeof s === 'number' ? { s } : null),
};

/** The cursor's position, or null without one; a cursor made for other filters is refused. */
function readCursor<T>(query: Query, fingerprint: string, schema: CursorSchema<T>): T | null {
  const raw = single(query, 'cursor');
  if (raw === undefined) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    json = null;
  }
  const fields = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const position = schema.read(fields);
  if (position === null || fields.f !== fingerprint) {
    throw new Refusal(400, 'invalid_cursor', 'The cursor is not valid with these parameters; repeat the filters and page_size of the request that returned it.', 'cursor');
  }
  return position;
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
