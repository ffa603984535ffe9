/**
 * What a command handler answers: a Message (messages/blocks.ts, what every builder returns:
 * fallback text plus blocks) on its way back to whoever typed the command, plus who sees it.
 */
import type { KnownBlock } from '@slack/types';

export interface CommandResponse {
  text: string;
  blocks: KnownBlock[];
  /**
   * The command changed nothing (`snooze off` when not snoozed, `overdue auto` when it already
   * is): only the caller needs to read that, even where a change would be told to the channel.
   */
  toCallerOnly?: true;
}

/** The same reply, for the caller's eyes only. */
export function toCallerOnly(reply: CommandResponse): CommandResponse {
  return { ...reply, toCallerOnly: true };
}

/** What goes to Slack: the reply without the flag, seen by the channel or by the caller alone. */
export function responseBody(reply: CommandResponse, announced: boolean): Omit<CommandResponse, 'toCallerOnly'> & { response_type: 'in_channel' | 'ephemeral' } {
  const { toCallerOnly: callerOnly, ...body } = reply;
  return { response_type: announced && callerOnly !== true ? 'in_channel' : 'ephemeral', ...body };
}
