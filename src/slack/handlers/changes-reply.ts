/** `changes [since 7d] [all]`: who changed which alert setting, and when, newest first. */
import type { Command } from '../../commands/command';
import { buildChangeList } from '../../messages/setting-changes';
import type { ChannelContext } from './channel-context';
import type { CommandResponse } from './command-response';

type ChangesCommand = Extract<Command, { kind: 'changes' }>;

/** Changes per reply; the rest are counted ("and 12 more"), and `since` narrows the window. */
export const CHANGES_PAGE = 25;

export async function answerChanges(cmd: ChangesCommand, ctx: ChannelContext): Promise<CommandResponse> {
  const page = await ctx.store.settingChanges(cmd.all ? null : ctx.channelId, cmd.since, CHANGES_PAGE);
  return buildChangeList({ changes: page.changes, more: page.more, since: cmd.since, all: cmd.all });
}
