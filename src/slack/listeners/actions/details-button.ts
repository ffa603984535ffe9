/**
 * Details: the modal opens at once with a loading view, because `trigger_id` expires after
 * 3 seconds and Hume may be slower; the details replace it when they arrive.
 */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { buildJobDetailsModal, buildLoadingModal, buildModalError } from '../../../messages/job-details';
import { buildErrorMessage } from '../../../messages/replies';
import { lookupJob } from '../../handlers/job-reply';
import { classifySlackFailure } from '../../slack-failure';
import { deadlineSignal, type ListenerDeps } from '../deps';
import { failureSentence, logFailure } from '../failure-reply';

type ButtonArgs = SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs;

export function detailsButton(deps: ListenerDeps) {
  return async ({ ack, action, body, client, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const log = deps.logger.child({ action: action.action_id, user: body.user.id });
    const id = action.value ?? '';
    let viewId: string | undefined;
    try {
      const opened = await client.views.open({ trigger_id: body.trigger_id, view: buildLoadingModal(id) });
      viewId = opened.view?.id;
    } catch (error) {
      // The press was seen: without a word it looks like a dead button. A trigger lives 3 s, so
      // a press that waited in a slow network or a busy app has to be pressed again.
      log.warn({ err: error }, 'could not open the details modal');
      await respond({ response_type: 'ephemeral', replace_original: false, ...buildErrorMessage(modalRefusal(error)) }).catch((respondError: unknown) =>
        log.warn({ err: respondError }, 'could not say why the details did not open'),
      );
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

/** Why the modal did not open, in words; views.open's errors: docs.slack.dev/reference/methods/views.open */
function modalRefusal(error: unknown): string {
  const reason = classifySlackFailure(error).error;
  // Slack's own error codes are safe to show; other failures are described in the logs only.
  const code = /^[a-z_]+$/.test(reason) ? reason : null;
  if (code === 'expired_trigger_id' || code === 'exchanged_trigger_id' || code === 'invalid_trigger_id') {
    return 'Slack did not let the details open: the press took too long to reach hume-jobs. Press Details again.';
  }
  return `Slack did not open the details${code ? ` (\`${code}\`)` : ''}. Press Details again, or use \`/hume-jobs <job id>\`.`;
}
