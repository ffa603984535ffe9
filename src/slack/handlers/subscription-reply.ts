/**
 * `subscribe`, `unsubscribe`, `subscriptions`: the channel's alert settings, kept in the store.
 * Subscribing checks first that the app can post in the channel, so a private channel it is not
 * in gets "invite the app" now rather than silently failed alerts later.
 */
import type { WebClient } from '@slack/web-api';
import type { Command } from '../../commands/command';
import { parseError } from '../../commands/errors';
import { buildManagedByFile } from '../../messages/managed-by-file';
import { buildNotUnderstood } from '../../messages/replies';
import { subscribeChanged } from '../../messages/subscription-changes';
import {
  buildAlreadySubscribed,
  buildCannotPostHere,
  buildNothingToUnsubscribe,
  buildSubscribed,
  buildSubscriptionList,
  buildUnsubscribed,
} from '../../messages/subscriptions';
import { buildNoSuchFilters, buildNoSuchNumber, buildWhichSubscription } from '../../messages/subscription-picks';
import { pickSubscription } from '../../domain/pick-subscription';
import { sameMatch } from '../../jobs/job-match';
import type { Subscription } from '../../store/store';
import { withDigestLine } from '../../messages/digest-replies';
import { fromChat, type ChannelContext } from './channel-context';
import { toCallerOnly, type CommandResponse } from './command-response';
import { resolveMention } from './resolve-mention';

type SubscriptionCommand = Extract<Command, { kind: 'subscribe' | 'unsubscribe' | 'subscriptions' }>;

/**
 * Joins a public channel the app posts in without being a member (chat:write.public), so that
 * after a crash it can read the channel to find an alert it already posted: a bot that never
 * joined gets not_in_channel from conversations.history (docs.slack.dev
 * reference/methods/conversations.history). Best effort: without channels:join the
 * subscription still works, and delivery tries joining again when it needs to read.
 */
async function joinToRead(client: WebClient, channelId: string, logger: ChannelContext['logger']): Promise<void> {
  try {
    await client.conversations.join({ channel: channelId });
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error ?? (error instanceof Error ? error.message : String(error));
    logger.warn({ channel: channelId, error: code }, 'could not join the channel; alerts are still posted');
  }
}

/** Why the app cannot post in the channel, or null when it can (joining a public one it is not in). */
async function postingProblem(client: WebClient, channelId: string, logger: ChannelContext['logger']): Promise<string | null> {
  try {
    const info = await client.conversations.info({ channel: channelId });
    const channel = info.channel;
    if (channel?.is_archived) return 'is_archived';
    // Public channels are fine without membership (chat:write.public); private ones are not.
    const isPrivate = channel !== undefined && (channel.is_private === true || channel.is_im === true || channel.is_mpim === true);
    if (channel && isPrivate && channel.is_member === false) return 'not_in_channel';
    if (channel && !isPrivate && channel.is_member === false) await joinToRead(client, channelId, logger);
    return null;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found' || code === 'not_in_channel') return code;
    // Anything else (a missing scope, Slack hiccup) should not stop a subscription: delivery
    // reports real posting problems in `subscriptions` later.
    return null;
  }
}

/** The channel's subscriptions, in the order `subscriptions` numbers them. */
async function current(ctx: ChannelContext): Promise<Subscription[]> {
  return (await ctx.store.listSubscriptions(ctx.channelId)).filter((s) => s.channelId === ctx.channelId && s.kinds.length > 0);
}

/** Runs have no queue: a subscription to `queued` on the runs source would never fire. */
const RUNS_HAVE_NO_QUEUE = parseError(
  '`queued` does not apply to runs: runs have no queue (a run is live, ended or errored); subscribe to `running`, `completed` or `failed`, e.g. `subscribe completed failed`.',
  'queued',
);

