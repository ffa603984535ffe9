/** The one way a listener reports a failure: a plain sentence to the user, the detail to the log. */
import type { RespondFn } from '@slack/bolt';
import { HumeError } from '../../hume/errors';
import type { Logger } from '../../logging/logger';
import { buildErrorMessage } from '../../messages/replies';
import { describeError } from '../describe-error';
import type { ListenerDeps } from './deps';

export function failureSentence(error: unknown, deps: ListenerDeps, deadlinePassed: boolean): string {
  return deadlinePassed
    ? 'Hume is not answering right now (no reply in time). Please try again in a minute.'
    : describeError(error, deps.source.name);
}

export function logFailure(log: Logger, error: unknown): void {
  if (error instanceof HumeError) log.warn({ code: error.code, status: error.status, requestId: error.requestId, err: error.message }, 'Hume call failed');
  else log.error({ err: error }, 'listener failed');
}

export async function replyToFailure(
  respond: RespondFn,
  error: unknown,
  deps: ListenerDeps,
  log: Logger,
  deadlinePassed: boolean,
): Promise<void> {
  logFailure(log, error);
  try {
    await respond({ response_type: 'ephemeral', replace_original: false, ...buildErrorMessage(failureSentence(error, deps, deadlinePassed)) });
  } catch (respondError) {
    // The response_url may have expired (30 min / 5 uses): nothing more can reach the user.
    log.warn({ err: respondError }, 'could not deliver the error reply');
  }
}
