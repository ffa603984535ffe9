/**
 * The person at the prompt, as Slack would carry their actions: each command and button click is
 * signed with the signing secret and posted to the app's `/slack/events`, and the reply (in the
 * ack, at the `response_url`, or in a modal) is rendered. The last list's buttons are kept so
 * `next`, `prev` and `details N` can press them.
 */
import { ACTION_DETAILS, ACTION_PAGE_NEXT, ACTION_PAGE_PREV } from '../messages/action-ids';
import type { SlackEvent } from '../simulator/slack-server';
import { buttonClickBody, postSigned, slashCommandBody, type SignedPost, type SlackActor } from '../simulator/slack-requests';
import type { Inbox } from './inbox';
import { renderMessage, renderModal, type RenderOptions } from './render';
import { plainStyle } from './style';

export interface SessionDeps {
  eventsUrl: string;
  signingSecret: string;
  actor: SlackActor;
  /** A fresh `response_url` at the Slack stand-in. */
  responseUrl(): string;
  /** A fresh `trigger_id` from the Slack stand-in (Details opens a modal with it). */
  triggerId(): string;
  /** The command text as Slack sends it (`should_escape: true` turns `@oncall` into its ID); as typed when absent. */
  escape?(text: string): string;
  inbox: Inbox;
  print(lines: string[]): void;
  render: RenderOptions;
  /** Longer than the app's own 20 s command deadline: it always answers before this. */
  replyTimeoutMs?: number;
}

export interface Session {
  command(text: string): Promise<void>;
  page(direction: 'next' | 'prev'): Promise<void>;
  details(target: string): Promise<void>;
}

/** The buttons of the last list shown: Details per job in order, and the paging buttons. */
export interface ListButtons {
  details: string[];
  next: string | null;
  prev: string | null;
}

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** Every button in a message, as action id and value, in reading order. */
function buttonsOf(blocks: unknown): { actionId: string; value: string }[] {
  return records(blocks)
    .flatMap((block) => [block.accessory, ...records(block.elements)])
    .filter(isRecord)
    .filter((element) => element.type === 'button' && typeof element.action_id === 'string')
    .map((element) => ({ actionId: String(element.action_id), value: typeof element.value === 'string' ? element.value : '' }));
}

/** What `next`, `prev` and `details N` would press in this message, or null if it has none. */
export function listButtons(blocks: unknown): ListButtons | null {
  const buttons = buttonsOf(blocks);
  const find = (id: string) => buttons.find((b) => b.actionId === id)?.value ?? null;
  const details = buttons.filter((b) => b.actionId === ACTION_DETAILS).map((b) => b.value);
  const list = { details, next: find(ACTION_PAGE_NEXT), prev: find(ACTION_PAGE_PREV) };
  return details.length > 0 || list.next !== null || list.prev !== null ? list : null;
}

