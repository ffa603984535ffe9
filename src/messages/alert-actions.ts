/**
 * The alert buttons and what they leave on an alert: *I'm on it* (the message then says who took
 * it, for everyone) and *Mute this cause 4h* (alerts of the same cause here are held and summed up
 * when the mute ends), the replies to a press, and `unmute`. Delivery and the button handlers
 * render alerts with the same lines, so a later edit of the message keeps them.
 */
import type { AlertActionState, AlertClaim, Mute } from '../domain/alert-actions';
import { OVERDUE_CAUSE } from '../alerts/alert-cause';
import { ACTION_MUTE, ACTION_TAKE } from './action-ids';
import { actions, button, context, section, type Message, type MessageBlock } from './blocks';
import { fitMessage } from './limits';
import { clip, formatDuration, plural, slackDate, userLink } from './mrkdwn';

export const TAKE_LABEL = "I'm on it";
export const MUTE_LABEL = 'Mute this cause 4h';
const UNMUTE = '`/hume-jobs unmute` ends it early.';
/** How much of a cause's example message a line shows. */
const EXAMPLE_CAP = 120;

/** "14:02" in each reader's zone, the date only when it is not today. */
const timeOf = (at: number): string => slackDate(at, '{time}');

/** The cause in words: its example message, or what overdue means. */
export function causeWords(mute: Pick<Mute, 'cause' | 'example'>): string {
  return mute.cause === OVERDUE_CAUSE ? 'overdue jobs' : `“${clip(mute.example, EXAMPLE_CAP)}”`;
}

/** ":raising_hand: <@U…> is on it · 14:02" */
export function claimLine(claim: AlertClaim): string {
  return `:raising_hand: ${userLink(claim.userId)} is on it · ${timeOf(claim.at)}`;
}

function muteLine(mute: Mute): string {
  return `:mute: ${userLink(mute.createdBy ?? 'someone')} muted ${mute.cause === OVERDUE_CAUSE ? 'overdue alerts' : 'this cause'} here until ${slackDate(mute.endsAt)}`;
}

/**
 * What a failure or overdue alert carries under its job: who took it and the mute of its cause
 * (while it lasts), then the two buttons. `buttons` false: a message whose job moved on (it
 * completed) keeps saying who took it, without buttons.
 */
export function alertActionBlocks(jobId: string, state: AlertActionState, now: number, buttons: boolean): MessageBlock[] {
  const lines = [state.claim ? claimLine(state.claim) : null, state.mute && state.mute.endsAt > now ? muteLine(state.mute) : null].filter(
    (l): l is string => l !== null,
  );
  const blocks: MessageBlock[] = lines.length > 0 ? [context(lines.join('  ·  '))] : [];
  if (buttons) blocks.push(actions([button(TAKE_LABEL, ACTION_TAKE, jobId), button(MUTE_LABEL, ACTION_MUTE, jobId)]));
  return blocks;
}

const reply = (text: string, line: string): Message => fitMessage({ text, blocks: [section(line)] });

/** A second press of *I'm on it*: by the one who has it, or by someone else. */
export function buildAlreadyTaken(claim: AlertClaim, presser: string): Message {
  if (claim.userId === presser) return reply('You are already on it', `:raising_hand: You are already on it (since ${slackDate(claim.at)}).`);
  return reply('Already taken', `:raising_hand: Already taken by ${userLink(claim.userId)} (since ${slackDate(claim.at)}).`);
}

export function buildAlreadyMuted(mute: Mute): Message {
  return reply(
    'This cause is already muted here',
    `:mute: ${causeWords(mute)} is already muted here by ${userLink(mute.createdBy ?? 'someone')} until ${slackDate(mute.endsAt)}. ${UNMUTE}`,
  );
}

/** The channel is told who muted what, until when: it changes what everyone here hears. */
export function buildMuted(mute: Mute): Message {
  const what = mute.cause === OVERDUE_CAUSE ? 'overdue alerts' : `alerts of this cause: ${causeWords(mute)}`;
  return fitMessage({
    text: `Alerts of one cause are muted here until ${new Date(mute.endsAt).toISOString()}`,
    blocks: [
      section(`:mute: ${userLink(mute.createdBy ?? 'someone')} muted ${what} for ${formatDuration(mute.endsAt - mute.startedAt)}, until ${slackDate(mute.endsAt)}.`),
      context(`Other alerts still post. When the mute ends, one summary of what it held. ${UNMUTE}`),
    ],
  });
}

/** A press on an alert whose job no longer has a cause to mute (it recovered, or is unknown). */
export function buildNothingToMute(): Message {
  return reply('Nothing to mute', ':grey_question: This job is neither failing nor overdue now, so there is no cause to mute.');
}

/** `unmute`: which mutes ended, and the summaries that follow (`held`: updates each sums up). */
export function buildUnmuted(by: string, ended: readonly { mute: Mute; held: number }[]): Message {
  const lines = ended.map(({ mute, held }) => `• ${causeWords(mute)}: ${held > 0 ? `a summary of ${plural(held, 'held update')} follows` : 'nothing was held'}`);
  return fitMessage({
    text: `Muted causes are heard again here (${ended.length})`,
    blocks: [section(`:bell: ${userLink(by)} ended ${plural(ended.length, 'mute')} here: these causes alert again.\n${lines.join('\n')}`)],
  });
}

export function buildNothingToUnmute(): Message {
  return reply('Nothing is muted here', `:bell: Nothing is muted here. The *${MUTE_LABEL}* button on a failure or overdue alert mutes its cause.`);
}

/** For `subscriptions`: each mute of this channel, its cause, who set it and until when. */
export function muteLines(mutes: readonly Mute[]): string {
  const lines = mutes.map((m) => `• ${causeWords(m)} — by ${userLink(m.createdBy ?? 'someone')}, until ${slackDate(m.endsAt)}`);
  return `:mute: ${plural(mutes.length, 'cause')} muted here (held, summed up when the mute ends):\n${lines.join('\n')}\n${UNMUTE}`;
}
