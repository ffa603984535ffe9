/**
 * Replies about a channel's overdue limit (`/hume-jobs overdue 45m | auto | off`). Changes are
 * posted for the whole channel; `overdue` alone answers the caller only.
 */
import { isAnyJob } from '../jobs/job-match';
import type { OverdueRule } from '../alerts/overdue';
import type { Subscription } from '../domain/channel';
import { context, section, type Message } from './blocks';
import { fitMessage } from './limits';
import { formatDuration, userLink } from './mrkdwn';

const USAGE = '`/hume-jobs overdue 45m` sets a limit for this channel, `overdue auto` follows what is usual, `overdue off` stops them.';

/** What the learnt rule says now. */
function learnt(rule: OverdueRule | null): string {
  return rule === null
    ? 'once there is enough recent history to know what is usual (at least 10 finished jobs this week)'
    : `after ${formatDuration(rule.thresholdMs)} (jobs here usually take ${formatDuration(rule.typicalMs)})`;
}

/**
 * One line for `subscriptions` and the status reply, from the channel's subscriptions: the limit
 * is the channel's (the same on each); the jobs it covers are those its subscriptions select.
 */
export function overdueLine(subs: readonly Subscription[], rule: OverdueRule | null): string {
  const limitMs = subs[0]?.overdueMs ?? null;
  const follows = subs.filter((sub) => sub.kinds.includes('failed') || sub.kinds.includes('running'));
  // Only filtered subscriptions: overdue alerts are about the jobs they select, not every job.
  const filtered = (covering: readonly Subscription[]) => covering.length > 0 && covering.every((sub) => !isAnyJob(sub.match));
  if (limitMs === 0) return ':alarm_clock: Overdue alerts are off here.';
  if (limitMs !== null) {
    const job = filtered(subs) ? 'A job these subscriptions cover that is' : 'A job';
    return `:alarm_clock: ${job} queued or running longer than ${formatDuration(limitMs)} gets one overdue alert here.`;
  }
  return follows.length > 0
    ? `:alarm_clock: Overdue alerts follow what is usual: ${filtered(follows) ? 'a job these subscriptions cover' : 'a job'} gets one ${learnt(rule)}.`
    : ':alarm_clock: No overdue alerts here (they come with `failed` or `running` alerts, or with `/hume-jobs overdue 45m`).';
}

export function buildOverdueStatus(subs: readonly Subscription[], rule: OverdueRule | null): Message {
  return fitMessage({ text: 'Overdue alerts in this channel', blocks: [section(overdueLine(subs, rule)), context(USAGE)] });
}

export function buildOverdueSet(subs: readonly Subscription[], rule: OverdueRule | null, by: string): Message {
  return fitMessage({
    text: 'Overdue alerts in this channel changed',
    blocks: [section(`${userLink(by)} changed overdue alerts here.\n${overdueLine(subs, rule)}`), context(USAGE)],
  });
}

/** Overdue alerts go to channels with alerts: there is nothing to set without a subscription. */
export function buildOverdueNeedsSubscription(): Message {
  return fitMessage({
    text: 'This channel gets no job alerts yet',
    blocks: [section(':no_bell: This channel gets no job alerts yet. `/hume-jobs subscribe` first; then `/hume-jobs overdue 45m` sets its overdue limit.')],
  });
}
