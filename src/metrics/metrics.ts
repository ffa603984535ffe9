/**
 * Prometheus metrics (`GET /metrics`). One registry per app, built in the composition root: no
 * global default registry, so tests and several apps in one process never share counters.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ChannelSettings, OutboxStore } from '../store/store';

export interface Metrics {
  registry: Registry;
  pollCycles: Counter<'result'>;
  pollDuration: Histogram;
  humeRequests: Counter<'endpoint' | 'status'>;
  changesFound: Counter;
  alertsDelivered: Counter<'kind'>;
  alertsFailed: Counter<'reason'>;
  alertsGivenUp: Counter<'reason'>;
  commandLatency: Histogram<'command'>;
  leader: Gauge;
  /** Tracked jobs whose Hume answers could not be read (set after each poll cycle). */
  unreadableJobs: Gauge;
}

/** `/v0/batch/jobs/1a2b…/predictions` → `/v0/batch/jobs/:id/predictions`: bounded label values. */
export function endpointLabel(path: string): string {
  return path.replace(/^(\/v0\/batch\/jobs|\/v1\/expression\/run)\/[^/]+/, '$1/:id');
}

export function createMetrics(store: Pick<OutboxStore, 'outboxStats'> & Pick<ChannelSettings, 'listSnoozes'>, now: () => number): Metrics {
  const registry = new Registry();
  // prom-client's own names already start with process_ or nodejs_: hume_jobs_process_cpu_seconds_total.
  collectDefaultMetrics({ register: registry, prefix: 'hume_jobs_' });
  const registers = [registry];
  const metrics: Metrics = {
    registry,
    pollCycles: new Counter({ name: 'hume_jobs_poll_cycles_total', help: 'Poll cycles, by result (ok, failed).', labelNames: ['result'], registers }),
    pollDuration: new Histogram({
      name: 'hume_jobs_poll_cycle_seconds',
      help: 'How long a poll cycle took.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    humeRequests: new Counter({
      name: 'hume_jobs_hume_requests_total',
      help: 'Requests to Hume, by endpoint and HTTP status (or timeout, network).',
      labelNames: ['endpoint', 'status'],
      registers,
    }),
    changesFound: new Counter({ name: 'hume_jobs_status_changes_total', help: 'Job status changes the poller found.', registers }),
    alertsDelivered: new Counter({ name: 'hume_jobs_alerts_delivered_total', help: 'Alerts delivered to Slack, by kind.', labelNames: ['kind'], registers }),
    alertsFailed: new Counter({
      name: 'hume_jobs_alert_failures_total',
      help: 'Alert delivery attempts that failed, by reason (rate_limited, channel, message, gone, auth, transient).',
      labelNames: ['reason'],
      registers,
    }),
    alertsGivenUp: new Counter({
      name: 'hume_jobs_alerts_given_up_total',
      help: "Alerts given up for good, by Slack's reason (invalid_blocks, msg_too_long, cant_update_message...): no retry could post them.",
      labelNames: ['reason'],
      registers,
    }),
    commandLatency: new Histogram({
      name: 'hume_jobs_command_seconds',
      help: 'Time from a slash command to its full answer.',
      labelNames: ['command'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20],
      registers,
    }),
    leader: new Gauge({ name: 'hume_jobs_leader', help: '1 when this replica is the active poller and deliverer.', registers }),
    unreadableJobs: new Gauge({
      name: 'hume_jobs_unreadable_jobs',
      help: "Tracked jobs whose answers from Hume could not be read several cycles in a row (see `job <id>`).",
      registers,
    }),
  };
  // Read from the store at scrape time: the outbox is shared by every replica.
  new Gauge({
    name: 'hume_jobs_outbox_pending',
    help: 'Alerts waiting to be delivered.',
    registers,
    async collect() {
      this.set((await store.outboxStats(now())).pending);
    },
  });
  new Gauge({
    name: 'hume_jobs_outbox_oldest_age_seconds',
    help: 'Age of the oldest undelivered alert (0 when none).',
    registers,
    async collect() {
      const { oldestCreatedAt } = await store.outboxStats(now());
      this.set(oldestCreatedAt === null ? 0 : Math.max(0, (now() - oldestCreatedAt) / 1000));
    },
  });
  new Gauge({
    name: 'hume_jobs_outbox_held',
    help: 'Alerts held by channel snoozes (not counted as pending: they wait on purpose).',
    registers,
    async collect() {
      this.set((await store.outboxStats(now())).held);
    },
  });
  new Gauge({
    name: 'hume_jobs_snoozed_channels',
    help: 'Channels whose alerts are snoozed.',
    registers,
    async collect() {
      this.set((await store.listSnoozes(null)).length);
    },
  });
  return metrics;
}
