/**
 * Details: the modal opens at once with a loading view, because `trigger_id` expires after
 * 3 seconds and Hume may be slower; the details replace it when they arrive.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildJobDetailsModal, buildLoadingModal, buildModalError } from '../../../messages/job-details';
import { lookupJob } from '../../handlers/job-reply';
import { deadlineSignal, type ListenerDeps } from '../deps';
import { failureSentence, logFailure } from '../failure-reply';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export function detailsButton(deps: ListenerDeps) {
  return async ({ ack, action, body, client }: ButtonArgs): Promise<void> => {
    await ack();
    const log = deps.logger.child({ action: action.action_id, user: body.user.id });
    const id = action.value ?? '';
    let viewId: string | undefined;
    try {
      const opened = await client.views.open({ trigger_id: body.trigger_id, view: buildLoadingModal(id) });
      viewId = opened.view?.id;
    } catch (error) {
      log.warn({ err: error }, 'could not open the details modal');
      return;
    }
    if (!viewId) return;
    const deadline = deadlineSignal(deps);
    try {
      const lookup = await lookupJob(deps.source, id, deadline.signal, deps.store);
      const view = lookup.found ? buildJobDetailsModal(lookup.job, deps.clock.now()) : buildModalError(lookup.reason);
      await client.views.update({ view_id: viewId, view });
    } catch (error) {
      logFailure(log, error);
      await client.views
        .update({ view_id: viewId, view: buildModalError(failureSentence(error, deps, deadline.signal.aborted)) })
        .catch((updateError: unknown) => log.warn({ err: updateError }, 'could not show the error in the modal'));
    } finally {
      deadline.done();
    }
  };
}
