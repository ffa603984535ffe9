/** `overdue`, `overdue 45m`, `overdue auto`, `overdue off`: one channel's overdue limit. */
import type { Command } from '../../commands/command';
import { OVERDUE_SAMPLE, overdueRuleAt } from '../../alerts/overdue';
import { buildOverdueNeedsSubscription, buildOverdueSet, buildOverdueStatus } from '../../messages/overdue-setting';
import type { ChannelContext } from './channel-context';
import type { Reply } from './reply';

type OverdueCommand = Extract<Command, { kind: 'overdue' }>;

export async function answerOverdue(cmd: OverdueCommand, ctx: ChannelContext): Promise<Reply> {
  const [subscription] = await ctx.store.listSubscriptions(ctx.channelId);
  if (subscription === undefined || subscription.kinds.length === 0) return buildOverdueNeedsSubscription();
  // The same rule the poller learns, so the reply says what alerts will actually do.
  const rule = overdueRuleAt((await ctx.store.recentFinishedJobs(OVERDUE_SAMPLE)).map((t) => t.snapshot), ctx.now);
  if (cmd.set === null) return buildOverdueStatus(subscription, rule);
  const overdueMs = cmd.set === 'off' ? 0 : cmd.set === 'auto' ? null : cmd.set;
  const updated = await ctx.store.setOverdue(ctx.channelId, overdueMs);
  return updated === null ? buildOverdueNeedsSubscription() : buildOverdueSet(updated, rule, ctx.userId);
}
