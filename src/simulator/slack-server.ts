/**
 * A stand-in for Slack's Web API and for `response_url`, on loopback. The offline demo renders
 * what it records as a terminal view of Slack; the tests assert on it and script its failures
 * (429 with Retry-After, 5xx, `{ok:false}` errors) to prove nothing is lost.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One Web API call as the app made it: `args` has Slack's JSON-in-form fields decoded. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
  token: string | null;
  at: number;
}

/** One POST to a `response_url` (what `respond()` sends). */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  at: number;
}

/**
 * A scripted answer for the next call to a method (or to every method when `method` is '*'),
 * optionally only for calls about one `channel`. `lose` does the call (the message is posted)
 * but never answers: the app sees a timeout for a write that happened.
 */
export type SlackFault = { method: string; channel?: string } & (
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { error: string }
  | { hang: true }
  | { lose: true }
);

/** Lasting faults a test turns on and off (the one-shot ones are in `faults`). */
export interface SlackFaultControls {
  /** Someone deletes a message: chat.update on it answers `message_not_found`. */
  deleteMessage(channel: string, ts: string): void;
  /** Every call about this channel answers `{ok:false, error}` (null clears it). */
  channelError(channel: string, error: string | null): void;
  /** Every call answers `{ok:false, error}` (`token_revoked`, `invalid_auth`…) until `restoreToken`. */
  revokeToken(error?: string): void;
  restoreToken(): void;
}

/** A message as the channel shows it now: the latest edit, with how many edits it had. */
export interface StoredMessage {
  channel: string;
  ts: string;
  threadTs: string | null;
  text: string;
  blocks: unknown[];
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | null;
  edits: number;
}

export interface SlackEvent {
  kind: 'call' | 'response';
  call?: SlackCall;
  response?: ResponsePost;
}

export interface SlackStandIn {
  /** Base URL for `SLACK_API_URL` (ends with `/api/`). */
  apiUrl: string;
  /** A fresh `response_url` on this server. */
  responseUrl(): string;
  calls: SlackCall[];
  responses: ResponsePost[];
  /** Every message posted with chat.postMessage, in order, as it stands after edits. */
  messages: StoredMessage[];
  faults: SlackFault[];
  controls: SlackFaultControls;
  /** The WebSocket URL `apps.connections.open` hands out (Socket Mode); null answers an error. */
  socketModeUrl: string | null;
  /** Called after each recorded call or response post (the demo's renderer listens here). */
  onEvent: ((event: SlackEvent) => void) | null;
  callsTo(method: string): SlackCall[];
  close(): Promise<void>;
}

