/**
 * Which of a channel's subscriptions an `unsubscribe` names, and which of its statuses go. A
 * channel with one subscription works as it always did (`unsubscribe failed`, `unsubscribe`); with
 * several, words that fit more than one are not guessed at: the answer lists them and how to name one.
 */
import type { StatusKind } from '../jobs/job';
import { type JobMatch, sameMatch } from '../jobs/job-match';
import type { Subscription } from './channel';

/** How `unsubscribe` named its subscription (commands/command.ts has the same shape). */
export type SubscriptionTarget = { by: 'all' } | { by: 'number'; number: number } | { by: 'match'; match: JobMatch } | { by: 'statuses' };

export type Picked =
  /** Remove `kinds` (all of them when empty) from the subscription `which` (its id), or from every one. */
  | { type: 'picked'; which: number | 'all'; kinds: StatusKind[]; subs: Subscription[] }
  /** The channel has no subscription. */
  | { type: 'none' }
  /** `unsubscribe 4` in a channel with fewer. */
  | { type: 'no-number'; number: number; count: number }
  /** No subscription has those filters. */
  | { type: 'no-match'; match: JobMatch }
  /** The named subscription (or, named by statuses, every one) has none of those statuses. */
  | { type: 'no-kinds'; sub: Subscription | null; asked: StatusKind[] }
  /** Several subscriptions have those statuses: which one is meant? */
  | { type: 'ambiguous'; candidates: Subscription[]; asked: StatusKind[] };

/** The statuses of `sub` that go: all of them when none were typed. */
function goes(sub: Subscription, asked: readonly StatusKind[]): StatusKind[] {
  return asked.length === 0 ? sub.kinds : sub.kinds.filter((k) => asked.includes(k));
}

function one(sub: Subscription, asked: StatusKind[]): Picked {
  const kinds = goes(sub, asked);
  return kinds.length === 0 ? { type: 'no-kinds', sub, asked } : { type: 'picked', which: sub.id, kinds: asked, subs: [sub] };
}

/** `subs`: the channel's, in list order (the numbers `subscriptions` shows start at 1). */
export function pickSubscription(subs: readonly Subscription[], target: SubscriptionTarget, asked: StatusKind[]): Picked {
  const live = subs.filter((s) => s.kinds.length > 0);
  if (live.length === 0) return { type: 'none' };
  switch (target.by) {
    case 'all':
      return { type: 'picked', which: 'all', kinds: [], subs: live };
    case 'number': {
      const sub = live[target.number - 1];
      return sub === undefined ? { type: 'no-number', number: target.number, count: live.length } : one(sub, asked);
    }
    case 'match': {
      const sub = live.find((s) => sameMatch(s.match, target.match));
      return sub === undefined ? { type: 'no-match', match: target.match } : one(sub, asked);
    }
    case 'statuses': {
      const candidates = live.filter((s) => goes(s, asked).length > 0);
      const [only] = candidates;
      if (only === undefined) return { type: 'no-kinds', sub: live.length === 1 ? live[0]! : null, asked };
      return candidates.length === 1 ? one(only, asked) : { type: 'ambiguous', candidates, asked };
    }
  }
}
