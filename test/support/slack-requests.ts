/**
 * The tests' defaults over src/simulator/slack-requests.ts (what Slack sends): one signing
 * secret, one user in one channel, posted to the app's port on loopback.
 */
import {
  buttonClickBody,
  postSigned as postSignedTo,
  sign as signWith,
  slashCommandBody,
  type SignedPost,
  type SlackActor,
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

export function commandBody(text: string, responseUrl: string, extra: Record<string, string> = {}): string {
  return slashCommandBody(ACTOR, { name: '/hume-jobs', text, responseUrl, triggerId: '123.456.abc' }, extra);
}

export function buttonBody(actionId: string, value: string, responseUrl: string): string {
  return buttonClickBody(ACTOR, { actionId, value, responseUrl, triggerId: '789.012.def' });
}
