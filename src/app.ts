/**
 * The composition root: builds every part from config, in order, with nothing created at import
 * time. Tests, the demo and the benchmark call it with their own clock, log destination and
 * transports; production calls it from index.ts.
 */
import { WebClient } from '@slack/web-api';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Agent, type Dispatcher } from 'undici';
import { systemClock, type Clock } from './clock';
import type { Config } from './config/config';
import { createBoardKeeper, type BoardKeeper } from './boards/board-keeper';
import { createDelivery, type Delivery } from './delivery/delivery';
import { createHealth, type Health } from './health/health';
import { createLeader, leaseTiming, type Leader } from './leadership/leader';
import { createMetrics, endpointLabel, type Metrics } from './metrics/metrics';
import { createBatchClient } from './hume/batch/client';
import { createHumeHttp, type HumeHttp } from './hume/http';
import { BACKGROUND_POLICY, INTERACTIVE_POLICY } from './hume/retry';
import { toBoltLogger } from './logging/bolt-logger';
import type { Logger } from './logging/logger';
import { createFirstStartHistory } from './poller/first-start-history';
import { createPoller, type CycleReport, type Poller } from './poller/poller';
import { pollerHealth } from './poller/poller-health';
import { createPruner } from './retention/pruner';
import { createBatchFeed } from './sources/batch/batch-feed';
import { createBatchSource } from './sources/batch/batch-source';
import { createRunsFeed } from './sources/runs/runs-feed';
import { createRunsSource } from './sources/runs/runs-source';
import { createRunsClient } from './hume/runs/client';
import { observeFeed, observeSource } from './sources/observed-source';
import type { ChangeFeed, JobSource } from './sources/source';
import { createHomePublisher } from './slack/home/home-publisher';
import { createHomeRefresher } from './slack/home/home-refresher';
import { healthRoute, metricsRoute } from './slack/routes';
import { createSlackApp, type SlackApp } from './slack/slack-app';
import { openStore } from './store';
import type { Store } from './store/store';

export interface AppOverrides {
  clock?: Clock;
  /** undici dispatcher for Hume requests (tests use a short keep-alive). */
  humeDispatcher?: Dispatcher;
  /** Replica name that holds outbox claims; defaults to host:pid:random. */
  owner?: string;
  /** Slack's per-channel pace; the benchmark and tests may shorten it. */
  channelGapMs?: number;
  /** How long one Slack call may take before delivery gives up on it and retries later (ms). */
  slackTimeoutMs?: number;
  onCycle?: (report: CycleReport) => void;
}

export interface HumeJobsApp {
  config: Config;
  health: Health;
  store: Store;
  source: JobSource;
  feed: ChangeFeed;
  slack: SlackApp;
  poller: Poller | null;
  delivery: Delivery | null;
  boards: BoardKeeper | null;
  leader: Leader | null;
  metrics: Metrics;
  /** Starts serving and polling; resolves with the HTTP port. */
  start(): Promise<number>;
  /** Stops polling and delivery after their current work, then Slack, then the store. */
  stop(): Promise<void>;
}

/** A command gets this long for all of its Hume requests before the user is told Hume is slow. */
const COMMAND_DEADLINE_MS = 20_000;
const ALERT_CHANNEL_KINDS = ['completed', 'failed'] as const;

