/**
 * Where a poll cycle's outcome goes once it is committed (the poller's `onCycle`): metrics and
 * /healthz always; delivery is woken when the cycle queued alerts; boards and App Home look
 * again when jobs changed. The poller itself knows none of them: this is the one fan-out.
 */
import type { Clock } from '../clock';
import type { Health } from '../health/health';
import type { Metrics } from '../metrics/metrics';
import type { CycleReport } from './poller';
import { pollerHealth } from './poller-health';

export interface CycleListeners {
  metrics: Metrics;
  health: Pick<Health, 'setPoller'>;
  clock: Clock;
  /** Woken when the cycle queued alerts. */
  delivery: { notify(): void };
  /** Told when jobs changed (boards, App Home). */
  views: readonly { changed(): void }[];
  /** Tests and the benchmark watch cycles here; called last. */
  also?: (report: CycleReport) => void;
}

export function fanOutCycle(listeners: CycleListeners): (report: CycleReport) => void {
  const { metrics, health, clock, delivery, views } = listeners;
  return (report) => {
    metrics.pollCycles.inc({ result: report.ok ? 'ok' : 'failed' });
    metrics.pollDuration.observe(report.durationMs / 1000);
    metrics.changesFound.inc(report.changes);
    if (report.unreadableJobs !== undefined) metrics.unreadableJobs.set(report.unreadableJobs);
    health.setPoller(pollerHealth(report, clock.now()));
    if (report.alerts > 0) delivery.notify();
    if (report.changes > 0) for (const view of views) view.changed();
    listeners.also?.(report);
  };
}
