/**
 * The one place that talks HTTP to Hume: GET + JSON with the key in a header, per-attempt
 * timeouts and retries driven by the injected clock, and every failure turned into a typed
 * HumeError. Source adapters build on `getJson` and never see undici.
 */
import { Agent, request, type Dispatcher } from 'undici';
import type { z } from 'zod';
import type { Clock } from '../clock';
import { HumeInvalidResponseError } from './errors';
import { describeSchemaError, toHumeError, type AttemptFailure } from './http-errors';
import { isRetryableStatus, parseRetryAfterMs, retryDelayMs, type RetryPolicy } from './retry';

/** The two levels this module logs at; a pino logger fits. */
export interface HumeLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export type QueryValue = string | number | readonly string[] | undefined | null;
export type Query = Readonly<Record<string, QueryValue>>;

export interface GetJsonOptions {
  signal?: AbortSignal;
  /** A 404 on this route means the API itself is gone (HumeRetiredError), not one missing job. */
  listRoute?: boolean;
  /** Overrides the client's policy for this call (the poller and commands share one client). */
  retry?: RetryPolicy;
}

/** What a typed client's caller may set: the route decides `listRoute` itself. */
export type HumeCallOptions = Omit<GetJsonOptions, 'listRoute'>;

export interface HumeHttpOptions {
  baseUrl: string;
  apiKey: string;
  clock: Clock;
  retry: RetryPolicy;
  /** Defaults to an Agent owned (and closed) by this client. */
  dispatcher?: Dispatcher;
  logger?: HumeLogger;
  /** Jitter source, injectable so tests know the backoff. */
  random?: () => number;
  /** Told about every attempt (metrics): the path, the outcome and how long it took. */
  onAttempt?: (attempt: { path: string; outcome: number | 'timeout' | 'network'; ms: number }) => void;
}

export interface HumeHttp {
  getJson<T>(path: string, query: Query, schema: z.ZodType<T>, options?: GetJsonOptions): Promise<T>;
  /** Closes the Agent this client created; a dispatcher passed in stays the caller's to close. */
  close(): Promise<void>;
}

/**
 * A body bigger than this is not an answer the app can use: refused, and never read past it.
 * A full list page (500 jobs of about 1.5 KB) is under 1 MB; 16 MB leaves room for pages that
 * grow when many jobs share a millisecond.
 */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;
/** Error bodies are only quoted in a short message: past this they are cut and not read further. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

type AttemptResult = { kind: 'ok'; status: number; text: string; truncated: boolean } | AttemptFailure;

export function createHumeHttp(options: HumeHttpOptions): HumeHttp {
  const { clock, apiKey, logger } = options;
  const ownsDispatcher = options.dispatcher === undefined;
  const dispatcher = options.dispatcher ?? new Agent({ keepAliveTimeout: 10_000 });
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const random = options.random ?? Math.random;
  const headers = { 'x-hume-api-key': apiKey, accept: 'application/json', 'user-agent': 'hume-jobs' };

  async function attempt(url: string, timeoutMs: number, callerSignal: AbortSignal | undefined): Promise<AttemptResult> {
    const abort = new AbortController();
    const stopTimer = new AbortController();
    let timedOut = false;
    // Racing the clock (not undici's own timers) lets a fake clock trigger timeouts in tests.
    clock.sleep(timeoutMs, stopTimer.signal).then(
      () => {
        timedOut = true;
        abort.abort(new Error('attempt timed out'));
      },
      () => undefined,
    );
    const onCallerAbort = () => abort.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const response = await request(url, { method: 'GET', headers, dispatcher, signal: abort.signal });
      const ok = response.statusCode >= 200 && response.statusCode < 300;
      const { text, truncated } = await readBody(response.body, ok ? MAX_BODY_BYTES : MAX_ERROR_BODY_BYTES, lengthOf(response.headers['content-length']));
      if (ok) return { kind: 'ok', status: response.statusCode, text, truncated };
      const retryAfter = headerValue(response.headers['retry-after']);
      return { kind: 'status', status: response.statusCode, bodyText: text, retryAfterMs: parseRetryAfterMs(retryAfter, clock.now()) };
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      if (timedOut) return { kind: 'timeout', timeoutMs };
      return { kind: 'network', error };
    } finally {
      stopTimer.abort();
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  async function getJson<T>(path: string, query: Query, schema: z.ZodType<T>, callOptions: GetJsonOptions = {}): Promise<T> {
    const policy = callOptions.retry ?? options.retry;
    const { signal } = callOptions;
    const url = baseUrl + path + queryString(query);
    const start = clock.now();
    const deadline = start + policy.totalBudgetMs;
    for (let attempts = 1; ; attempts++) {
      signal?.throwIfAborted();
      const timeoutMs = Math.max(1, Math.min(policy.attemptTimeoutMs, deadline - clock.now()));
      const attemptStart = clock.now();
      const result = await attempt(url, timeoutMs, signal);
      options.onAttempt?.({ path, outcome: result.kind === 'ok' || result.kind === 'status' ? result.status : result.kind, ms: clock.now() - attemptStart });
      if (result.kind === 'ok') return parseBody(result, schema, path);
      const context = { method: 'GET', path, attempts, listRoute: callOptions.listRoute ?? false, secret: apiKey };
      if (result.kind === 'status' && !isRetryableStatus(result.status)) throw toHumeError(result, context);
      const retryAfterMs = result.kind === 'status' ? result.retryAfterMs : null;
      const delay = retryDelayMs({ policy, retriesDone: attempts - 1, now: clock.now(), deadline, retryAfterMs, random });
      if (delay === null) throw toHumeError(result, context);
      logger?.debug(
        { method: 'GET', path, attempt: attempts, failure: result.kind === 'status' ? result.status : result.kind, delayMs: delay },
        'Hume request failed; retrying',
      );
      await clock.sleep(delay, signal);
    }
  }

  return {
    getJson,
    async close() {
      if (ownsDispatcher) await dispatcher.close();
    },
  };
}

/** `?a=1&status=A&status=B`: arrays become repeated keys (what Hume's SDKs send), empties are dropped. */
export function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number') params.append(key, String(value));
    else for (const item of value) params.append(key, item);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

function parseBody<T>(body: { status: number; text: string; truncated: boolean }, schema: z.ZodType<T>, path: string): T {
  const { status, text } = body;
  if (body.truncated) {
    throw new HumeInvalidResponseError(`GET ${path} answered HTTP ${status} with a body over ${MAX_BODY_BYTES} bytes`, status);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new HumeInvalidResponseError(`GET ${path} answered HTTP ${status} with a body that is not JSON (${text.length} characters)`, status);
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new HumeInvalidResponseError(`GET ${path} answered HTTP ${status} with an unexpected body at ${describeSchemaError(parsed.error)}`, status);
}

/**
 * Reads the body, keeping at most `maxBytes`: past that (or when Content-Length says so up
 * front) it stops reading and drops the connection, so a 100 MB answer is never buffered.
 */
async function readBody(body: Dispatcher.ResponseData['body'], maxBytes: number, declaredLength: number | null): Promise<{ text: string; truncated: boolean }> {
  if (declaredLength !== null && declaredLength > maxBytes) {
    body.destroy();
    return { text: '', truncated: true };
  }
  const chunks: Buffer[] = [];
  let kept = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (kept + chunk.length > maxBytes) {
      // Leaving the loop destroys the stream: the rest is never read.
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(chunk);
    kept += chunk.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

function lengthOf(value: string | string[] | undefined): number | null {
  const text = headerValue(value);
  return text !== undefined && /^\d+$/.test(text.trim()) ? Number(text) : null;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
