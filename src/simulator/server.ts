/**
 * The Hume API simulator's HTTP server, for the offline demo and for tests. It does transport
 * only: auth, recording, scripted faults, JSON out. What each API answers lives in a route
 * (batch-api.ts for `book`; runs-api.ts goes into `routes`).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBatchApi } from './batch-api';
import type { JobBook } from './job-book';
import type { RawJobs } from './raw-jobs';

export interface SimRequest {
  method: string;
  path: string;
  /** Repeated keys (`status=A&status=B`) become arrays; single ones stay strings. */
  query: Record<string, string | string[]>;
  /** The query string exactly as it arrived (`?…`, or '' when there was none): what the client put on the wire. */
  search: string;
  headers: IncomingHttpHeaders;
}

export type SimResponse = { status: number; headers?: Record<string, string> } & ({ json: unknown } | { rawBody: string });

/** Answers the requests it knows, or null to let the next route try. */
export type SimRoute = (request: SimRequest) => SimResponse | null;

export type RecordedRequest = SimRequest;

type FaultScope = {
  /** Only requests whose path starts with this consume the fault. */
  pathPrefix?: string;
  /** Only requests for exactly this path (e.g. one job's GET, not its predictions) consume it. */
  path?: string;
};

/** A scripted answer for the next matching request, ahead of anything the routes would say. */
export type Fault = FaultScope &
  (
    | { status: number; headers?: Record<string, string>; body?: unknown }
    | { rawBody: string; status?: number; headers?: Record<string, string> }
    /** Never answers; the connection is destroyed by close(). */
    | { hang: true }
  );

export interface FaultQueue {
  push(...faults: Fault[]): void;
  readonly pending: number;
  clear(): void;
  /**
   * Answers EVERY matching request with `fault` (a job whose GET keeps failing) until the
   * returned function is called. Queued one-shot faults still come first.
   */
  hold(fault: Fault): () => void;
}

export interface HumeSimulatorOptions {
  /** Serves the batch jobs API from this book. */
  book?: JobBook;
  boundsInclusive?: boolean;
  unstableTies?: boolean;
  /** When set, requests whose X-Hume-Api-Key differs get the gateway's 401. */
  apiKey?: string;
  /**
   * Which gateway fronts the API, and so what a 401 looks like: Apigee on api.hume.ai (batch,
   * a `fault` body) or Hume's cloud gateway on api.cloud.hume.ai (runs, bare `{message,
   * request_id}`). Defaults to Apigee when `book` is given (the batch API), cloud otherwise.
   */
  gateway?: 'apigee' | 'cloud';
  host?: string;
  port?: number;
  /** More APIs (e.g. the runs API), tried after the batch one. */
  routes?: SimRoute[];
}

export interface HumeSimulator {
  url: string;
  requests: RecordedRequest[];
  faults: FaultQueue;
  /** Batch jobs sent as the text set here (job id → JSON text), in lists and their own GET. */
  rawJobs: RawJobs;
  /** Requests a `hang` fault left unanswered whose connection is still open (tests wait on the rest). */
  readonly holding: number;
  close(): Promise<void>;
}

const INVALID_KEY = { fault: { faultstring: 'Invalid ApiKey', detail: { errorcode: 'oauth.v2.InvalidApiKey' } } };

export async function startHumeSimulator(options: HumeSimulatorOptions = {}): Promise<HumeSimulator> {
  const rawJobs: RawJobs = new Map();
  const routes: SimRoute[] = [
    ...(options.book ? [createBatchApi({ book: options.book, boundsInclusive: options.boundsInclusive, unstableTies: options.unstableTies, rawJobs })] : []),
    ...(options.routes ?? []),
  ];
  const gateway = options.gateway ?? (options.book ? 'apigee' : 'cloud');
  const requests: RecordedRequest[] = [];
  let holding = 0;
  const queue: Fault[] = [];
  const held = new Set<Fault>();
  const faults: FaultQueue = {
    push: (...added) => void queue.push(...added),
    get pending() {
      return queue.length;
    },
    clear: () => void queue.splice(0),
    hold(fault) {
      const entry = { ...fault };
      held.add(entry);
      return () => void held.delete(entry);
    },
  };
  const matches = (fault: Fault, path: string) => path.startsWith(fault.pathPrefix ?? '') && (fault.path === undefined || fault.path === path);

  function answer(request: SimRequest): SimResponse | 'hang' {
    const index = queue.findIndex((fault) => matches(fault, request.path));
    const fault = index >= 0 ? queue.splice(index, 1)[0] : [...held].find((f) => matches(f, request.path));
    if (fault) return fromFault(fault);
    if (options.apiKey !== undefined && request.headers['x-hume-api-key'] !== options.apiKey) {
      return { status: 401, json: gateway === 'apigee' ? INVALID_KEY : { message: 'Unauthorized', request_id: `req_gw${requests.length}` } };
    }
    for (const route of routes) {
      const response = route(request);
      if (response) return response;
    }
    return { status: 404, json: { message: 'no Route matched with those values' } };
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    const request: SimRequest = { method: req.method ?? 'GET', path: url.pathname, query: parseQuery(url.searchParams), search: url.search, headers: req.headers };
    requests.push(request);
    // The body (if any) is ignored, but read so the connection stays usable.
    req.resume();
    const response = answer(request);
    if (response !== 'hang') return send(res, response);
    holding += 1;
    res.once('close', () => (holding -= 1));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  return {
    url: `http://${host}:${port}`,
    requests,
    faults,
    rawJobs,
    get holding() {
      return holding;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hung and keep-alive connections would hold close() open forever.
        server.closeAllConnections();
      }),
  };
}

function fromFault(fault: Fault): SimResponse | 'hang' {
  if ('hang' in fault) return 'hang';
  if ('rawBody' in fault) return { status: fault.status ?? 200, headers: fault.headers, rawBody: fault.rawBody };
  return { status: fault.status, headers: fault.headers, json: fault.body ?? { message: `simulated HTTP ${fault.status}` } };
}

function send(res: ServerResponse, response: SimResponse): void {
  const body = 'rawBody' in response ? response.rawBody : JSON.stringify(response.json);
  // headers may override the content type (a raw body that is JSON, as raw-jobs.ts sends).
  const type = 'rawBody' in response ? 'text/plain; charset=utf-8' : 'application/json';
  res.writeHead(response.status, { 'content-type': type, ...response.headers, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function parseQuery(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    query[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return query;
}
