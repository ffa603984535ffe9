/**
 * `unsubscribe` whose words name no subscription, or more than one: told to the caller only,
 * with the channel's subscriptions numbered and how to name one.
 */
import type { StatusKind } from '../jobs/job';
import type { JobMatch } from '../jobs/job-match';
import type { Subscription } from '../domain/channel';
import { section, type Message } from './blocks';
import { fitMessage } from './limits';
import { code, plural } from './mrkdwn';
import { kindsWords, matchTerms, matchWords, numberedLines } from './subscription-words';

/** The words that name a subscription by its filters, as `unsubscribe` takes them. */
function filterCommand(sub: Subscription): string {
  return matchTerms(sub.match).join(' ');
}

/** "`unsubscribe 2` (its number) or `unsubscribe endpoint audio` (its filters); `unsubscribe all` stops every one." */
function howToName(subs: readonly Subscription[]): string {
  const filtered = subs.findIndex((s) => filterCommand(s) !== '');
  const number = filtered >= 0 ? filtered + 1 : subs.length;
  const byFilters = filtered >= 0 ? ` or by its filters, e.g. ${code(`/hume-jobs unsubscribe ${filterCommand(subs[filtered]!)}`, 160)}` : '';
  return `Name one by its number, e.g. ${code(`/hume-jobs unsubscribe ${number}`, 40)}${byFilters}; ${code('/hume-jobs unsubscribe all', 40)} stops every one.`;
}

function listed(subs: readonly Subscription[]): string {
  return `This channel has ${plural(subs.length, 'subscription')}:\n${numberedLines(subs)}`;
}

/** `unsubscribe failed` when more than one subscription alerts on failures. */
export function buildWhichSubscription(candidates: readonly Subscription[], all: readonly Subscription[], asked: readonly StatusKind[]): Message {
  const what = asked.length === 0 ? 'this channel has more than one subscription' : `more than one subscription here has alerts for ${kindsWords(asked)}`;
  const numbers = candidates.map((c) => all.findIndex((s) => s.id === c.id) + 1).join(', ');
  return fitMessage({
    text: `Which subscription? This channel has ${all.length}; nothing changed`,
    blocks: [section(`:bell: Nothing changed: ${what} (${numbers}), so I did not guess which you meant. ${listed(all)}`), section(howToName(all))],
  });
}

/** `unsubscribe 4` in a channel with fewer subscriptions. */
export function buildNoSuchNumber(number: number, all: readonly Subscription[]): Message {
  return fitMessage({
    text: `This channel has no subscription ${number}; nothing changed`,
    blocks: [section(`:bell: Nothing changed: there is no subscription ${number} here. ${listed(all)}`), section(howToName(all))],
  });
}

/** `unsubscribe endpoint video` when no subscription has those filters. */
export function buildNoSuchFilters(match: JobMatch, all: readonly Subscription[]): Message {
  return fitMessage({
    text: 'No subscription here has those filters; nothing changed',
    blocks: [section(`:bell: Nothing changed: no subscription here is for jobs with ${matchWords(match)}. ${listed(all)}`), section(howToName(all))],
  });
}
