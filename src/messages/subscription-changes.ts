/**
 * What `subscribe` and `unsubscribe` changed, and who changed it, for the whole channel to see
 * (like snooze and board), or, when nothing changed, a note for the caller only.
 */
import type { StatusKind } from '../jobs/job';
import { isAnyJob } from '../jobs/job-match';
import type { Subscription } from '../domain/channel';
import { context, section, type Message } from './blocks';
import { fitMessage } from './limits';
import { plural, userLink } from './mrkdwn';
import { alertsPhrase, andList, isPlain, kindsWords, matchWords, mentionWords, numberedLines } from './subscription-words';

const HOW_IT_WORKS =
  'Each job is one message, edited as it moves on, with each change in its thread. `/hume-jobs unsubscribe` stops them; `/hume-jobs subscriptions` shows them.';

export interface SubscribedInput {
  sub: Subscription;
  /** The subscription with the same filters before this command, or null when there was none. */
  before: Subscription | null;
  /** Every subscription of the channel after this command, `sub` among them (just `sub` when left out). */
  all?: readonly Subscription[];
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

/** "This channel now gets …", or with several subscriptions, each of them numbered. */
function nowGets(subs: readonly Subscription[], lead: string, named: { id: number; name: string | null }): string {
  if (subs.length === 1) return `This channel ${lead} ${alertsPhrase(subs[0]!, named.name)}`;
  return `This channel now has ${plural(subs.length, 'subscription')}:\n${numberedLines(subs, { setBy: false, named })}`;
}

/** The public confirmation of `/hume-jobs subscribe`: what changed, who changed it, what the channel now gets. */
export function buildSubscribed(input: SubscribedInput): Message {
  const { sub, before, by } = input;
  const all = input.all ?? [sub];
  const named = input.mentionName ?? null;
  const number = all.findIndex((s) => s.id === sub.id) + 1;
  const changes: string[] = [];
  if (before === null) changes.push(all.length > 1 ? `added subscription ${number}` : 'subscribed this channel to job alerts');
  else {
    const added = addedKinds(before, sub);
    const of = all.length > 1 ? ` to subscription ${number}` : '';
    if (added.length > 0) changes.push(`added alerts for ${kindsWords(added, andList)}${of}`);
    if (sub.mention !== null && before.mention !== sub.mention) changes.push(`set failures${all.length > 1 ? ` of subscription ${number}` : ''} to mention ${mentionWords(sub.mention, named)}`);
    if (input.resumed) changes.push('asked me to try posting here again');
  }
  const text = isPlain(all) ? `This channel now gets job alerts: ${sub.kinds.join(', ')}` : `This channel now has ${plural(all.length, 'subscription')} to job alerts`;
  return fitMessage({
    text,
    blocks: [section(`:bell: ${userLink(by)} ${andList(changes)}.\n${nowGets(all, 'now gets', { id: sub.id, name: named })}`), context(HOW_IT_WORKS)],
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
  /** The channel's subscriptions left (none: it gets no alerts now). */
  remaining: readonly Subscription[];
  /** The kinds this command stopped. */
  removed: StatusKind[];
  /** The subscription they were stopped in, as it was; null for every one (`unsubscribe all`). */
  from?: Subscription | null;
  by: string;
  /** How many held alerts a snooze dropped with the subscription; null when no snooze ended. */
  droppedBySnooze?: number | null;
}

/** "alerts for :x: failed", "alerts for :x: failed of jobs with `endpoint audio`". */
function stoppedWords(removed: readonly StatusKind[], from: Subscription | null): string {
  const of = from === null || isAnyJob(from.match) ? '' : ` of jobs with ${matchWords(from.match)}`;
  return `alerts for ${kindsWords(removed, andList)}${of}`;
}

/** The public confirmation of `/hume-jobs unsubscribe`: what stopped, who stopped it, what is left. */
export function buildUnsubscribed(input: UnsubscribedInput): Message {
  const { removed, by } = input;
  const remaining = input.remaining.filter((s) => s.kinds.length > 0);
  const dropped = input.droppedBySnooze ?? null;
  if (remaining.length === 0) {
    const snooze = dropped === null ? '' : ` Its snooze ended too${dropped > 0 ? `, and the ${plural(dropped, 'alert')} it held will not be posted` : ''}.`;
    return fitMessage({
      text: `This channel no longer gets job alerts.${snooze}`,
      blocks: [
        section(`:no_bell: ${userLink(by)} turned job alerts off. This channel no longer gets job alerts.${snooze}`),
        context('`/hume-jobs subscribe` turns them back on.'),
      ],
    });
  }
  const text = isPlain(remaining)
    ? `This channel now gets job alerts only for: ${remaining[0]!.kinds.join(', ')}`
    : `This channel now has ${plural(remaining.length, 'subscription')} to job alerts`;
  const none = { id: -1, name: null };
  return fitMessage({
    text,
    blocks: [section(`:bell: ${userLink(by)} stopped ${stoppedWords(removed, input.from ?? null)}.\n${nowGets(remaining, 'now only gets', none)}`)],
  });
}

/**
 * `unsubscribe` that stops nothing, told to the caller only: the channel has no subscription, or
 * the one named (`named`; null when named by statuses alone) has none of those kinds.
 */
export function buildNothingToUnsubscribe(subs: readonly Subscription[], asked: readonly StatusKind[], named: Subscription | null = null): Message {
  const live = subs.filter((s) => s.kinds.length > 0);
  if (live.length === 0) {
    return fitMessage({
      text: 'This channel gets no job alerts; nothing changed',
      blocks: [section(':no_bell: Nothing changed: this channel gets no job alerts. `/hume-jobs subscribe` turns them on.')],
    });
  }
  const text = `This channel gets no alerts for ${asked.join(', ')}; nothing changed`;
  if (live.length === 1) {
    return fitMessage({ text, blocks: [section(`:bell: Nothing changed: this channel gets no alerts for ${kindsWords(asked)}. It gets ${alertsPhrase(live[0]!)}`)] });
  }
  const which = named === null ? 'no subscription here has' : `subscription ${live.findIndex((s) => s.id === named.id) + 1} has no`;
  return fitMessage({
    text,
    blocks: [section(`:bell: Nothing changed: ${which} alerts for ${kindsWords(asked)}. This channel has ${plural(live.length, 'subscription')}:\n${numberedLines(live)}`)],
  });
}
