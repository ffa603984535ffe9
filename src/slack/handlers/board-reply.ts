/**
 * `board` and `board off`. The board is posted here (any replica may answer); the active
 * replica's keeper edits it from then on. Posting first and recording after means a crash in
 * between leaves one stray message that is never edited, never a board recorded with no message.
 */
import type { Command } from '../../commands/command';
import { loadBoardView } from '../../boards/board-view';
import { classifySlackFailure } from '../slack-failure';
import { markBoardEnded } from '../../boards/board-ended';
import { buildManagedByFile } from '../../messages/managed-by-file';
import { buildErrorMessage, buildNotice } from '../../messages/replies';
import { buildCannotPostHere } from '../../messages/subscriptions';
import { type CommandResponse, toCallerOnly } from './command-response';
import { fromChat, type ChannelContext } from './channel-context';

type BoardCommand = Extract<Command, { kind: 'board' }>;

const NO_POLLING =
  'The board shows what the poller records, and polling is off here (POLL_INTERVAL=off). Use `/hume-jobs` or `/hume-jobs summary` instead.';

async function stopBoard(ctx: ChannelContext): Promise<CommandResponse> {
  const board = await ctx.store.removeBoard(ctx.channelId, fromChat(ctx));
  if (board === null) return toCallerOnly(buildNotice('There is no board in this channel, so nothing changed. `/hume-jobs board` posts one.'));
  await markBoardEnded(ctx.client, ctx.channelId, board.ts, { stoppedBy: ctx.userId }, ctx.now, ctx.logger);
  return buildNotice(':pause_button: The board in this channel is stopped: its message is no longer edited.');
}

export async function answerBoard(cmd: BoardCommand, ctx: ChannelContext, polling: boolean): Promise<CommandResponse> {
  if (!polling) return toCallerOnly(buildErrorMessage(NO_POLLING));
  // The file says whether the channel has a board; `board` again (moving it down) still may.
  const managed = await ctx.store.managedSettings(ctx.channelId);
  if (managed.includes(cmd.off ? 'board' : 'no-board')) return toCallerOnly(buildManagedByFile('board'));
  if (cmd.off) return stopBoard(ctx);
  const view = await loadBoardView(ctx.store, ctx.now, ctx.source);
  let ts: string;
  try {
    const posted = await ctx.client.chat.postMessage({ channel: ctx.channelId, unfurl_links: false, unfurl_media: false, ...view.message });
    ts = posted.ts ?? '';
  } catch (error) {
    const failure = classifySlackFailure(error);
    if (failure.kind === 'channel') return toCallerOnly(buildCannotPostHere(ctx.channelId, failure.error, 'board'));
    throw error;
  }
  const previous = await ctx.store.putBoard({
    channelId: ctx.channelId,
    ts,
    createdBy: ctx.userId,
    createdAt: ctx.now,
    editedAt: ctx.now,
    fingerprint: view.fingerprint,
  }, fromChat(ctx));
  // One board per channel: the older message says where the board went.
  if (previous !== null && previous.ts !== ts) await markBoardEnded(ctx.client, ctx.channelId, previous.ts, 'moved', ctx.now, ctx.logger);
  return buildNotice(
    ':bar_chart: Board posted. I keep it current as jobs change, at most one edit every 30 seconds.',
    '`/hume-jobs board off` stops it; `/hume-jobs board` again moves it to the bottom of the channel.',
  );
}
