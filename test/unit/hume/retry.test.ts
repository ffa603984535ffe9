import { backoffMs, INTERACTIVE_POLICY, NO_RETRY_POLICY, parseRetryAfterMs, retryDelayMs } from '../../../src/hume/retry';

const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('parseRetryAfterMs', () => {
  it.each<[string | undefined, number | null]>([
    [undefined, null],
    ['2', 2000],
    [' 0 ', 0],
    ['1.5', 1500],
    [new Date(NOW + 30_000).toUTCString(), 30_000],
    [new Date(NOW - 5_000).toUTCString(), 0],
    ['soon', null],
    ['-3', null],
  ])('%j → %j', (header, expected) => {
    expect(parseRetryAfterMs(header, NOW)).toBe(expected);
  });
});

describe('retryDelayMs', () => {
  const base = { policy: INTERACTIVE_POLICY, now: NOW, deadline: NOW + 15_000, retryAfterMs: null, random: () => 1 };

  it('backs off exponentially up to the cap, with full jitter', () => {
    expect([0, 1, 2, 3, 4].map((n) => backoffMs(INTERACTIVE_POLICY, n, () => 1))).toEqual([300, 600, 1200, 2000, 2000]);
    expect(backoffMs(INTERACTIVE_POLICY, 3, () => 0.25)).toBe(500);
    expect(backoffMs(INTERACTIVE_POLICY, 3, () => 0)).toBe(0);
  });

  it('stops after maxRetries', () => {
    expect(retryDelayMs({ ...base, retriesDone: 1 })).toBe(600);
    expect(retryDelayMs({ ...base, retriesDone: 2 })).toBeNull();
    expect(retryDelayMs({ ...base, policy: NO_RETRY_POLICY, retriesDone: 0 })).toBeNull();
  });

  it('waits what Retry-After says, unless that would overrun the budget', () => {
    expect(retryDelayMs({ ...base, retriesDone: 0, retryAfterMs: 2_000 })).toBe(2_000);
    expect(retryDelayMs({ ...base, retriesDone: 0, retryAfterMs: 14_900 })).toBeNull();
  });

  it('stops when the total budget is spent', () => {
    expect(retryDelayMs({ ...base, retriesDone: 0, now: NOW + 14_800 })).toBeNull();
  });
});
