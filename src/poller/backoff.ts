/**
 * How long the poller waits after a failed cycle, and why (logged and shown in /healthz). An
 * alerting tool must not go quiet for long on one bad answer, so every wait is capped:
 * - Hume's `Retry-After` is honoured up to MAX_RETRY_AFTER_MS (one 429 asking for a day once
 *   stopped polling for a day);
 * - outages back off exponentially from the interval up to max(2 × interval, 30 s), so the next
 *   cycle after Hume heals comes within that;
 * - a refusal (4xx) is retried at the normal pace until it happens REFUSALS_BEFORE_PERMANENT
 *   times in a row (one passing 400 once paused polling for 5 minutes); then it is retried
 *   slowly, every PERMANENT_FAILURE_DELAY_MS, until someone fixes the key or the source.
 */
import { HumeError, HumeRateLimitedError } from '../hume/errors';

/** Failures that won't heal by retrying soon (rejected key, retired API) are retried this rarely. */
export const PERMANENT_FAILURE_DELAY_MS = 5 * 60_000;
/** Hume's Retry-After is followed up to this long: alerts are late by minutes at worst, never by a day. */
export const MAX_RETRY_AFTER_MS = 2 * 60_000;
/** Refusals in a row (401, 403, 400, retired…) before they are taken as permanent. */
export const REFUSALS_BEFORE_PERMANENT = 3;
/** The floor of the outage back-off's cap: a short interval still backs off to this. */
const MIN_BACKOFF_CAP_MS = 30_000;

/** The longest wait between cycles while Hume is failing (not refusing, not rate limiting). */
export function maxBackoffMs(intervalMs: number): number {
  return Math.max(2 * intervalMs, MIN_BACKOFF_CAP_MS);
}

export interface FailureCounts {
  /** Failed cycles in a row, this one included. */
  failures: number;
  /** Of those, the refusals in a row (non-retryable Hume errors), this one included. */
  refusals: number;
}

export interface RetryPlan {
  delayMs: number;
  /** One sentence for logs and /healthz. */
  reason: string;
}

export function cycleRetry(error: unknown, intervalMs: number, counts: FailureCounts): RetryPlan {
  if (error instanceof HumeRateLimitedError && error.retryAfterMs !== null) {
    const delayMs = Math.max(intervalMs, Math.min(error.retryAfterMs, MAX_RETRY_AFTER_MS));
    const capped = error.retryAfterMs > MAX_RETRY_AFTER_MS ? ` (capped at ${seconds(MAX_RETRY_AFTER_MS)})` : '';
    return { delayMs, reason: `Hume rate limited polling and asked to wait ${seconds(error.retryAfterMs)}${capped}` };
  }
  if (error instanceof HumeError && !error.retryable) {
    const what = `Hume refused polling (${error.code}, HTTP ${error.status})`;
    if (counts.refusals >= REFUSALS_BEFORE_PERMANENT) {
      return { delayMs: PERMANENT_FAILURE_DELAY_MS, reason: `${what} ${counts.refusals} times in a row; retrying every ${seconds(PERMANENT_FAILURE_DELAY_MS)}` };
    }
    return { delayMs: intervalMs, reason: `${what}; retrying at the normal pace (${counts.refusals} of ${REFUSALS_BEFORE_PERMANENT} before it counts as lasting)` };
  }
  const exponent = Math.min(counts.failures, 10);
  const delayMs = Math.min(maxBackoffMs(intervalMs), intervalMs * 2 ** exponent);
  const what = error instanceof HumeRateLimitedError ? 'Hume rate limited polling (without Retry-After)' : error instanceof HumeError ? `Hume is unavailable (${error.code}${error.status ? `, HTTP ${error.status}` : ''})` : 'the poll cycle failed';
  return { delayMs, reason: `${what}; ${counts.failures} failed cycle${counts.failures === 1 ? '' : 's'} in a row, backing off` };
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