async function subscribe(cmd: Extract<SubscriptionCommand, { kind: 'subscribe' }>, ctx: ChannelContext): Promise<CommandResponse> {
  if (ctx.source === 'runs' && cmd.statuses.includes('queued')) return toCallerOnly(buildNotUnderstood(RUNS_HAVE_NO_QUEUE));
  // Other filters make another subscription, which chat may; the same filters would change the file's.
  if ((await current(ctx)).some((s) => s.managedBy === 'file' && sameMatch(s.match, cmd.match))) return toCallerOnly(buildManagedByFile('subscription'));
  const problem = await postingProblem(ctx.client, ctx.channelId, ctx.logger);
  if (problem) return toCallerOnly(buildCannotPostHere(ctx.channelId, problem));
  const mention = await resolveMention(ctx.client, cmd.mention, ctx.logger);
  if (!mention.ok) return toCallerOnly(mention.reply);
  const [subs, problems] = await Promise.all([current(ctx), ctx.store.channelProblems()]);
  // The same filters name the same subscription: subscribing again extends it.
  const before = subs.find((s) => sameMatch(s.match, cmd.match)) ?? null;
  const sub = await ctx.store.subscribe(ctx.channelId, cmd.statuses, mention.mention, ctx.userId, ctx.now, cmd.match, fromChat(ctx));
  // Subscribing again is how a user says "fixed it": try delivering here again.
  const resumed = problems.some((p) => p.channelId === ctx.channelId);
  if (resumed) await ctx.store.setChannelProblem(ctx.channelId, null);
  const all = await current(ctx);
  const change = { sub, before, all, by: ctx.userId, mentionName: mention.words, resumed };
  return subscribeChanged(change) ? buildSubscribed(change) : toCallerOnly(buildAlreadySubscribed(sub, mention.words));
}

async function unsubscribe(cmd: Extract<SubscriptionCommand, { kind: 'unsubscribe' }>, ctx: ChannelContext): Promise<CommandResponse> {
  const subs = await current(ctx);
  const picked = pickSubscription(subs, cmd.target, cmd.statuses);
  switch (picked.type) {
    case 'none':
      return toCallerOnly(buildNothingToUnsubscribe(subs, cmd.statuses));
    case 'no-kinds':
      return toCallerOnly(buildNothingToUnsubscribe(subs, cmd.statuses, picked.sub));
    case 'no-number':
      return toCallerOnly(buildNoSuchNumber(picked.number, subs));
    case 'no-match':
      return toCallerOnly(buildNoSuchFilters(picked.match, subs));
    case 'ambiguous':
      return toCallerOnly(buildWhichSubscription(picked.candidates, subs, cmd.statuses));
    case 'picked':
      break;
  }
  if (picked.subs.some((s) => s.managedBy === 'file')) return toCallerOnly(buildManagedByFile('subscription'));
  const remaining = await ctx.store.unsubscribe(ctx.channelId, picked.kinds, picked.which, fromChat(ctx));
  // A channel that wants no alerts at all does not want the summary of a snooze either:
  // what the snooze held is dropped with it, as the reply says.
  const ended = remaining.length === 0 ? await ctx.store.endSnooze(ctx.channelId, ctx.now, false, () => null) : null;
  const from = picked.which === 'all' ? null : picked.subs[0]!;
  const removed = from === null ? [...new Set(subs.flatMap((s) => s.kinds))] : picked.kinds.length === 0 ? from.kinds : from.kinds.filter((k) => picked.kinds.includes(k));
  return buildUnsubscribed({ remaining, removed, from, by: ctx.userId, droppedBySnooze: ended === null ? null : ended.held.length });
}

export async function answerSubscription(cmd: SubscriptionCommand, ctx: ChannelContext): Promise<CommandResponse> {
  switch (cmd.kind) {
    case 'subscribe':
      return subscribe(cmd, ctx);
    case 'unsubscribe':
      return unsubscribe(cmd, ctx);
    case 'subscriptions': {
      const [subscriptions, problems, snoozes, givenUp, mutes, latest] = await Promise.all([
        ctx.store.listSubscriptions(cmd.all ? null : ctx.channelId),
        ctx.store.channelProblems(),
        ctx.store.listSnoozes(cmd.all ? null : ctx.channelId),
        ctx.store.givenUpAlerts(cmd.all ? null : ctx.channelId),
        ctx.store.listMutes(cmd.all ? null : ctx.channelId),
        ctx.store.latestSettingChanges(cmd.all ? null : ctx.channelId),
      ]);
      const list = buildSubscriptionList({ subscriptions, problems, snoozes, givenUp, mutes, latest, channelId: ctx.channelId, all: cmd.all, now: ctx.now });
      // This channel's digest, when it has one: one line under what it receives.
      const [digest] = cmd.all ? [] : await ctx.store.listDigestSchedules(ctx.channelId);
      return digest ? withDigestLine(list, digest, ctx.now) : list;
    }
  }
}
