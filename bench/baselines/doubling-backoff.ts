/**
 * Baseline: the poller's back-off before waits were capped. After a failed cycle it waited
 * interval × 2^failures (the failures in a row, this one included), up to 5 minutes: at a 30 s
 * interval three failed cycles meant a 4-minute wait, whenever Hume came back meanwhile. This
 * replays that rule over the outage the recovery section measured (same first failed cycle, same
 * time per failed cycle), so the two figures describe the same outage.
 */

/** The old cap on the wait between failed cycles. */
export const OLD_MAX_BACKOFF_MS = 5 * 60_000;

export function oldBackoffMs(intervalMs: number, failures: number): number {
  return Math.min(OLD_MAX_BACKOFF_MS, intervalMs * 2 ** Math.min(failures, 10));
}

export interface Outage {
  /** When the first failed cycle began. */
  firstFailedAt: number;
  healedAt: number;
  intervalMs: number;
  /** How long one failed cycle took (its own retries of each request). */
  failedCycleMs: number;
}

/** When the first cycle after healing begins under the old rule, and how many failed before it. */
export function oldRecovery(outage: Outage): { startsAt: number; failures: number } {
  let startsAt = outage.firstFailedAt;
  let failures = 0;
  while (startsAt < outage.healedAt) {
    failures += 1;
    startsAt += outage.failedCycleMs + oldBackoffMs(outage.intervalMs, failures);
  }
  return { startsAt, failures };
}
