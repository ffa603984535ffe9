/** `overdue`, `overdue 45m`, `overdue auto`, `overdue off`: one channel's overdue limit. */
import type { Command } from '../../commands/command';
import { OVERDUE_SAMPLE, overdueRuleAt } from '../../alerts/overdue';
import { buildOverdueNeedsSubscription, buildOverdueSet, buildOverdueStatus, overdueLine } from '../../messages/overdue-setting';
import { buildManagedByFile } from '../../messages/managed-by-file';
import { buildNotice } from '../../messages/replies';
import { fromChat, type ChannelContext } from './channel-context';
import { type CommandResponse, toCallerOnly } from './command-response';

type OverdueCommand = Extract<Command, { kind: 'overdue' }>;

/** What the store keeps for each setting: 0 is off, null follows the learnt rule. */
function storedLimit(set: 'off' | 'auto' | number): number | null {
  return set === 'off' ? 0 : set === 'auto' ? null : set;
}

export async function answerOverdue(cmd: OverdueCommand, ctx: ChannelContext): Promise<CommandResponse> {
  const subs = (await ctx.store.listSubscriptions(ctx.channelId)).filter((s) => s.kinds.length > 0);
  const [subscription] = subs;
  if (subscription === undefined) return toCallerOnly(buildOverdueNeedsSubscription());
  // The same rule the poller learns, so the reply says what alerts will actually do.
  const rule = overdueRuleAt((await ctx.store.recentFinishedJobs(OVERDUE_SAMPLE)).map((t) => t.snapshot), ctx.now);
  if (cmd.set === null) return buildOverdueStatus(subs, rule);
  if ((await ctx.store.managedSettings(ctx.channelId)).includes('overdue')) return toCallerOnly(buildManagedByFile('overdue'));
  const overdueMs = storedLimit(cmd.set);
  // Asking for what is already set changes nothing the channel needs to hear about.
  // The limit is the channel's: every one of its subscriptions carries the same.
  if (subscription.overdueMs === overdueMs) return toCallerOnly(buildNotice(`Nothing changed: that is already the setting here.\n${overdueLine(subs, rule)}`));
  const updated = await ctx.store.setOverdue(ctx.channelId, overdueMs, fromChat(ctx));
  return updated.length === 0 ? toCallerOnly(buildOverdueNeedsSubscription()) : buildOverdueSet(updated, rule, ctx.userId);
}
