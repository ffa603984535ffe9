/**
 * What Slack sends to the app: form-encoded, signed slash commands and button clicks, posted to
 * its real `/slack/events` endpoint over loopback. The other half of the Slack stand-in
 * (slack-server.ts answers the app's calls; this makes the calls a workspace would make).
 */
import { createHmac } from 'node:crypto';

export interface SignedPost {
  status: number;
  body: string;
  /** Wall-clock ms from sending to the response (the ack). */
  ms: number;
}

/** Who is typing, and where: the fields Slack puts in every command and click. */
export interface SlackActor {
  teamId: string;
  teamDomain: string;
  userId: string;
  userName: string;
  channelId: string;
  channelName: string;
}

/** Slack's request signature (v0): HMAC-SHA256 of `v0:<timestamp>:<body>`. */
export function sign(body: string, timestamp: number, secret: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export async function postSigned(
  eventsUrl: string,
  body: string,
  options: { secret: string; timestamp?: number; signature?: string },
): Promise<SignedPost> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const started = performance.now();
  const response = await fetch(eventsUrl, {
    method: 'POST',
    headers: {
      // Bolt matches this content type exactly: no charset suffix.
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? sign(body, timestamp, options.secret),
    },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text, ms: performance.now() - started };
}

export function slashCommandBody(
  actor: SlackActor,
  command: { name: string; text: string; responseUrl: string; triggerId: string },
  extra: Record<string, string> = {},
): string {
  return new URLSearchParams({
    token: 'legacy-verification-token',
    team_id: actor.teamId,
    team_domain: actor.teamDomain,
    channel_id: actor.channelId,
    channel_name: actor.channelName,
    user_id: actor.userId,
    user_name: actor.userName,
    command: command.name,
    text: command.text,
    api_app_id: 'A0APP',
    response_url: command.responseUrl,
    trigger_id: command.triggerId,
    ...extra,
  }).toString();
}

/** A click on a button in an ephemeral message (where our lists are), as `block_actions`. */
export function buttonClickBody(
  actor: SlackActor,
  click: { actionId: string; value: string; responseUrl: string; triggerId: string; messageTs?: string },
): string {
  const payload = {
    type: 'block_actions',
    team: { id: actor.teamId, domain: actor.teamDomain },
    user: { id: actor.userId, username: actor.userName, team_id: actor.teamId },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: { type: 'message', message_ts: click.messageTs ?? '1700000000.000100', channel_id: actor.channelId, is_ephemeral: true },
    trigger_id: click.triggerId,
    channel: { id: actor.channelId, name: actor.channelName },
    response_url: click.responseUrl,
    actions: [{ type: 'button', action_id: click.actionId, block_id: 'b1', value: click.value, action_ts: '1700000001.000200' }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** The fields of a posted message a click on one of its buttons carries. */
export interface ClickedMessage {
  channel: string;
  ts: string;
  threadTs: string | null;
  text: string;
  blocks: unknown[];
}

interface FoundButton {
  blockId: string;
  value: string;
}

/** The button `actionId` of a message's blocks (a section's accessory, or in an actions block), with its block's id. */
function findButton(blocks: readonly unknown[], actionId: string): FoundButton | null {
  for (const [index, raw] of blocks.entries()) {
    const block = raw as { block_id?: string; accessory?: { action_id?: string; value?: string }; elements?: { action_id?: string; value?: string }[] };
    const buttons = [block.accessory, ...(Array.isArray(block.elements) ? block.elements : [])];
    const button = buttons.find((b) => b?.action_id === actionId);
    // Slack gives every block an id when the app gave none (docs.slack.dev reference/block-kit/blocks).
    if (button) return { blockId: block.block_id ?? `b${index}`, value: button.value ?? '' };
  }
  return null;
}

/**
 * A click on a button of a message the app posted in a channel (an alert), as `block_actions`
 * (docs.slack.dev reference/interaction-payloads/block_actions-payload): `container` names the
 * message (`message_ts`, `channel_id`, `is_ephemeral: false`, and `thread_ts` for a thread reply),
 * `message` carries the message as it stands, and the action is the button as the message has it
 * (its `value`, its block's `block_id`). A button the message does not have cannot be clicked:
 * this throws, so a test cannot press what a user would not see.
 */
export function messageButtonClickBody(
  actor: SlackActor,
  message: ClickedMessage,
  click: { actionId: string; responseUrl: string; triggerId: string },
): string {
  const button = findButton(message.blocks, click.actionId);
  if (!button) throw new Error(`the message ${message.ts} has no button ${click.actionId}`);
  const payload = {
    type: 'block_actions',
    team: { id: actor.teamId, domain: actor.teamDomain },
    user: { id: actor.userId, username: actor.userName, name: actor.userName, team_id: actor.teamId },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: message.channel,
      is_ephemeral: false,
      ...(message.threadTs ? { thread_ts: message.threadTs } : {}),
    },
    trigger_id: click.triggerId,
    channel: { id: message.channel, name: actor.channelName },
    message: { type: 'message', subtype: 'bot_message', bot_id: 'B0BOT', ts: message.ts, text: message.text, blocks: message.blocks, ...(message.threadTs ? { thread_ts: message.threadTs } : {}) },
    state: { values: {} },
    response_url: click.responseUrl,
    actions: [{ type: 'button', action_id: click.actionId, block_id: button.blockId, value: button.value, action_ts: String(Date.now() / 1000) }],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Who and what a workspace knows by name, for escaping command text as Slack does. */
export interface WorkspaceDirectory {
  users: readonly { id: string; name: string }[];
  userGroups: readonly { id: string; handle: string }[];
  channels?: readonly { id: string; name: string }[];
}

const BROADCASTS: ReadonlySet<string> = new Set(['here', 'channel', 'everyone']);

/**
 * The command text as Slack sends it when the command has `should_escape: true`: `@ada` becomes
 * `<@U…|ada>`, `@oncall` `<!subteam^S…|@oncall>`, `@here` `<!here>`, `#general` `<#C…|general>`;
 * names nobody has stay text (docs.slack.dev interactivity/implementing-slash-commands, escaping).
 * With `should_escape: false` Slack sends the text exactly as typed.
 */
export function escapeCommandText(text: string, directory: WorkspaceDirectory): string {
  return text.replace(/(^|[\s:])([@#])([a-z0-9][a-z0-9._-]*)/gi, (whole, before: string, sigil: string, name: string) => {
    const lower = name.toLowerCase();
    if (sigil === '#') {
      const channel = directory.channels?.find((c) => c.name === lower);
      return channel ? `${before}<#${channel.id}|${channel.name}>` : whole;
    }
    if (BROADCASTS.has(lower)) return `${before}<!${lower}>`;
    const user = directory.users.find((u) => u.name.toLowerCase() === lower);
    if (user) return `${before}<@${user.id}|${user.name}>`;
    const group = directory.userGroups.find((g) => g.handle.toLowerCase() === lower);
    return group ? `${before}<!subteam^${group.id}|@${group.handle}>` : whole;
  });
}
