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
