/**
 * How subscription replies describe a channel's alerts in words. These replies are public, so a
 * mention is described, never inserted as one that pings.
 */
import { orList } from '../text/or-list';
import { STATUS_KINDS, type StatusKind } from '../jobs/job';
import { type JobMatch, isAnyJob } from '../jobs/job-match';
import type { Subscription } from '../domain/channel';
import { clip, code, slackDate, userLink } from './mrkdwn';
import { kindLabel } from './status';

const SUBTEAM_ID = /^<!subteam\^([A-Z0-9]+)>$/;
const USER_ID = /^<@([UW][A-Z0-9]+)>$/;

/**
 * The mention in words: "@here", "the user group `S0123`", "the person `U0123`", or `named`
 * (a handle the caller looked up) when given. A plain `@handle` is what versions before mentions
 * were resolved stored: it is posted as text, which pings nobody, and the words say how to fix it.
 */
export function mentionWords(mention: string, named: string | null = null): string {
  if (named !== null) return clip(named, 100);
  if (mention === '<!here>') return '@here';
  if (mention === '<!channel>') return '@channel';
  const group = SUBTEAM_ID.exec(mention)?.[1];
  if (group !== undefined) return `the user group ${code(group, 40)}`;
  const person = USER_ID.exec(mention)?.[1];
  if (person !== undefined) return `the person ${code(person, 40)}`;
  if (mention.startsWith('@')) {
    return `${clip(mention, 100)} as plain text, which pings nobody (${code(`/hume-jobs subscribe mention ${mention}`, 120)} makes it ping)`;
  }
  return clip(mention, 100);
}

/** ":white_check_mark: completed or :x: failed", in the kinds' order. */
export function kindsWords(kinds: readonly StatusKind[], join: (words: readonly string[]) => string = orList): string {
  return join(STATUS_KINDS.filter((k) => kinds.includes(k)).map((k) => `${kindLabel(k).emoji} ${k}`));
}

/** The filters as the words that set them: `endpoint audio`, `user usr_7Hq2` (none for every job). */
export function matchTerms(match: JobMatch): string[] {
  return [
    match.mode === null ? null : `mode ${match.mode}`,
    match.endpoint === null ? null : `endpoint ${match.endpoint}`,
    match.userId === null ? null : `user ${match.userId}`,
    match.model === null ? null : `model ${match.model}`,
  ].filter((w): w is string => w !== null);
}

/** "`endpoint audio` and `user usr_7Hq2`" (empty for every job). */
export function matchWords(match: JobMatch): string {
  return andList(matchTerms(match).map((w) => code(w, 80)));
}

/** "a, b and c" */
export function andList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

/** "an alert when a job [with `endpoint audio`] is … Failures mention @here." */
export function alertsPhrase(sub: Subscription, named: string | null = null): string {
  const mention = sub.mention ? ` Failures mention ${mentionWords(sub.mention, named)}.` : '';
  const which = isAnyJob(sub.match) ? 'a job' : `a job with ${matchWords(sub.match)}`;
  return `an alert when ${which} is ${kindsWords(sub.kinds)}.${mention}`;
}

/** A channel whose one subscription is about every job reads as it did before filters existed. */
export function isPlain(subs: readonly Subscription[]): boolean {
  return subs.length === 1 && isAnyJob(subs[0]!.match);
}

/**
 * One numbered line per subscription, in the order the store lists them (the numbers
 * `unsubscribe 2` takes). `setBy`: who made each and when, for replies that only the caller or
 * App Home viewers see (a public message naming people would notify them).
 */
/** What a subscriptions file declared is changed there, not in chat: said next to it. */
export const MANAGED_BY_FILE = 'managed by file (SUBSCRIPTIONS_FILE)';

export function numberedLines(subs: readonly Subscription[], options: { setBy: boolean; named?: { id: number; name: string | null } } = { setBy: false }): string {
  return subs
    .map((sub, i) => {
      const named = options.named?.id === sub.id ? options.named.name : null;
      const by = sub.createdBy === null ? '' : ` by ${userLink(sub.createdBy)}`;
      const setBy = !options.setBy ? '' : sub.managedBy === 'file' ? ` _${capitalize(MANAGED_BY_FILE)}._` : ` _Set${by}, ${slackDate(sub.createdAt)}._`;
      return `*${i + 1}.* ${capitalize(alertsPhrase(sub, named))}${setBy}`;
    })
    .join('\n');
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