export async function createHumeJobsApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<HumeJobsApp> {
  const clock = overrides.clock ?? systemClock;
  const owner = overrides.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const health = createHealth(config.hume.source);
  const store = await openStore(config.database);

  const metrics = createMetrics(store, () => clock.now());

  const ownDispatcher = overrides.humeDispatcher ? null : new Agent({ keepAliveTimeout: 10_000, connections: 16 });
  const dispatcher = overrides.humeDispatcher ?? ownDispatcher!;
  const humeHttp = (retry: typeof INTERACTIVE_POLICY): HumeHttp =>
    createHumeHttp({
      baseUrl: config.hume.apiUrl,
      apiKey: config.hume.apiKey,
      clock,
      dispatcher,
      retry,
      logger: logger.child({ component: 'hume' }),
      onAttempt: ({ path, outcome }) => metrics.humeRequests.inc({ endpoint: endpointLabel(path), status: String(outcome) }),
    });

  // Commands fail fast (a person is waiting); the poller retries longer (nobody is).
  const { source: rawSource, feed } = buildSource(config, humeHttp(INTERACTIVE_POLICY), humeHttp(BACKGROUND_POLICY), clock, logger);
  const source = observeSource(rawSource, health, clock);

  const home = createHomePublisher({
    store,
    client: new WebClient(config.slack.botToken, { slackApiUrl: config.slack.apiUrl, retryConfig: { retries: 2 }, timeout: 10_000 }),
    clock,
    logger: logger.child({ component: 'app-home' }),
    polling: config.pollIntervalMs !== null,
    source: config.hume.source,
  });
  const slack = createSlackApp({
    config,
    logger,
    routes: [healthRoute(health, () => store.ping()), metricsRoute(metrics.registry)],
    listenerDeps: {
      source,
      store,
      clock,
      logger,
      commandDeadlineMs: COMMAND_DEADLINE_MS,
      polling: config.pollIntervalMs !== null,
      home,
      onCommandAnswered: (kind, ms) => metrics.commandLatency.observe({ command: kind }, ms / 1000),
    },
  });

  let poller: Poller | null = null;
  let delivery: Delivery | null = null;
  let boards: BoardKeeper | null = null;
  let leader: Leader | null = null;
  if (config.pollIntervalMs !== null) {
    const isActive = () => leader?.holds() ?? false;
    // Delivery handles Slack's failures itself (durably, per channel): the client must not retry
    // or sit out rate limits behind its back.
    const client = new WebClient(config.slack.botToken, {
      slackApiUrl: config.slack.apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: overrides.slackTimeoutMs ?? 10_000,
      logger: toBoltLogger(logger.child({ component: 'delivery' })),
    });
    const deliveryRef = (delivery = createDelivery({
      store,
      client,
      clock,
      logger: logger.child({ component: 'delivery' }),
      owner,
      channelGapMs: overrides.channelGapMs,
      isActive,
      onDelivered: (row) => metrics.alertsDelivered.inc({ kind: row.kind }),
      onFailure: (reason) => metrics.alertsFailed.inc({ reason }),
    }));
    const boardsRef = (boards = createBoardKeeper({
      store,
      client,
      clock,
      logger: logger.child({ component: 'boards' }),
      isActive,
      source: config.hume.source,
    }));
    const homeRefresher = createHomeRefresher({
      store,
      client,
      clock,
      logger: logger.child({ component: 'app-home' }),
      polling: true,
      source: config.hume.source,
      isActive,
    });
    const pruner = createPruner({ store, clock, logger: logger.child({ component: 'retention' }) });
    const observedFeed = observeFeed(feed, health, clock);
    const pollerRef = (poller = createPoller({
      feed: observedFeed,
      store,
      clock,
      logger: logger.child({ component: 'poller' }),
      history: createFirstStartHistory({ feed: observedFeed, store, clock, logger: logger.child({ component: 'history' }) }),
      intervalMs: config.pollIntervalMs,
      isActive,
      onCycle: (report) => {
        metrics.pollCycles.inc({ result: report.ok ? 'ok' : 'failed' });
        metrics.pollDuration.observe(report.durationMs / 1000);
        metrics.changesFound.inc(report.changes);
        if (report.unreadableJobs !== undefined) metrics.unreadableJobs.set(report.unreadableJobs);
        health.setPoller(pollerHealth(report, clock.now()));
        if (report.alerts > 0) deliveryRef.notify();
        if (report.changes > 0) {
          homeRefresher.changed();
          boardsRef.changed();
        }
        overrides.onCycle?.(report);
      },
    }));
    leader = createLeader({
      store,
      clock,
      logger: logger.child({ component: 'leader' }),
      holder: owner,
      ttlMs: leaseTiming(config.pollIntervalMs).ttlMs,
      onGain: () => {
        metrics.leader.set(1);
        pollerRef.start();
        deliveryRef.start();
        boardsRef.start();
        homeRefresher.start();
        pruner.start();
      },
      onLose: async () => {
        metrics.leader.set(0);
        health.setPoller({ state: 'standby' });
        await Promise.all([pollerRef.stop(), deliveryRef.stop(), boardsRef.stop(), homeRefresher.stop(), pruner.stop()]);
      },
    });
    const leaderRef = leader;
    health.setLeaderSource(() => leaderRef.describe());
  }

  return {
    config,
    health,
    store,
    source,
    feed,
    slack,
    poller,
    delivery,
    boards,
    leader,
    metrics,
    async start() {
      if (config.alertChannel) {
        await store.subscribe(config.alertChannel, [...ALERT_CHANNEL_KINDS], null, 'ALERT_CHANNEL', clock.now());
      }
      const port = await slack.start();
      health.setPoller(poller ? { state: 'starting' } : { state: 'off' });
      // Only the lease holder polls and delivers: with SQLite that is this process at once; with
      // PostgreSQL, one of the replicas.
      leader?.start();
      logger.info({ port, source: config.hume.source, mode: config.slack.appToken ? 'socket' : 'http', polling: config.pollIntervalMs }, 'hume-jobs started');
      return port;
    },
    async stop() {
      // Stop taking work first, then let the current cycle and deliveries finish (the leader's
      // onLose waits for both), hand the lease over, and close what is left.
      await slack.stop().catch((error: unknown) => logger.warn({ err: error }, 'Slack app did not stop cleanly'));
      await leader?.stop();
      await store.close();
      await ownDispatcher?.close();
    },
  };
}

/** The one place that knows both Hume APIs: everything after it speaks the job model. */
function buildSource(
  config: Config,
  interactive: HumeHttp,
  background: HumeHttp,
  clock: Clock,
  logger: Logger,
): { source: JobSource; feed: ChangeFeed } {
  if (config.hume.source === 'runs') {
    const log = logger.child({ component: 'runs-source' });
    return {
      source: createRunsSource({ client: createRunsClient(interactive, log), clock, logger: log }),
      feed: createRunsFeed(createRunsClient(background, log), { logger: log, clock, pollIntervalMs: config.pollIntervalMs ?? undefined }),
    };
  }
  const log = logger.child({ component: 'batch-source' });
  return {
    source: createBatchSource({ client: createBatchClient(interactive, log), clock, logger: log }),
    feed: createBatchFeed(createBatchClient(background, log), clock, { logger: log }),
  };
}
