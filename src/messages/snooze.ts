/**
 * Replies about a channel's snooze. Starting and ending one are posted for the whole channel
 * (it changes what everyone there hears); asking about it is answered to the caller only.
 */
import type { Snooze } from '../domain/channel';
import { context, section, type Message } from './blocks';
import { fitMessage } from './limits';
import { clip, formatDuration, plural, slackDate, userLink } from './mrkdwn';

const OFF = '`/hume-jobs snooze off` ends it early.';
const HOW = '`/hume-jobs snooze 2h` or `/hume-jobs snooze until 9:00` holds this channel’s alerts, with one summary when it ends.';

/** "until <date> (2 h from now)" */
function endPhrase(snooze: Snooze, now: number): string {
  return `until ${slackDate(snooze.endsAt)} (${formatDuration(snooze.endsAt - now)} from now)`;
}

/** One line for `subscriptions`: shown whenever a channel is snoozed. */
export function snoozeLine(snooze: Snooze, now: number): string {
  return `:zzz: Alerts are snoozed ${endPhrase(snooze, now)}, since ${slackDate(snooze.startedAt)}. ${OFF}`;
}

export interface SnoozedInput {
  snooze: Snooze;
  by: string;
  now: number;
  /** The channel was already snoozed: the end moved, the start stayed. */
  extended: boolean;
  /** How a time of day was read, when it was (`09:00 in Europe/Paris`). */
  zoneNote: string | null;
}

export function buildSnoozed(input: SnoozedInput): Message {
  const { snooze, by, now } = input;
  const verb = input.extended ? 'moved the end of the snooze here' : 'snoozed alerts here';
  // The zone name comes from Slack's users.info: escaped like anything not written here.
  const zone = input.zoneNote ? ` (${clip(input.zoneNote, 120)})` : '';
  return fitMessage({
    text: `Alerts in this channel are snoozed until ${new Date(snooze.endsAt).toISOString()}`,
    blocks: [
      section(`:zzz: ${userLink(by)} ${verb} ${endPhrase(snooze, now)}${zone}.`),
      context(`Nothing is posted here meanwhile; when it ends, one summary of what happened. ${OFF}`),
    ],
  });
}

/** `snooze off`: alerts are back, and whether a summary follows (`held`: the updates it sums up). */
export function buildSnoozeEnded(by: string, held: number): Message {
  const follows = held > 0 ? `A summary of ${plural(held, 'held update')} follows.` : 'Nothing happened meanwhile.';
  return fitMessage({
    text: `Alerts in this channel are back on. ${follows}`,
    blocks: [section(`:bell: ${userLink(by)} ended the snooze: alerts are back on here. ${follows}`)],
  });
}

export function buildNotSnoozed(): Message {
  return fitMessage({ text: 'Alerts in this channel are not snoozed', blocks: [section(`:bell: Alerts here are not snoozed.\n${HOW}`)] });
}

/** `snooze` alone: the channel's snooze, or how to start one. */
export function buildSnoozeStatus(snooze: Snooze | null, now: number): Message {
  if (snooze === null) return buildNotSnoozed();
  return fitMessage({ text: 'Alerts in this channel are snoozed', blocks: [section(snoozeLine(snooze, now))] });
}

/** A snooze in a channel without alerts would hold nothing: say what would. */
export function buildNothingToSnooze(): Message {
  return fitMessage({
    text: 'This channel gets no job alerts, so there is nothing to snooze',
    blocks: [section(':no_bell: This channel gets no job alerts, so there is nothing to snooze. `/hume-jobs subscribe` turns them on.')],
  });
}