function parseAck(body: string): Json | null {
  if (body.trim() === '') return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function createSession(deps: SessionDeps): Session {
  const style = deps.render.style ?? plainStyle;
  const timeoutMs = deps.replyTimeoutMs ?? 25_000;
  const indent = (lines: string[], prefix = '  ') => lines.map((line) => prefix + line);
  const note = (text: string) => deps.print([style.dim(`  ${text}`), '']);
  let last: ListButtons | null = null;

  function showReply(reply: Json, how: string): void {
    const channel = deps.render.channels?.[deps.actor.channelId] ?? deps.actor.channelId;
    const visibility = reply.response_type === 'in_channel' ? `posted in #${channel}` : 'only visible to you';
    const replaces = reply.replace_original === true ? ', replacing the list above' : '';
    const buttons = listButtons(reply.blocks);
    if (buttons) last = buttons;
    const count = buttons?.details.length ?? 0;
    const moves = [count === 0 ? null : count === 1 ? 'details 1' : `details 1…${count}`, buttons?.next ? 'next' : null, buttons?.prev ? 'prev' : null].filter(
      (m) => m !== null,
    );
    deps.print([
      style.dim(`  ⤷ reply ${how}, ${visibility}${replaces}`),
      ...indent(renderMessage(reply, deps.render)),
      ...(moves.length > 0 ? [style.dim(`  (buttons: ${moves.join(' · ')})`)] : []),
      '',
    ]);
  }

  /** What a request's answer arrives as: a post to its response_url, or the modal it opened. */
  type Expected = 'response' | 'modal';

  function waitFor(expected: Expected, responseUrl: string) {
    const id = responseUrl.slice(responseUrl.lastIndexOf('/') + 1);
    return deps.inbox.expect((event: SlackEvent): { reply: unknown; at: number } | undefined => {
      if (expected === 'response') return event.response?.id === id ? { reply: event.response.body, at: event.response.at } : undefined;
      // Details opens a loading modal at once and replaces it with views.update when Hume answers.
      return event.call?.method === 'views.update' ? { reply: event.call.args.view, at: event.call.at } : undefined;
    }, timeoutMs);
  }

  /** Posts one signed request and shows its answer: in the ack itself, at its response_url, or as a modal. */
  async function send(expected: Expected, body: (responseUrl: string, triggerId: string) => string): Promise<void> {
    const responseUrl = deps.responseUrl();
    const waiting = waitFor(expected, responseUrl);
    const started = Date.now();
    let ack: SignedPost;
    try {
      ack = await postSigned(deps.eventsUrl, body(responseUrl, deps.triggerId()), { secret: deps.signingSecret });
    } catch (error) {
      waiting.cancel();
      note(`could not reach the app: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const acked = `acknowledged in ${Math.round(ack.ms)} ms`;
    // Replies that need no Hume call (help, "not understood") come in the ack's own body.
    const inAck = parseAck(ack.body);
    if (ack.status !== 200 || (inAck && ('text' in inAck || 'blocks' in inAck))) {
      waiting.cancel();
      if (ack.status !== 200) note(`the app answered HTTP ${ack.status}: ${ack.body.slice(0, 200)}`);
      else if (inAck) showReply(inAck, `in the ack (${acked})`);
      return;
    }
    const answer = await waiting.result;
    const timing = `${acked}, answered in ${Math.max(0, answer ? answer.at - started : 0)} ms`;
    if (!answer) note(`${acked}; no ${expected === 'modal' ? 'modal' : 'reply'} within ${timeoutMs / 1000} s`);
    else if (expected === 'modal') deps.print([style.dim(`  ⤷ details modal (${timing})`), ...indent(renderModal(answer.reply, deps.render), '  │ '), '']);
    else if (isRecord(answer.reply)) showReply(answer.reply, `(${timing})`);
  }

  function click(actionId: string, value: string) {
    return (responseUrl: string, triggerId: string) => buttonClickBody(deps.actor, { actionId, value, responseUrl, triggerId });
  }

  return {
    command: (text) => send('response', (responseUrl, triggerId) => slashCommandBody(deps.actor, { name: '/hume-jobs', text: deps.escape?.(text) ?? text, responseUrl, triggerId })),

    async page(direction) {
      const value = direction === 'next' ? last?.next : last?.prev;
      if (!value) {
        note(last ? `the last list has no ${direction === 'next' ? 'Next' : 'Previous'} button` : 'no list yet: type a command such as `failed` first');
        return;
      }
      await send('response', click(direction === 'next' ? ACTION_PAGE_NEXT : ACTION_PAGE_PREV, value));
    },

    async details(target) {
      const id = /^\d{1,3}$/.test(target) ? last?.details[Number(target) - 1] : target;
      if (!id) {
        note(target === '' ? 'details takes a number from the last list or a job id: `details 2`' : `the last list has no job number ${target}`);
        return;
      }
      await send('modal', click(ACTION_DETAILS, id));
    },
  };
}
