/**
 * How subscription replies describe a channel's alerts in words. These replies are public, so a
 * mention is described, never inserted as one that pings.
 */
import { orList } from '../text/or-list';
import { STATUS_KINDS, type StatusKind } from '../jobs/job';
import type { Subscription } from '../domain/channel';
import { clip, code } from './mrkdwn';
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

/** "an alert when a job is … Failures mention @here." */
export function alertsPhrase(sub: Subscription, named: string | null = null): string {
  const mention = sub.mention ? ` Failures mention ${mentionWords(sub.mention, named)}.` : '';
  return `an alert when a job is ${kindsWords(sub.kinds)}.${mention}`;
}
