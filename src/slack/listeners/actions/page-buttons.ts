/** Next / Previous under a job list: the button's own `response_url` replaces the list in place. */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildErrorMessage } from '../../../messages/replies';
import { decodePageState } from '../../page-state';
import { renderListPage } from '../../handlers/list-reply';
import { deadlineSignal, type ListenerDeps } from '../deps';
import { replyToFailure } from '../failure-reply';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export function pageButton(deps: ListenerDeps) {
  return async ({ ack, action, respond, body }: ButtonArgs): Promise<void> => {
    await ack();
    const log = deps.logger.child({ action: action.action_id, user: body.user.id });
    const state = decodePageState(action.value ?? '');
    if (!state) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        ...buildErrorMessage('This button belongs to a list this app can no longer page. Run the command again.'),
      });
      return;
    }
    const deadline = deadlineSignal(deps);
    try {
      const reply = await renderListPage(deps.source, deps.clock, state, deadline.signal);
      await respond({ response_type: state.public ? 'in_channel' : 'ephemeral', replace_original: true, ...reply });
    } catch (error) {
      await replyToFailure(respond, error, deps, log, deadline.signal.aborted);
    } finally {
      deadline.done();
    }
  };
}
