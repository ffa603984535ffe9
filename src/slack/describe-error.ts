/**
 * Turns a failure into one plain sentence a Slack user can act on. The detail (status, request
 * id, stack) goes to the logs; the sentence never contains a secret or raw Hume output.
 */
import {
  HumeBadRequestError,
  HumeError,
  HumeInvalidResponseError,
  HumeNotFoundError,
  HumeRateLimitedError,
  HumeRetiredError,
  HumeUnauthorizedError,
  HumeUnavailableError,
} from '../hume/errors';
import type { SourceName } from '../jobs/job';
import { StoreUnavailableError } from '../store/availability';

const OTHER_SOURCE: Record<SourceName, string> = {
  batch: 'HUME_SOURCE=runs reads Hume\'s current Expression Measurement API (runs)',
  runs: 'HUME_SOURCE=batch reads the old batch jobs API',
};

export function describeError(error: unknown, source: SourceName): string {
  if (error instanceof StoreUnavailableError) {
    return 'hume-jobs cannot reach its database right now, and this needs it. Please try again in a minute (the app\'s /healthz says more).';
  }
  if (!(error instanceof HumeError)) {
    return 'Something went wrong inside hume-jobs. The details are in the app\'s logs; please try again.';
  }
  if (error instanceof HumeUnauthorizedError) {
    return (
      `Hume rejected the API key (HTTP ${error.status}): it is wrong, expired or lacks permission. ` +
      'Hume keys cannot be extended: create a new key and set HUME_API_KEY.'
    );
  }
  if (error instanceof HumeRetiredError) {
    return source === 'batch'
      ? `Hume retired the batch jobs API in June 2026: it answered HTTP ${error.status} for /v0/batch/jobs. ${OTHER_SOURCE.batch}.`
      : `Hume answered HTTP ${error.status} for the runs API route: check HUME_API_URL (${OTHER_SOURCE.runs}).`;
  }
  if (error instanceof HumeUnavailableError) {
    return error.timedOut
      ? 'Hume is not answering right now (it did not reply in time). Please try again in a minute.'
      : `Hume is having trouble right now (HTTP ${error.status}). Please try again in a minute.`;
  }
  if (error instanceof HumeRateLimitedError) {
    const wait = error.retryAfterMs !== null ? ` in ${Math.max(1, Math.ceil(error.retryAfterMs / 1000))} s` : ' in a minute';
    return `Hume is limiting how often this app may ask. Please try again${wait}.`;
  }
  if (error instanceof HumeNotFoundError) return 'Hume has no job with that id.';
  if (error instanceof HumeInvalidResponseError) {
    return 'Hume sent an answer this app could not read. The details are in the app\'s logs; please try again.';
  }
  if (error instanceof HumeBadRequestError) {
    return `Hume refused the request (HTTP ${error.status}). The details are in the app's logs.`;
  }
  return 'Something went wrong talking to Hume. The details are in the app\'s logs.';
}
