/**
 * `unmute`: ends every mute set from alert buttons in this channel, each with the summary of what
 * it held (one transaction each, as `snooze off`). One command for all of them: a mute lasts four
 * hours and a channel rarely has more than one or two, so naming one (`unmute 2`) is not offered.
 */
import { summarizeMute } from '../../alerts/mute-digest';
import type { AlertPayload } from '../../domain/alert-payload';
import { buildNothingToUnmute, buildUnmuted } from '../../messages/alert-actions';
import type { AlertActionStore } from '../../store/store';
import { fromChat, type ChannelContext } from './channel-context';
import { toCallerOnly, type CommandResponse } from './command-response';

/** What a summary counts: each job once, and each overdue job. */
function updates(payload: AlertPayload | undefined): number {
  return payload?.type === 'digest' ? payload.changes.length + (payload.overdue?.length ?? 0) : 0;
}

export async function answerUnmute(ctx: ChannelContext & { store: Pick<AlertActionStore, 'listMutes' | 'endMute'> }): Promise<CommandResponse> {
  const { store, channelId, userId, now } = ctx;
  const ended = [];
  for (const mute of await store.listMutes(channelId)) {
    const result = await store.endMute(channelId, mute.cause, now, false, (m, held) => summarizeMute(m, held, now, userId), fromChat(ctx));
    if (result) ended.push({ mute: result.mute, held: updates(result.summary?.payload) });
  }
  return ended.length === 0 ? toCallerOnly(buildNothingToUnmute()) : buildUnmuted(userId, ended);
}
