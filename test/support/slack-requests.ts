/**
 * The tests' defaults over src/simulator/slack-requests.ts (what Slack sends): one signing
 * secret, one user in one channel, posted to the app's port on loopback.
 */
import {
  buttonClickBody,
  escapeCommandText,
  messageButtonClickBody,
  type ClickedMessage,
  postSigned as postSignedTo,
  sign as signWith,
  slashCommandBody,
  type SignedPost,
  type SlackActor,
  type WorkspaceDirectory,
} from '../../src/simulator/slack-requests';

export type { SignedPost } from '../../src/simulator/slack-requests';

export const SIGNING_SECRET = 'test-signing-secret';

const ACTOR: SlackActor = { teamId: 'T0STANDIN', teamDomain: 'standin', userId: 'U0USER', userName: 'ada', channelId: 'C0LIST', channelName: 'hume' };

export function sign(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return signWith(body, timestamp, secret);
}

export function postSigned(
  port: number,
  body: string,
  options: { timestamp?: number; secret?: string; signature?: string } = {},
): Promise<SignedPost> {
  return postSignedTo(`http://127.0.0.1:${port}/slack/events`, body, { ...options, secret: options.secret ?? SIGNING_SECRET });
}

export interface CommandOptions {
  /** A trigger_id the stand-in issued (`slack.triggerId()`); a made-up one opens no modal. */
  triggerId?: string;
  /**
   * The command's `should_escape` setting, with the workspace that resolves names: true sends
   * `@oncall` as `<!subteam^S…|@oncall>` as Slack would (manifest.yml sets it); false or absent
   * sends the text as typed, as an app made from an older manifest receives it.
   */
  escapeWith?: WorkspaceDirectory | null;
}

export function commandBody(text: string, responseUrl: string, extra: Record<string, string> = {}, options: CommandOptions = {}): string {
  const sent = options.escapeWith ? escapeCommandText(text, options.escapeWith) : text;
  return slashCommandBody(ACTOR, { name: '/hume-jobs', text: sent, responseUrl, triggerId: options.triggerId ?? '0.0.unissued' }, extra);
}

export function buttonBody(actionId: string, value: string, responseUrl: string, triggerId = '0.0.unissued'): string {
  return buttonClickBody(ACTOR, { actionId, value, responseUrl, triggerId });
}

/** A click by `userId` on a button of a channel message the app posted (an alert). */
export function messageButtonBody(message: ClickedMessage, actionId: string, responseUrl: string, triggerId: string, userId = ACTOR.userId): string {
  const actor = userId === ACTOR.userId ? ACTOR : { ...ACTOR, userId, userName: userId.toLowerCase() };
  return messageButtonClickBody({ ...actor, channelId: message.channel }, message, { actionId, responseUrl, triggerId });
}
