/**
 * The ops watcher: the active replica's worker that tells people about the app's own health.
 * Every few seconds it reads delivery's state from the store into /healthz (health.setDelivery),
 * reads the problems off the same report (ops-observation.ts), and for each place to tell
 * (alerts/ops-incident.ts: OPS_CHANNEL, or the subscribed channels; App Home's record '') steps
 * its stored incident. A step that changes something is saved in one fenced transaction with the
 * outbox row that tells it, so a message is queued exactly once whatever crashes or hands over,
 * and delivery posts it at Slack's pace, with retries, editing the incident's one message.
 */
import type { Clock } from '../clock';
import { opsOutboxRow, opsTargets, stepIncident, OPS_TIMING, type OpsTiming } from '../alerts/ops-incident';
import { incidentKey } from '../domain/ops';
import type { Logger } from '../logging/logger';
import { startLoop, type Loop } from '../runtime/loop';
import type { Worker } from '../runtime/workers';
import type { ChannelSettings, OpsStore } from '../store/store';
import type { Health } from './health';
import { observeOps } from './ops-observation';

export interface OpsWatcherOptions {
  store: OpsStore & Pick<ChannelSettings, 'channelProblems' | 'listSubscriptions'>;
  health: Health;
  clock: Clock;
  logger: Logger;
  /** OPS_CHANNEL, or null: subscribed channels are told instead. */
  opsChannel: string | null;
  /** Whether this replica may still write (it holds the lease). */
  isActive?: () => boolean;
  /** A message was queued (wake delivery). */
  onQueued?: () => void;
  /** What App Home shows changed (refresh it). */
  onChanged?: () => void;
  /** How often it looks (ms). */
  everyMs?: number;
  timing?: OpsTiming;
}

/** Runs only on the lease holder; the leader starts and stops it with the other workers. */
export interface OpsWatcher extends Worker {
  /** One look now (tests). */
  runOnce(): Promise<void>;
}

const EVERY_MS = 10_000;

export function createOpsWatcher(options: OpsWatcherOptions): OpsWatcher {
  const { store, health, clock, logger, opsChannel } = options;
  const timing = options.timing ?? OPS_TIMING;
  let loop: Loop | null = null;
  /** Looks that failed in a row: the first is a warning, the rest wait quietly (a database outage logs once already). */
  let failing = 0;

  async function look(): Promise<void> {
    const now = clock.now();
    const [channelProblems, oldest, incidents] = await Promise.all([store.channelProblems(), store.oldestUndelivered(), store.opsIncidents()]);
    health.setDelivery({
      channelProblems: channelProblems.map((p) => ({ channel: p.channelId, error: p.error, since: new Date(p.at).toISOString() })),
      oldestUndeliveredAt: oldest ? new Date(oldest.createdAt).toISOString() : null,
      oldestUndeliveredChannel: oldest?.channelId ?? null,
    });
    const observation = observeOps(health.report().body, now);
    const subscribed = opsChannel === null ? (await store.listSubscriptions(null)).map((s) => s.channelId) : [];
    const targets = opsTargets(observation, { opsChannel, subscribed });
    const stored = new Map(incidents.map((incident) => [incident.target, incident]));
    // A channel told of an incident hears how it ends, even if it is no longer one to tell.
    for (const incident of incidents) if (incident.resolvedAt === null && !targets.has(incident.target)) targets.set(incident.target, []);
    for (const [target, seen] of targets) {
      if (options.isActive && !options.isActive()) return;
      const step = stepIncident(target, stored.get(target) ?? null, seen, observation.unknown, now, timing);
      if (!step.next) continue;
      const row = step.message !== null && target !== '' ? opsOutboxRow(step.next, target === opsChannel ? 'ops' : 'channel', now) : null;
      await store.saveOpsIncident(step.next, row);
      if (step.message !== null) {
        const problems = step.next.problems.map((p) => p.key);
        logger.info({ channel: target || 'app-home', incident: incidentKey(step.next), step: step.message, problems }, "the app's own health: incident " + step.message);
      }
      if (row) options.onQueued?.();
      if (target === '' && step.message !== null) options.onChanged?.();
    }
  }

  return {
    name: 'ops',
    start() {
      loop ??= startLoop(clock, async () => {
        try {
          await look();
          if (failing > 0) logger.info({ failed: failing }, "the app's own health is checked again");
          failing = 0;
        } catch (error) {
          failing += 1;
          if (failing === 1) logger.warn({ err: error }, "could not check the app's own health; trying again every few seconds");
          else logger.debug({ err: error, failing }, "still cannot check the app's own health");
        }
        return options.everyMs ?? EVERY_MS;
      });
    },
    async stop() {
      await loop?.stop();
      loop = null;
    },
    runOnce: look,
  };
}
