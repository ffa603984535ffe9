/**
 * Signed `/hume-jobs` commands over HTTP, timed as a user feels them: the ack is the HTTP
 * response to Slack's POST, the reply is the app's POST to the response_url arriving at the
 * Slack stand-in. Both are measured from the moment the command is sent, on this process's clock.
 */
import type { SlackStandIn } from '../../src/simulator/slack-server';
import { commandBody, postSigned } from '../../test/support/slack-requests';

export interface CommandTiming {
  ackMs: number;
  replyMs: number;
  /** Why the command did not do what was asked (a non-200 ack, an error reply), or null. */
  failure: string | null;
}

export interface Commander {
  run(text: string, extra?: Record<string, string>): Promise<CommandTiming>;
  close(): void;
}

/** Replies the app sends when something went wrong start with this emoji (buildErrorMessage). */
function replyFailure(body: Record<string, unknown>): string | null {
  const blocks = Array.isArray(body.blocks) ? (body.blocks as unknown[]) : [];
  if (blocks.length === 0) return `a reply without blocks: ${JSON.stringify(body).slice(0, 200)}`;
  const first = JSON.stringify(blocks[0]);
  return first.includes(':warning:') ? `an error reply: ${first.slice(0, 300)}` : null;
}

interface Arrival {
  at: number;
  body: Record<string, unknown>;
}

const REPLY_TIMEOUT_MS = 30_000;

export function createCommander(slack: SlackStandIn, port: number): Commander {
  // Replies resolve their waiter as they arrive (no polling, which would add its own delay
  // under 50 concurrent commands); one that comes before its waiter is kept for it.
  const arrived = new Map<string, Arrival>();
  const waiting = new Map<string, (arrival: Arrival) => void>();
  slack.onEvent = (event) => {
    if (event.kind !== 'response' || !event.response) return;
    const arrival = { at: performance.now(), body: event.response.body };
    const waiter = waiting.get(event.response.id);
    if (waiter) waiter(arrival);
    else arrived.set(event.response.id, arrival);
  };
  const replyTo = (id: string, text: string) =>
    arrived.get(id) ??
    new Promise<Arrival>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply to "${text}" within ${REPLY_TIMEOUT_MS / 1000} s`)), REPLY_TIMEOUT_MS);
      waiting.set(id, (arrival) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(arrival);
      });
    });

  return {
    async run(text, extra) {
      const responseUrl = slack.responseUrl();
      const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
      const sent = performance.now();
      const ack = await postSigned(port, commandBody(text, responseUrl, extra));
      const ackMs = performance.now() - sent;
      if (ack.status !== 200) return { ackMs, replyMs: Number.NaN, failure: `HTTP ${ack.status} for "${text}"` };
      // Answers that need no Hume (help, a command not understood) come in the ack itself.
      if (ack.body.trim() !== '') return { ackMs, replyMs: ackMs, failure: replyFailure(JSON.parse(ack.body) as Record<string, unknown>) };
      const reply = await replyTo(id, text);
      return { ackMs, replyMs: reply.at - sent, failure: replyFailure(reply.body) };
    },
    close() {
      slack.onEvent = null;
    },
  };
}
