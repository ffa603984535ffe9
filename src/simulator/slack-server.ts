/**
 * A stand-in for Slack's Web API and for `response_url`, on loopback. The offline demo renders
 * what it records as a terminal view of Slack; the tests assert on it and script its failures
 * (429 with Retry-After, 5xx, `{ok:false}` errors) to prove nothing is lost.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { answerMethod } from './slack-methods';
import { DEFAULT_USERS, Workspace, type Answer, type StoredMessage, type WorkspaceOptions } from './slack-workspace';

export type { StoredMessage, StandInUser, StandInUserGroup } from './slack-workspace';

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

/** A scripted answer for the next call to a method (or to every method when `method` is '*'). */
export type SlackFault =
  | { method: string; status: number; headers?: Record<string, string>; body?: unknown }
  | { method: string; error: string }
  | { method: string; hang: true }
  /** The call takes effect but its answer never arrives (a crash or timeout right after Slack acted). */
  | { method: string; lostAnswer: true };

export interface SlackEvent {
  kind: 'call' | 'response';
  call?: SlackCall;
  response?: ResponsePost;
}

export interface SlackStandIn {
  /** Base URL for `SLACK_API_URL` (ends with `/api/`). */
  apiUrl: string;
  /** A fresh `response_url` on this server, valid from now on the stand-in's clock. */
  responseUrl(): string;
  /** A fresh `trigger_id`, issued now on the stand-in's clock (a command or click carries one). */
  triggerId(): string;
  /** The workspace: channels and membership, people, user groups, scopes. */
  workspace: Workspace;
  /** Deletes a message as a person in Slack would; later edits of it fail. */
  deleteMessage(channel: string, ts: string): void;
  calls: SlackCall[];
  responses: ResponsePost[];
  /** Every message posted with chat.postMessage, in order, as it stands after edits. */
  messages: StoredMessage[];
  faults: SlackFault[];
  /** The WebSocket URL `apps.connections.open` hands out (Socket Mode); null answers an error. */
  socketModeUrl: string | null;
  /** Called after each recorded call or response post (the demo's renderer listens here). */
  onEvent: ((event: SlackEvent) => void) | null;
  callsTo(method: string): SlackCall[];
  close(): Promise<void>;
}

export interface SlackStandInOptions extends WorkspaceOptions {
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

/** How long a `response_url` lives and how often it may be used (docs.slack.dev interactivity/handling-user-interaction). */
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_MS = 30 * 60_000;
/** A `trigger_id` may be exchanged once, within 3 s (docs.slack.dev interactivity/handling-user-interaction). */
const TRIGGER_MS = 3000;

export async function startSlackStandIn(options: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const now = options.now ?? Date.now;
  const sockets = new Set<Socket>();
  // userZones (older option) adds or replaces people by id.
  const people = new Map((options.users ?? DEFAULT_USERS).map((u) => [u.id, u]));
  for (const [id, zone] of Object.entries(options.userZones ?? {})) {
    people.set(id, { id, name: people.get(id)?.name ?? id.toLowerCase(), tz: zone.tz, offsetSeconds: zone.offsetSeconds });
  }
  const workspace = new Workspace({ ...options, users: [...people.values()] });
  let tsCounter = 0;
  let viewCounter = 0;
  let responseCounter = 0;
  let triggerCounter = 0;
  const responseUrls = new Map<string, { issuedAt: number; uses: number }>();
  const triggers = new Map<string, { issuedAt: number; used: boolean }>();

  const nextTs = () => {
    tsCounter += 1;
    return `${Math.floor(now() / 1000)}.${String(tsCounter).padStart(6, '0')}`;
  };

  const stand: SlackStandIn = {
    apiUrl: '',
    responseUrl: () => {
      const id = String(++responseCounter);
      responseUrls.set(id, { issuedAt: now(), uses: 0 });
      return `${stand.apiUrl.replace(/api\/$/, '')}response/${id}`;
    },
    triggerId: () => {
      const id = `${++triggerCounter}.${now()}.standin`;
      triggers.set(id, { issuedAt: now(), used: false });
      return id;
    },
    workspace,
    deleteMessage: (channel, ts) => {
      const message = stand.messages.find((m) => m.channel === channel && m.ts === ts);
      if (message) message.deleted = true;
    },
    calls: [],
    responses: [],
    messages: [],
    faults: [],
    socketModeUrl: null,
    onEvent: null,
    callsTo: (method) => stand.calls.filter((c) => c.method === method),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  /** Why this trigger cannot open a view now, or null (it is then used up). */
  const useTrigger = (triggerId: unknown): string | null => {
    const trigger = typeof triggerId === 'string' ? triggers.get(triggerId) : undefined;
    if (!trigger) return 'invalid_trigger_id';
    if (trigger.used) return 'exchanged_trigger_id';
    if (now() - trigger.issuedAt > TRIGGER_MS) return 'expired_trigger_id';
    trigger.used = true;
    return null;
  };

  const answer = (method: string, args: Record<string, unknown>): Answer => {
    const channel = typeof args.channel === 'string' ? args.channel : null;
    const channelError = channel ? options.channelErrors?.[channel] : undefined;
    if (channelError && /^(chat\.|conversations\.(history|replies|info))/.test(method)) return { ok: false, error: channelError };
    return answerMethod(
      {
        workspace,
        messages: stand.messages,
        now,
        nextTs,
        nextViewId: () => `V${String(++viewCounter).padStart(8, '0')}`,
        socketModeUrl: stand.socketModeUrl,
        useTrigger,
      },
      method,
      args,
    );
  };

  /** A POST to a response_url: at most 5 uses in 30 minutes, then refused like Slack refuses it. */
  const respondAt = (id: string, raw: string, res: ServerResponse): void => {
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(raw) as Record<string, unknown>;
    } catch {
      send(res, 400, { ok: false, error: 'invalid_json' });
      return;
    }
    const url = responseUrls.get(id);
    if (!url) return send(res, 404, { ok: false, error: 'invalid_url' });
    if (now() - url.issuedAt > RESPONSE_URL_MS) return send(res, 404, { ok: false, error: 'expired_url' });
    if (url.uses >= RESPONSE_URL_USES) return send(res, 404, { ok: false, error: 'used_url' });
    url.uses += 1;
    const post: ResponsePost = { id, body, at: now() };
    stand.responses.push(post);
    stand.onEvent?.({ kind: 'response', response: post });
    send(res, 200, { ok: true });
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const raw = await readBody(req);
      const url = req.url ?? '/';
      if (req.method === 'POST' && url.startsWith('/response/')) {
        respondAt(url.slice('/response/'.length), raw, res);
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

      const faultIndex = stand.faults.findIndex((f) => f.method === method || f.method === '*');
      const [fault] = faultIndex >= 0 ? stand.faults.splice(faultIndex, 1) : [];
      if (fault && 'hang' in fault) return; // never answers; close() destroys the socket
      if (fault && 'error' in fault) {
        send(res, 200, { ok: false, error: fault.error });
        return;
      }
      if (fault && 'status' in fault) {
        send(res, fault.status, fault.body ?? { ok: false, error: 'fault' }, fault.headers);
        return;
      }

      const call: SlackCall = { method, args, token, at: now() };
      stand.calls.push(call);
      stand.onEvent?.({ kind: 'call', call });
      const result = answer(method, args);
      if (fault && 'lostAnswer' in fault) return; // Slack acted; the answer is lost with the socket
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
