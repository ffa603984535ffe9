/**
 * Turns a failed Hume request into one of the typed errors of `errors.ts`. Messages name the
 * method, path and status and quote a shortened server message; they never carry the key, the
 * query string or a whole body.
 */
import type { z } from 'zod';
import {
  HumeBadRequestError,
  HumeRateLimitedError,
  HumeRetiredError,
  HumeNotFoundError,
  HumeUnauthorizedError,
  HumeUnavailableError,
  type HumeError,
} from './errors';

/** How one attempt went wrong. */
export type AttemptFailure =
  | { kind: 'status'; status: number; bodyText: string; retryAfterMs: number | null }
  | { kind: 'timeout'; timeoutMs: number }
  | { kind: 'network'; error: unknown };

export interface RequestContext {
  method: string;
  /** Path without the query string. */
  path: string;
  attempts: number;
  /** 404 on this route means the whole API is gone, not one job. */
  listRoute: boolean;
  /** Scrubbed from anything the server echoes back, in case it quotes the key. */
  secret: string;
}

interface ErrorBody {
  message: string | null;
  requestId: string | null;
  /**
   * The service itself answered (`{type:"error", code}`), as opposed to a gateway's bare
   * `{message}`: its route exists, whatever the status says.
   */
  fromService: boolean;
}

const MAX_MESSAGE_CHARS = 200;

export function toHumeError(failure: AttemptFailure, ctx: RequestContext): HumeError {
  const route = `${ctx.method} ${ctx.path}`;
  const tries = ctx.attempts > 1 ? ` after ${ctx.attempts} attempts` : '';
  if (failure.kind === 'timeout') {
    return new HumeUnavailableError(`${route}: Hume did not answer within ${failure.timeoutMs} ms${tries}`, 0, true);
  }
  if (failure.kind === 'network') {
    return new HumeUnavailableError(`${route} could not reach Hume (${networkReason(failure.error)})${tries}`, 0, false, {
      cause: failure.error,
    });
  }
  const { status } = failure;
  const body = readErrorBody(failure.bodyText, ctx.secret);
  const said = (body.message ? `: ${body.message}` : '') + (body.requestId ? ` (request id ${body.requestId})` : '');
  if (status === 401 || status === 403) {
    return new HumeUnauthorizedError(`Hume rejected the API key (HTTP ${status}) for ${route}${said}`, status, body.requestId);
  }
  // A 404 the service explains with a code (e.g. `run_not_found`) is about one thing, not the
  // route; only a bare 404 (gateway, proxy) on the list route says the API is not served.
  if (status === 410 || (status === 404 && ctx.listRoute && !body.fromService)) {
    return new HumeRetiredError(`Hume no longer serves ${route} (HTTP ${status})${said}`, status, body.requestId);
  }
  if (status === 404) return new HumeNotFoundError(`${route} answered HTTP 404${said}`, status, body.requestId);
  if (status === 429) {
    return new HumeRateLimitedError(`${route} was rate limited (HTTP 429)${tries}${said}`, failure.retryAfterMs, body.requestId);
  }
  if (status === 408 || status >= 500) {
    return new HumeUnavailableError(`${route} answered HTTP ${status}${tries}${said}`, status, false);
  }
  return new HumeBadRequestError(`${route} answered HTTP ${status}${said}`, status, body.requestId);
}

/**
 * Hume sends errors in several shapes: the service's `{type:"error", code, message, request_id}`,
 * the gateway's bare `{message, request_id?}`, the old Apigee `{fault:{faultstring}}`, or a
 * proxy's HTML. Takes what it can from each and never fails.
 */
export function readErrorBody(text: string, secret: string): ErrorBody {
  const parsed = parseJson(text);
  if (!isRecord(parsed)) {
    const plain = text.replace(/<[^>]*>/g, ' ');
    return { message: plain.trim() ? shorten(plain, secret) : null, requestId: null, fromService: false };
  }
  const fault = isRecord(parsed.fault) ? parsed.fault : null;
  const rawMessage = stringOrNull(parsed.message) ?? stringOrNull(fault?.faultstring) ?? stringOrNull(parsed.error);
  const code = stringOrNull(parsed.code);
  const message = rawMessage === null ? code : code ? `${code}: ${rawMessage}` : rawMessage;
  const requestId = stringOrNull(parsed.request_id);
  return {
    message: message === null ? null : shorten(message, secret),
    requestId: requestId === null ? null : shorten(requestId, secret),
    fromService: parsed.type === 'error' && code !== null,
  };
}

/** One line, at most MAX_MESSAGE_CHARS, with the secret scrubbed. */
export function shorten(text: string, secret: string): string {
  const scrubbed = secret ? text.split(secret).join('[redacted]') : text;
  const line = scrubbed.replace(/\s+/g, ' ').trim();
  return line.length > MAX_MESSAGE_CHARS ? `${line.slice(0, MAX_MESSAGE_CHARS - 1)}…` : line;
}

/** "state.status: Invalid option… (+2 more problems)": where a body broke the schema, in one line. */
export function describeSchemaError(error: z.ZodError): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : '(top level)';
  const more = error.issues.length > 1 ? ` (+${error.issues.length - 1} more problems)` : '';
  return shorten(`${where}: ${issue?.message ?? 'invalid'}`, '') + more;
}

function networkReason(error: unknown): string {
  if (isRecord(error) && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.name : 'unknown error';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 ? value : null;
}
