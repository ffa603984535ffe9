/**
 * When to try a Hume request again, and how long to wait first. Pure: the HTTP client feeds it
 * the clock's time, so the same rules run under a fake clock in tests.
 */

export interface RetryPolicy {
  readonly name: string;
  /** Upper bound of one attempt, headers and body included. */
  readonly attemptTimeoutMs: number;
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** Upper bound of all attempts and waits together, measured from the first attempt. */
  readonly totalBudgetMs: number;
  /** Backoff before retry n (0-based) is uniform in [0, min(maxDelayMs, baseDelayMs * 2^n)). */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

/** Answers a person in Slack, so it gives up early. */
export const INTERACTIVE_POLICY: RetryPolicy = {
  name: 'interactive',
  attemptTimeoutMs: 8_000,
  maxRetries: 2,
  totalBudgetMs: 15_000,
  baseDelayMs: 300,
  maxDelayMs: 2_000,
};

/** The poller: can afford to wait out a bad minute. */
export const BACKGROUND_POLICY: RetryPolicy = {
  name: 'background',
  attemptTimeoutMs: 15_000,
  maxRetries: 4,
  totalBudgetMs: 60_000,
  baseDelayMs: 1_000,
  maxDelayMs: 16_000,
};

/**
 * The poller's GET of one tracked job: one quick retry, then the job's failure is its own (the
 * cycle commits the rest and asks again next cycle). With the background policy, one job whose
 * GET kept failing held every cycle for a minute of retries, and every other alert with it.
 */
export const JOB_FETCH_POLICY: RetryPolicy = {
  name: 'job-fetch',
  // A job GET that hangs holds the cycle (and every alert in it) at most this long.
  attemptTimeoutMs: 4_000,
  maxRetries: 1,
  totalBudgetMs: 6_000,
  baseDelayMs: 250,
  maxDelayMs: 1_000,
};

/** Tests: the first failure is final. */
export const NO_RETRY_POLICY: RetryPolicy = {
  name: 'none',
  attemptTimeoutMs: 1_000,
  maxRetries: 0,
  totalBudgetMs: 1_000,
  baseDelayMs: 0,
  maxDelayMs: 0,
};

export const RETRY_POLICIES = { interactive: INTERACTIVE_POLICY, background: BACKGROUND_POLICY, none: NO_RETRY_POLICY } as const;

export type RetryPolicyName = keyof typeof RETRY_POLICIES;

/** A retry that would leave less than this for its own attempt is not worth making. */
const MIN_ATTEMPT_MS = 500;

/** Statuses worth asking again: timeouts, rate limits and server trouble. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

export interface RetryState {
  policy: RetryPolicy;
  /** Retries already made (0 after the first attempt failed). */
  retriesDone: number;
  now: number;
  /** `start + policy.totalBudgetMs`. */
  deadline: number;
  /** What the server asked for (`Retry-After`), when it did. */
  retryAfterMs: number | null;
  random: () => number;
}

/** How long to wait before the next attempt, or null when the count or the budget is spent. */
export function retryDelayMs(state: RetryState): number | null {
  const { policy, retriesDone, now, deadline, retryAfterMs, random } = state;
  if (retriesDone >= policy.maxRetries) return null;
  const delay = retryAfterMs ?? backoffMs(policy, retriesDone, random);
  // Waiting past the budget would only lead to an attempt with no time left: give up now and
  // let the caller (the poller) schedule its next try from the server's Retry-After instead.
  if (now + delay + MIN_ATTEMPT_MS > deadline) return null;
  return delay;
}

/** Exponential backoff with full jitter (spreads retries of many clients over the window). */
export function backoffMs(policy: RetryPolicy, retryIndex: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as ms: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); null when absent or unreadable. */
export function parseRetryAfterMs(value: string | undefined, now: number): number | null {
  if (value === undefined) return null;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP-date names its month; anything else (e.g. "-3", which Date.parse reads as a year) is junk.
  const at = /[a-z]/i.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
