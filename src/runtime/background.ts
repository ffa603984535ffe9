/**
 * The work only the lease holder does, built as one worker set under one leader: the poller
 * reads Hume and commits alerts, delivery posts them, the board keeper and App Home refresher
 * keep views current, the pruner drops old rows. The poller's cycles fan out through
 * `fanOutCycle` (poller/on-cycle.ts); the leader starts the set when it gains the lease and stops
 * it (each worker after its current step) when it loses it or at shutdown.
 */
import type { Clock } from '../clock';
import type { Config } from '../config/config';
import { createBoardKeeper, type BoardKeeper } from '../boards/board-keeper';
import { createDelivery, type Delivery } from '../delivery/delivery';
import type { Health } from '../health/health';
import { createLeader, leaseTiming, type Leader } from '../leadership/leader';
import type { Logger } from '../logging/logger';
import type { Metrics } from '../metrics/metrics';
import { createFirstStartHistory } from '../poller/first-start-history';
import { fanOutCycle } from '../poller/on-cycle';
import { createPoller, type CycleReport, type Poller } from '../poller/poller';
import { createPruner } from '../retention/pruner';
import { deliverySlackClient } from '../slack/clients';
import { createHomeRefresher } from '../slack/home/home-refresher';
import { observeFeed } from '../sources/observed-source';
import type { ChangeFeed } from '../sources/source';
import type { Store } from '../store/store';
import { workerSet, type WorkerSet } from './workers';

export interface BackgroundOptions {
  /** Slack's per-channel pace; the benchmark and tests may shorten it. */
  channelGapMs?: number;
  /** How long one Slack call may take before delivery gives up on it and retries later (ms). */
  slackTimeoutMs?: number;
  /**
   * Pending alerts in one channel above which delivery folds them into digests (delivery's
   * default when unset). The benchmark sets Infinity to measure the app as it was before folding.
   */
  foldAbove?: number;
  onCycle?: (report: CycleReport) => void;
}

export interface BackgroundParts {
  store: Store;
  clock: Clock;
  health: Health;
  metrics: Metrics;
  feed: ChangeFeed;
  /** This replica's name on leases and outbox claims. */
  owner: string;
  intervalMs: number;
}

export interface Background {
  leader: Leader;
  workers: WorkerSet;
  poller: Poller;
  delivery: Delivery;
  boards: BoardKeeper;
}

export function buildBackground(config: Config, logger: Logger, options: BackgroundOptions, parts: BackgroundParts): Background {
  const { clock, health, metrics, feed, owner, intervalMs } = parts;
  // Set below: every worker asks it before each commit and Slack write.
  let leader: Leader | null = null;
  const isActive = () => leader?.holds() ?? false;
  // The workers' writes carry the leader's term, checked in each write's transaction (store/fence.ts).
  const store = parts.store.withFence({ current: () => leader?.current() ?? null, fencedOut: (error) => leader?.fencedOut?.(error) });
  const client = deliverySlackClient(config.slack, logger.child({ component: 'delivery' }), options.slackTimeoutMs);
  const source = config.hume.source;
  const delivery = createDelivery({
    store,
    client,
    clock,
    logger: logger.child({ component: 'delivery' }),
    owner,
    channelGapMs: options.channelGapMs,
    foldAbove: options.foldAbove,
    isActive,
    onDelivered: (row) => metrics.alertsDelivered.inc({ kind: row.kind }),
    onFailure: (reason) => metrics.alertsFailed.inc({ reason }),
    onGivenUp: (reason) => metrics.alertsGivenUp.inc({ reason }),
    onSlackOk: () => health.recordSlackSuccess(),
    onTokenRejected: (error, nextTryAt) => health.recordSlackTokenRejected(error, nextTryAt),
  });
  const boards = createBoardKeeper({ store, client, clock, logger: logger.child({ component: 'boards' }), isActive, source });
  const homeRefresher = createHomeRefresher({ store, client, clock, logger: logger.child({ component: 'app-home' }), polling: true, source, isActive });
  const pruner = createPruner({ store, clock, logger: logger.child({ component: 'retention' }) });
  const observedFeed = observeFeed(feed, health, clock);
  const poller = createPoller({
    feed: observedFeed,
    store,
    clock,
    logger: logger.child({ component: 'poller' }),
    history: createFirstStartHistory({ feed: observedFeed, store, clock, logger: logger.child({ component: 'history' }) }),
    intervalMs,
    isActive,
    onCycle: fanOutCycle({ metrics, health, clock, delivery, views: [homeRefresher, boards], also: options.onCycle }),
  });
  const workers = workerSet([poller, delivery, boards, homeRefresher, pruner]);
  leader = createLeader({
    store: parts.store,
    clock,
    logger: logger.child({ component: 'leader' }),
    holder: owner,
    ttlMs: leaseTiming(intervalMs).ttlMs,
    onGain: () => {
      metrics.leader.set(1);
      workers.start();
    },
    onLose: async () => {
      metrics.leader.set(0);
      health.setPoller({ state: 'standby' });
      await workers.stop();
    },
  });
  return { leader, workers, poller, delivery, boards };
}
