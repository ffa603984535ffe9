/**
 * What `subscribe` and `unsubscribe` changed, and who changed it, for the whole channel to see
 * (like snooze and board), or, when nothing changed, a note for the caller only.
 */
import type { StatusKind } from '../jobs/job';
import type { Subscription } from '../domain/channel';
import { context, section, type Message } from './blocks';
import { fitMessage } from './limits';
import { plural, userLink } from './mrkdwn';
import { alertsPhrase, kindsWords, mentionWords } from './subscription-words';

const HOW_IT_WORKS =
  'Each job is one message, edited as it moves on, with each change in its thread. `/hume-jobs unsubscribe` stops them; `/hume-jobs subscriptions` shows them.';

/** "a, b and c" */
function andList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

export interface SubscribedInput {
  sub: Subscription;
  /** The subscription before this command, or null when the channel had none. */
  before: Subscription | null;
  by: string;
  /** The mention's name as looked up (`@oncall`), for words; null to describe it from the ID. */
  mentionName?: string | null;
  /** The channel had a delivery problem, which subscribing again clears. */
  resumed?: boolean;
}

/** The kinds `after` has that `before` did not. */
export function addedKinds(before: Subscription | null, after: Subscription): StatusKind[] {
  return after.kinds.filter((k) => !(before?.kinds ?? []).includes(k));
}

/** Whether `subscribe` changed anything: new kinds, a new mention, or a problem cleared. */
export function subscribeChanged(input: SubscribedInput): boolean {
  const { sub, before } = input;
  return before === null || addedKinds(before, sub).length > 0 || before.mention !== sub.mention || input.resumed === true;
}

/** The public confirmation of `/hume-jobs subscribe`: what changed, who changed it, what the channel now gets. */
export function buildSubscribed(input: SubscribedInput): Message {
  const { sub, before, by } = input;
  const named = input.mentionName ?? null;
  const changes: string[] = [];
  if (before === null) changes.push('subscribed this channel to job alerts');
  else {
    const added = addedKinds(before, sub);
    if (added.length > 0) changes.push(`added alerts for ${kindsWords(added, andList)}`);
    if (sub.mention !== null && before.mention !== sub.mention) changes.push(`set failures to mention ${mentionWords(sub.mention, named)}`);
    if (input.resumed) changes.push('asked me to try posting here again');
  }
  return fitMessage({
    text: `This channel now gets job alerts: ${sub.kinds.join(', ')}`,
    blocks: [section(`:bell: ${userLink(by)} ${andList(changes)}.\nThis channel now gets ${alertsPhrase(sub, named)}`), context(HOW_IT_WORKS)],
  });
}

/** `subscribe` that asks for what the channel already gets: told to the caller only. */
export function buildAlreadySubscribed(sub: Subscription, mentionName: string | null = null): Message {
  return fitMessage({
    text: `This channel already gets job alerts: ${sub.kinds.join(', ')}; nothing changed`,
    blocks: [section(`:bell: Nothing changed: this channel already gets ${alertsPhrase(sub, mentionName)}`)],
  });
}

export interface UnsubscribedInput {
  /** What is left, or null when the channel gets no alerts now. */
  remaining: Subscription | null;
  /** The kinds this command stopped. */
  removed: StatusKind[];
  by: string;
  /** How many held alerts a snooze dropped with the subscription; null when no snooze ended. */
  droppedBySnooze?: number | null;
}

/** The public confirmation of `/hume-jobs unsubscribe`: what stopped, who stopped it, what is left. */
export function buildUnsubscribed(input: UnsubscribedInput): Message {
  const { remaining, removed, by } = input;
  const dropped = input.droppedBySnooze ?? null;
  if (remaining === null || remaining.kinds.length === 0) {
    const snooze = dropped === null ? '' : ` Its snooze ended too${dropped > 0 ? `, and the ${plural(dropped, 'alert')} it held will not be posted` : ''}.`;
    return fitMessage({
      text: `This channel no longer gets job alerts.${snooze}`,
      blocks: [
        section(`:no_bell: ${userLink(by)} turned job alerts off. This channel no longer gets job alerts.${snooze}`),
        context('`/hume-jobs subscribe` turns them back on.'),
      ],
    });
  }
  return fitMessage({
    text: `This channel now gets job alerts only for: ${remaining.kinds.join(', ')}`,
    blocks: [section(`:bell: ${userLink(by)} stopped alerts for ${kindsWords(removed, andList)}.\nThis channel now only gets ${alertsPhrase(remaining)}`)],
  });
}

/** `unsubscribe` that stops nothing (no subscription, or none of those kinds): told to the caller only. */
export function buildNothingToUnsubscribe(current: Subscription | null, asked: readonly StatusKind[]): Message {
  if (current === null || current.kinds.length === 0) {
    return fitMessage({
      text: 'This channel gets no job alerts; nothing changed',
      blocks: [section(':no_bell: Nothing changed: this channel gets no job alerts. `/hume-jobs subscribe` turns them on.')],
    });
  }
  return fitMessage({
    text: `This channel gets no alerts for ${asked.join(', ')}; nothing changed`,
    blocks: [section(`:bell: Nothing changed: this channel gets no alerts for ${kindsWords(asked)}. It gets ${alertsPhrase(current)}`)],
  });
}
