/** How long the poller waits after a failed cycle: Hume's word when it gave one, else doubling. */
import { HumeError, HumeRateLimitedError } from '../hume/errors';

/** Failures that won't heal by retrying soon (rejected key, retired API) are retried this rarely. */
export const PERMANENT_FAILURE_DELAY_MS = 5 * 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export function cycleRetryDelay(error: unknown, intervalMs: number, consecutiveFailures: number): number {
  if (error instanceof HumeRateLimitedError && error.retryAfterMs !== null) return Math.max(intervalMs, error.retryAfterMs);
  if (error instanceof HumeError && !error.retryable) return PERMANENT_FAILURE_DELAY_MS;
  const exponent = Math.min(consecutiveFailures, 10);
  return Math.min(MAX_BACKOFF_MS, intervalMs * 2 ** exponent);
}
