/** A message body as the builders return it: fallback text plus blocks. */
import type { KnownBlock } from '@slack/types';

export interface Reply {
  text: string;
  blocks: KnownBlock[];
  /**
   * The command changed nothing (`snooze off` when not snoozed, `overdue auto` when it already
   * is): only the caller needs to read that, even where a change would be told to the channel.
   */
  toCallerOnly?: true;
}

/** The same reply, for the caller's eyes only. */
export function toCallerOnly(reply: Reply): Reply {
  return { ...reply, toCallerOnly: true };
}

/** What goes to Slack: the reply without the flag, seen by the channel or by the caller alone. */
export function responseBody(reply: Reply, announced: boolean): Omit<Reply, 'toCallerOnly'> & { response_type: 'in_channel' | 'ephemeral' } {
  const { toCallerOnly: callerOnly, ...body } = reply;
  return { response_type: announced && callerOnly !== true ? 'in_channel' : 'ephemeral', ...body };
}