export interface SlackStandInOptions {
  port?: number;
  /** Channels where posting fails as Slack would: `{ C123: 'not_in_channel' }`. */
  channelErrors?: Record<string, string>;
  /** Users' time zones as users.info reports them (`tz`, `tz_offset` in seconds); UTC for anyone else. */
  userZones?: Record<string, { tz: string; offsetSeconds: number }>;
  now?: () => number;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Slack's client sends objects (blocks, view) as JSON strings inside a form body. */
function decodeArgs(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all: keep the string
      }
    }
    args[key] = value;
  }
  return args;
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const now = options.now ?? Date.now;
  const sockets = new Set<Socket>();
  const channelErrors: Record<string, string> = { ...options.channelErrors };
  let tokenError: string | null = null;
  let tsCounter = 0;
  let viewCounter = 0;
  let responseCounter = 0;

  const nextTs = () => {
    tsCounter += 1;
    return `${Math.floor(now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
  };

  const stand: SlackStandIn = {
    apiUrl: '',
    responseUrl: () => `${stand.apiUrl.replace(/api\/$/, '')}response/${++responseCounter}`,
    calls: [],
    responses: [],
    messages: [],
    faults: [],
    controls: {
      deleteMessage(channel, ts) {
        const at = stand.messages.findIndex((m) => m.channel === channel && m.ts === ts);
        if (at >= 0) stand.messages.splice(at, 1);
      },
      channelError(channel, error) {
        if (error === null) delete channelErrors[channel];
        else channelErrors[channel] = error;
      },
      revokeToken(error = 'token_revoked') {
        tokenError = error;
      },
      restoreToken() {
        tokenError = null;
      },
    },
    socketModeUrl: null,
    onEvent: null,
    callsTo: (method) => stand.calls.filter((c) => c.method === method),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const answer = (method: string, args: Record<string, unknown>): unknown => {
    const channel = typeof args.channel === 'string' ? args.channel : null;
    const channelError = channel ? channelErrors[channel] : undefined;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://stand-in.slack.test/', team: 'Stand-in', user: 'hume-jobs', team_id: 'T0STANDIN', user_id: 'U0BOT', bot_id: 'B0BOT' };
      case 'chat.postMessage': {
        if (channelError) return { ok: false, error: channelError };
        const message: StoredMessage = {
          channel: channel ?? '',
          ts: nextTs(),
          threadTs: typeof args.thread_ts === 'string' ? args.thread_ts : null,
          text: typeof args.text === 'string' ? args.text : '',
          blocks: Array.isArray(args.blocks) ? args.blocks : [],
          metadata: (args.metadata as StoredMessage['metadata']) ?? null,
          edits: 0,
        };
        stand.messages.push(message);
        return { ok: true, channel, ts: message.ts, message: { text: message.text } };
      }
      case 'chat.update': {
        if (channelError) return { ok: false, error: channelError };
        const message = stand.messages.find((m) => m.channel === channel && m.ts === args.ts);
        if (!message) return { ok: false, error: 'message_not_found' };
        message.text = typeof args.text === 'string' ? args.text : message.text;
        message.blocks = Array.isArray(args.blocks) ? args.blocks : message.blocks;
        message.edits += 1;
        return { ok: true, channel, ts: args.ts, text: args.text };
      }
      case 'conversations.history':
      case 'conversations.replies': {
        if (channelError) return { ok: false, error: channelError };
        const oldest = Number(args.oldest ?? 0);
        const inThread = method === 'conversations.replies' ? String(args.ts) : null;
        const found = stand.messages.filter(
          (m) =>
            m.channel === channel &&
            Number(m.ts) >= oldest &&
            (inThread === null ? m.threadTs === null : m.threadTs === inThread || m.ts === inThread),
        );
        return {
          ok: true,
          messages: found.reverse().map((m) => ({ type: 'message', ts: m.ts, text: m.text, thread_ts: m.threadTs ?? undefined, metadata: m.metadata ?? undefined })),
          has_more: false,
        };
      }
      case 'apps.connections.open':
        return stand.socketModeUrl ? { ok: true, url: stand.socketModeUrl } : { ok: false, error: 'not_allowed_token_type' };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() };
      case 'views.open':
      case 'views.push':
        return { ok: true, view: { id: `V${String(++viewCounter).padStart(8, '0')}`, ...(args.view as object) } };
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: args.view_id ?? `V${String(++viewCounter).padStart(8, '0')}`, ...(args.view as object) } };
      case 'users.info': {
        const user = typeof args.user === 'string' ? args.user : '';
        const zone = options.userZones?.[user] ?? { tz: 'Etc/UTC', offsetSeconds: 0 };
        return { ok: true, user: { id: user, name: user.toLowerCase(), tz: zone.tz, tz_offset: zone.offsetSeconds } };
      }
      case 'conversations.info':
        if (channelError) return { ok: false, error: channelError };
        return { ok: true, channel: { id: channel, is_member: true, is_private: false } };
      default:
        return { ok: true };
    }
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = req.url ?? '/';
      if (req.method === 'POST' && url.startsWith('/response/')) {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          send(res, 400, { ok: false, error: 'invalid_json' });
          return;
        }
        const post: ResponsePost = { id: url.slice('/response/'.length), body, at: now() };
        stand.responses.push(post);
        stand.onEvent?.({ kind: 'response', response: post });
        send(res, 200, { ok: true });
        return;
      }
      const match = /^\/api\/([\w.]+)/.exec(url);
      if (req.method !== 'POST' || !match) {
        send(res, 404, { ok: false, error: 'unknown_method' });
        return;
      }
      const method = match[1]!;
      const args = decodeArgs(raw, req.headers['content-type']);
      const auth = req.headers.authorization;
      const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : null;

      const faultIndex = stand.faults.findIndex(
        (f) => (f.method === method || f.method === '*') && (f.channel === undefined || f.channel === args.channel),
      );
      const lost = faultIndex >= 0 && 'lose' in stand.faults[faultIndex]!;
      if (faultIndex >= 0 && !lost) {
        const [fault] = stand.faults.splice(faultIndex, 1);
        if (fault && 'hang' in fault) return; // never answers; close() destroys the socket
        if (fault && 'error' in fault) {
          send(res, 200, { ok: false, error: fault.error });
          return;
        }
        if (fault && 'status' in fault) {
          send(res, fault.status, fault.body ?? { ok: false, error: 'fault' }, fault.headers);
          return;
        }
      }

      const call: SlackCall = { method, args, token, at: now() };
      stand.calls.push(call);
      stand.onEvent?.({ kind: 'call', call });
      // docs.slack.dev/reference/methods/chat.postMessage (errors): a revoked token or a deactivated
      // account answers HTTP 200 with ok:false (token_revoked, invalid_auth, account_inactive).
      if (tokenError !== null) {
        send(res, 200, { ok: false, error: tokenError });
        return;
      }
      const result = answer(method, args);
      if (lost) {
        stand.faults.splice(faultIndex, 1);
        return; // the call took effect; its answer never arrives
      }
      send(res, 200, result);
    })().catch(() => {
      if (!res.headersSent) send(res, 500, { ok: false, error: 'stand_in_failure' });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  stand.apiUrl = `http://127.0.0.1:${port}/api/`;
  return stand;
}
