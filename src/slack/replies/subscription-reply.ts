/**
 * `subscribe`, `unsubscribe`, `subscriptions`: the channel's alert settings, kept in the store.
 * Subscribing checks first that the app can post in the channel, so a private channel it is not
 * in gets "invite the app" now rather than silently failed alerts later.
 */
import type { WebClient } from '@slack/web-api';
import type { Command } from '../../commands/command';
import { buildCannotPostHere, buildSubscribed, buildSubscriptionList, buildUnsubscribed } from '../../messages/subscriptions';
import type { ChannelContext } from './channel-context';
import type { Reply } from './reply';

type SubscriptionCommand = Extract<Command, { kind: 'subscribe' | 'unsubscribe' | 'subscriptions' }>;

/** Why the app cannot post in the channel, or null when it can. */
async function postingProblem(client: WebClient, channelId: string): Promise<string | null> {
  try {
    const info = await client.conversations.info({ channel: channelId });
    const channel = info.channel;
    if (channel?.is_archived) return 'is_archived';
    // Public channels are fine without membership (chat:write.public); private ones are not.
    if (channel && (channel.is_private || channel.is_im || channel.is_mpim) && channel.is_member === false) return 'not_in_channel';
    return null;
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    if (code === 'channel_not_found' || code === 'not_in_channel') return code;
    // Anything else (a missing scope, Slack hiccup) should not stop a subscription: delivery
    // reports real posting problems in `subscriptions` later.
    return null;
  }
}

export async function answerSubscription(cmd: SubscriptionCommand, ctx: ChannelContext): Promise<Reply> {
  switch (cmd.kind) {
    case 'subscribe': {
      const problem = await postingProblem(ctx.client, ctx.channelId);
      if (problem) return buildCannotPostHere(ctx.channelId, problem);
      const subscription = await ctx.store.subscribe(ctx.channelId, cmd.statuses, cmd.mention, ctx.userId, ctx.now);
      // Subscribing again is how a user says "fixed it": try delivering here again.
      await ctx.store.setChannelProblem(ctx.channelId, null);
      return buildSubscribed(subscription);
    }
    case 'unsubscribe': {
      const remaining = await ctx.store.unsubscribe(ctx.channelId, cmd.statuses);
      // A channel that wants no alerts at all does not want the summary of a snooze either:
      // what the snooze held is dropped with it, as the reply says.
      const ended = remaining === null ? await ctx.store.endSnooze(ctx.channelId, ctx.now, false, () => null) : null;
      return buildUnsubscribed(remaining, ended === null ? null : ended.held.length);
    }
    case 'subscriptions': {
      const [subscriptions, problems, snoozes, givenUp] = await Promise.all([
        ctx.store.listSubscriptions(cmd.all ? null : ctx.channelId),
        ctx.store.channelProblems(),
        ctx.store.listSnoozes(cmd.all ? null : ctx.channelId),
        ctx.store.givenUpAlerts(cmd.all ? null : ctx.channelId),
      ]);
      return buildSubscriptionList({ subscriptions, problems, snoozes, givenUp, channelId: ctx.channelId, all: cmd.all, now: ctx.now });
    }
  }
}
