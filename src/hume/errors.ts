/**
 * Typed failures of the Hume API. The Slack layer turns each into a plain sentence; the poller
 * uses `retryable` to decide between backing off and reporting. Messages never contain the key.
 */

export type HumeErrorCode =
  | 'hume_unauthorized'
  | 'hume_not_found'
  | 'hume_rate_limited'
  | 'hume_unavailable'
  | 'hume_retired'
  | 'hume_invalid_response'
  | 'hume_bad_request';

export abstract class HumeError extends Error {
  abstract readonly code: HumeErrorCode;
  /** Whether trying again later can help. */
  abstract readonly retryable: boolean;
  /** HTTP status, or 0 for network failures and timeouts. */
  readonly status: number;
  /** Hume's request id when it sent one, for support tickets. */
  readonly requestId: string | null;

  constructor(message: string, status: number, requestId: string | null = null, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.status = status;
    this.requestId = requestId;
  }
}

/** 401/403: the key is wrong, expired or lacks permission. */
export class HumeUnauthorizedError extends HumeError {
  readonly code = 'hume_unauthorized';
  readonly retryable = false;
}

/** 404 from the service for one job or run. */
export class HumeNotFoundError extends HumeError {
  readonly code = 'hume_not_found';
  readonly retryable = false;
}

/** 429 after retries ran out. `retryAfterMs` is Hume's `Retry-After` when it sent one. */
export class HumeRateLimitedError extends HumeError {
  readonly code = 'hume_rate_limited';
  readonly retryable = true;
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
    requestId: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, 429, requestId, options);
  }
}

/** 5xx, 408, network errors and timeouts after retries ran out. */
export class HumeUnavailableError extends HumeError {
  readonly code = 'hume_unavailable';
  readonly retryable = true;
  /** True when Hume did not answer in time (as opposed to answering with an error). */
  readonly timedOut: boolean;
  constructor(message: string, status: number, timedOut: boolean, options?: ErrorOptions) {
    super(message, status, null, options);
    this.timedOut = timedOut;
  }
}

/** The list endpoint itself is gone (404/410 on the route): the API was retired. */
export class HumeRetiredError extends HumeError {
  readonly code = 'hume_retired';
  readonly retryable = false;
}

/** A 2xx body that does not match what the API is documented to send. */
export class HumeInvalidResponseError extends HumeError {
  readonly code = 'hume_invalid_response';
  readonly retryable = true;
}

/** Any other 4xx: Hume refused the request as sent. */
export class HumeBadRequestError extends HumeError {
  readonly code = 'hume_bad_request';
  readonly retryable = false;
}
