/**
 * What /healthz says of the poller after a cycle: when the next try is and, after a failure,
 * why it waits (a capped Retry-After, an outage's back-off, a refusal retried slowly).
 */
import type { PollerHealth } from '../health/health';
import type { CycleReport } from './poller';

export function pollerHealth(report: CycleReport, now: number): PollerHealth {
  return {
    state: report.ok ? 'running' : 'retrying',
    lastCycleAt: now,
    nextCycleAt: report.nextAt,
    nextTryAt: new Date(report.nextAt).toISOString(),
    ...(report.ok
      ? { unreadableJobs: report.unreadableJobs ?? 0 }
      : {
          lastError: report.error instanceof Error ? report.error.message : String(report.error),
          retryReason: report.retryReason ?? null,
          // How long polling has been failing: the ops watcher tells people past 5 minutes.
          ...(report.failingSince === undefined ? {} : { failingSince: new Date(report.failingSince).toISOString() }),
        }),
  };
}
