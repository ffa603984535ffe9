import {
  cycleRetry,
  MAX_RETRY_AFTER_MS,
  maxBackoffMs,
  PERMANENT_FAILURE_DELAY_MS,
  REFUSALS_BEFORE_PERMANENT,
} from '../../../src/poller/backoff';
import { HumeBadRequestError, HumeRateLimitedError, HumeUnauthorizedError, HumeUnavailableError } from '../../../src/hume/errors';

const INTERVAL = 10_000;
const down = () => new HumeUnavailableError('Hume answered 503', 503, false);
const refused = () => new HumeUnauthorizedError('Hume refused the key', 401);

describe('cycleRetry', () => {
  test.each([
    { name: 'first outage: twice the interval', error: down(), failures: 1, refusals: 0, delayMs: 20_000, reason: /Hume is unavailable \(hume_unavailable, HTTP 503\); 1 failed cycle in a row/ },
    { name: 'outages back off up to the cap', error: down(), failures: 2, refusals: 0, delayMs: maxBackoffMs(INTERVAL), reason: /2 failed cycles in a row, backing off/ },
    { name: 'a long run of outages stays at the cap', error: down(), failures: 50, refusals: 0, delayMs: maxBackoffMs(INTERVAL), reason: /50 failed cycles/ },
    { name: 'a failure that is not Hume backs off alike', error: new Error('disk full'), failures: 1, refusals: 0, delayMs: 20_000, reason: /^the poll cycle failed;/ },
    { name: "Retry-After is followed", error: new HumeRateLimitedError('429', 45_000), failures: 1, refusals: 0, delayMs: 45_000, reason: /asked to wait 45 s$/ },
    { name: 'Retry-After shorter than the interval waits the interval', error: new HumeRateLimitedError('429', 1_000), failures: 1, refusals: 0, delayMs: INTERVAL, reason: /asked to wait 1 s/ },
    { name: 'Retry-After of a day is capped', error: new HumeRateLimitedError('429', 86_400_000), failures: 1, refusals: 0, delayMs: MAX_RETRY_AFTER_MS, reason: /asked to wait 86400 s \(capped at 120 s\)/ },
    { name: '429 without Retry-After backs off', error: new HumeRateLimitedError('429', null), failures: 3, refusals: 0, delayMs: maxBackoffMs(INTERVAL), reason: /rate limited polling \(without Retry-After\); 3 failed cycles/ },
    { name: 'a refusal is retried at the normal pace', error: refused(), failures: 1, refusals: 1, delayMs: INTERVAL, reason: /refused polling \(hume_unauthorized, HTTP 401\); retrying at the normal pace \(1 of 3/ },
    { name: 'refusals just under the limit keep the pace', error: new HumeBadRequestError('400', 400), failures: 2, refusals: REFUSALS_BEFORE_PERMANENT - 1, delayMs: INTERVAL, reason: /2 of 3/ },
    { name: 'refusals at the limit are retried slowly', error: refused(), failures: 3, refusals: REFUSALS_BEFORE_PERMANENT, delayMs: PERMANENT_FAILURE_DELAY_MS, reason: /3 times in a row; retrying every 300 s/ },
  ])('$name', ({ error, failures, refusals, delayMs, reason }) => {
    const plan = cycleRetry(error, INTERVAL, { failures, refusals });
    expect(plan.delayMs).toBe(delayMs);
    expect(plan.reason).toMatch(reason);
  });

  test.each([
    { intervalMs: 1_000, cap: 30_000 },
    { intervalMs: 15_000, cap: 30_000 },
    { intervalMs: 60_000, cap: 120_000 },
  ])('the outage cap for a $intervalMs ms interval is $cap ms', ({ intervalMs, cap }) => {
    expect(maxBackoffMs(intervalMs)).toBe(cap);
    expect(cycleRetry(down(), intervalMs, { failures: 20, refusals: 0 }).delayMs).toBe(cap);
  });
});
