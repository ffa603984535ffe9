/**
 * What stands between the network and Bolt's HTTP receiver: request bodies are limited before
 * they are read, and only bodies Bolt can handle reach it.
 *
 * Bolt 5's receiver reads up to 4 MB per request into memory, and a body that parses to JSON
 * `null` (`payload=null`, or a JSON body `null`) makes it throw inside an async callback nobody
 * awaits: the process dies of an unhandled rejection. Slack's own requests are form posts with a
 * `payload` JSON object (interactivity), form posts without one (slash commands, `ssl_check`),
 * or a JSON object (Events API): docs.slack.dev interactivity/handling, interactivity/implementing
 * -slash-commands, apis/events-api. Anything else gets a 400 here, anything too large a 413.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';

/**
 * Far above what Slack sends (a command is about a kilobyte; a button click carries its message,
 * at most 50 blocks; a Home tab event its view, at most 100), far below what could hurt.
 */
export const BODY_LIMIT_BYTES = 512 * 1024;

/** Node's HTTP server settings against slow clients (see `serverTimeouts`). */
export const HEADERS_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Settings for Node's `http.Server`: headers must arrive within 5 s and the whole request within
 * 10 s (Slack itself gives up after 3 s), checked every second instead of Node's 30.
 */
export const serverTimeouts = {
  headersTimeout: HEADERS_TIMEOUT_MS,
  requestTimeout: REQUEST_TIMEOUT_MS,
  connectionsCheckingInterval: 1_000,
};

const FORM = 'application/x-www-form-urlencoded';

/** Why a body read in full is not one Bolt can handle, or null when it is. */
export function problemWithBody(contentType: string | undefined, body: string): string | null {
  if (contentType === FORM) {
    const { payload } = parseQuery(body);
    if (payload === undefined) return null;
    if (typeof payload !== 'string') return 'a form may hold one payload field only';
    return isJsonObjectWithType(payload) ? null : 'the payload field must be a JSON object with a "type"';
  }
  // Bolt parses every other content type as JSON and answers 400 itself when that fails.
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? null : 'a JSON body must be an object';
  } catch {
    return null;
  }
}

function isJsonObjectWithType(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { type?: unknown }).type === 'string';
  } catch {
    return false;
  }
}

/** A request whose body is already read: Bolt then uses `rawBody` instead of reading the stream. */
type Buffered = IncomingMessage & { rawBody?: Buffer };

/**
 * Wraps Bolt's request listener: POSTs to `endpoint` are read here (at most `limit` bytes) and
 * checked, then handed to Bolt already read. Every other request goes to Bolt as it came.
 */
export function guardRequests(endpoint: string, next: RequestListener, limit = BODY_LIMIT_BYTES, onRejected?: (status: number, reason: string) => void): RequestListener {
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, reason: string) => {
    onRejected?.(status, reason);
    if (res.headersSent) return;
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(`${reason}\n`);
    // Whatever the client still sends is read and thrown away, never kept: closing instead would
    // make the kernel reset the connection, and the client could lose the answer. The server's
    // request timeout bounds how long that may last.
    req.resume();
  };
  return (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.method !== 'POST' || path !== endpoint) {
      next(req, res);
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      refuse(req, res, 413, `Request body too large: at most ${limit} bytes.`);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        refuse(req, res, 413, `Request body too large: at most ${limit} bytes.`);
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', () => req.destroy());
    req.on('end', () => {
      if (refused) return;
      const body = Buffer.concat(chunks);
      const problem = problemWithBody(req.headers['content-type'], body.toString());
      if (problem) {
        refuse(req, res, 400, `Not a Slack request: ${problem}.`);
        return;
      }
      (req as Buffered).rawBody = body;
      next(req, res);
    });
  };
}
