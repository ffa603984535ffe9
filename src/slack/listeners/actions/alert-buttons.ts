/**
 * *I'm on it* and *Mute this cause 4h* on failure and overdue alerts: one listener for both, so a
 * guard (who may change a channel's alerts) goes in one place. The press is acknowledged first,
 * before any store or Slack work (Slack wants the ack within 3 s); the message is then rewritten
 * in place with chat.update on the channel and ts the payload names (its `container`, as
 * docs.slack.dev reference/interaction-payloads/block_actions-payload describes it), and anything
 * only the presser needs to hear comes back ephemerally through the payload's response_url.
 */
import type { AllMiddlewareArgs, BlockButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Message } from '../../../messages/blocks';
import { muteAlertCause, takeAlert, type Press, type PressOutcome } from '../../handlers/alert-press';
import { refusalUnlessAllowed } from '../../handlers/access-reply';
import { responseBody } from '../../handlers/command-response';
import type { ListenerDeps } from '../deps';
import { replyToFailure } from '../failure-reply';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export type AlertButton = 'take' | 'mute';

/** What an admin would be asked to do for someone refused the mute. */
const MUTE_ASKED = "press *Mute this cause 4h* on this alert";

/** Where the pressed message is: the container of a message click, or the channel and message fields. */
function pressedMessage(body: BlockButtonAction): { channelId: string; ts: string } | null {
  const container = body.container as { message_ts?: unknown; channel_id?: unknown } | undefined;
  const channelId = typeof container?.channel_id === 'string' ? container.channel_id : body.channel?.id;
  const ts = typeof container?.message_ts === 'string' ? container.message_ts : body.message?.ts;
  return channelId && typeof ts === 'string' ? { channelId, ts } : null;
}

async function tell(respond: RespondFn, message: Message | null, inChannel: boolean): Promise<void> {
  if (message) await respond({ response_type: inChannel ? 'in_channel' : 'ephemeral', replace_original: false, ...message });
}

export function alertButton(deps: ListenerDeps, which: AlertButton) {
  return async ({ ack, action, body, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const where = pressedMessage(body);
    const jobId = action.value ?? '';
    const log = deps.logger.child({ action: action.action_id, user: body.user.id, channel: where?.channelId });
    if (!where || jobId === '') {
      log.warn('alert button pressed outside a channel message, or without its job');
      return;
    }
    const press: Press = { store: deps.store, client, clock: deps.clock, logger: log, channelId: where.channelId, messageTs: where.ts, jobId, userId: body.user.id };
    try {
      // A mute changes what the channel hears: ADMINS decides who may, as for `/hume-jobs snooze`.
      const refused = which === 'mute' ? await refusalUnlessAllowed(deps.access, client, body.user.id, MUTE_ASKED) : null;
      if (refused) {
        await respond({ ...responseBody(refused, false), replace_original: false });
        return;
      }
      const outcome: PressOutcome = which === 'take' ? await takeAlert(press) : await muteAlertCause(press, deps.polling);
      await tell(respond, outcome.toPresser, false);
      await tell(respond, outcome.toChannel, true);
      log.info({ job: jobId, button: which }, 'alert button pressed');
    } catch (error) {
      await replyToFailure(respond, error, deps, log, false);
    }
  };
}
