/**
 * The composition root: builds every part from config, in order, with nothing created at import
 * time. Tests, the demo and the benchmark call it with their own clock, log destination and
 * transports; production calls it from index.ts.
 *
 * Build order: health → store → metrics → Hume clients and source → Slack app (commands, App
 * Home publisher, routes) → the background work (runtime/background.ts: one worker set under
 * the leader, with the poll cycle's fan-out in poller/on-cycle.ts). Slack client settings live
 * in slack/clients.ts.
 *
 * Stop order (`stop()`): Slack first (no new commands or events), then the leader, which stops
 * every worker together after its current step and hands the lease over, then the store, then
 * the Hume connection pool.
 */
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Agent, type Dispatcher } from 'undici';
import { systemClock, type Clock } from './clock';
import type { Config } from './config/config';
import type { BoardKeeper } from './boards/board-keeper';
import type { Delivery } from './delivery/delivery';
import { createHealth, type Health } from './health/health';
import type { Leader } from './leadership/leader';
import { createMetrics, endpointLabel, type Metrics } from './metrics/metrics';
import { createHumeHttp, type HumeHttp } from './hume/http';
import { BACKGROUND_POLICY, INTERACTIVE_POLICY } from './hume/retry';
import type { Logger } from './logging/logger';
import type { Poller } from './poller/poller';
import { buildBackground, type BackgroundOptions } from './runtime/background';
import { createSubscriptionsReloader, WATCH_INTERVAL_MS } from './runtime/subscriptions-reload';
import { buildSource } from './sources/build-source';
import { observeSource } from './sources/observed-source';
import type { ChangeFeed, JobSource } from './sources/source';
import { interactiveSlackClient } from './slack/clients';
import { createAlertAccess } from './slack/access/alert-access';
import { createHomePublisher } from './slack/home/home-publisher';
import { healthRoute, metricsRoute } from './slack/routes';
import { createSlackApp, type SlackApp } from './slack/slack-app';
import { openStore } from './store';
import { storeReporting } from './store/reporting';
import type { Store } from './store/store';

export interface AppOverrides extends BackgroundOptions {
  clock?: Clock;
  /** undici dispatcher for Hume requests (tests use a short keep-alive). */
  humeDispatcher?: Dispatcher;
  /** Replica name that holds outbox claims; defaults to host:pid:random. */
  owner?: string;
  /** How often SUBSCRIPTIONS_FILE's modification time is checked; null: only `reloadSubscriptions()`. */
  subscriptionsWatchMs?: number | null;
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
  /**
   * Stops Slack (no new commands), then the leader: the workers after their current step, and the
   * lease handed over; then the store and Hume's connections.
   */
  stop(): Promise<void>;
  /** Reads SUBSCRIPTIONS_FILE again and reconciles it (SIGHUP); nothing without the setting. */
  reloadSubscriptions(): Promise<void>;
}

/** A command gets this long for all of its Hume requests before the user is told Hume is slow. */
const COMMAND_DEADLINE_MS = 20_000;
const ALERT_CHANNEL_KINDS = ['completed', 'failed'] as const;

export async function createHumeJobsApp(config: Config, logger: Logger, overrides: AppOverrides = {}): Promise<HumeJobsApp> {
  const clock = overrides.clock ?? systemClock;
  const owner = overrides.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const health = createHealth(config.hume.source);
  // The store reports outages to the leader, which is built after it.
  let leaderRef: Leader | null = null;
  const store = await openStore(
    config.database,
    storeReporting(health, logger.child({ component: 'store' }), (state) => leaderRef?.storeChanged(state)),
  );

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
    client: interactiveSlackClient(config),
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
      access: createAlertAccess({ admins: config.admins, clock, logger: logger.child({ component: 'access' }) }),
      onCommandAnswered: (kind, ms) => metrics.commandLatency.observe({ command: kind }, ms / 1000),
    },
  });

  const background = config.pollIntervalMs === null ? null : buildBackground(config, logger, overrides, { store, clock, health, metrics, feed, owner, intervalMs: config.pollIntervalMs });
  const leader = background?.leader ?? null;
  leaderRef = leader;
  if (leader) health.setLeaderSource(() => leader.describe());
  const { poller = null, delivery = null, boards = null } = background ?? {};

  const declared = config.subscriptionsFile
    ? createSubscriptionsReloader({
        file: config.subscriptionsFile,
        source: config.hume.source,
        store,
        clock,
        logger: logger.child({ component: 'subscriptions-file' }),
        watchIntervalMs: overrides.subscriptionsWatchMs === undefined ? WATCH_INTERVAL_MS : overrides.subscriptionsWatchMs,
      })
    : null;

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
        // Configuration as code: recorded in the change log (from configuration) when it changes something.
        const at = clock.now();
        await store.subscribe(config.alertChannel, [...ALERT_CHANNEL_KINDS], null, 'ALERT_CHANNEL', at, undefined, { at, author: { by: 'ALERT_CHANNEL', source: 'file' } });
      }
      // A start after someone invited the app to OPS_CHANNEL tries it again: nobody need run `subscribe` there.
      if (config.opsChannel) await store.setChannelProblem(config.opsChannel, null);
      // Before the leader starts: a declared subscription hears about the first cycle's changes.
      await declared?.start();
      const port = await slack.start();
      health.setPoller(poller ? { state: 'starting' } : { state: 'off' });
      // Only the lease holder polls and delivers: with SQLite that is this process at once; with
      // PostgreSQL, one of the replicas.
      leader?.start();
      logger.info({ port, source: config.hume.source, mode: config.slack.appToken ? 'socket' : 'http', polling: config.pollIntervalMs }, 'hume-jobs started');
      return port;
    },
    async stop() {
      // Stop taking work first (Slack: commands, events, HTTP routes), then the leader: it stops
      // every worker together, each after its current step (cycle, deliveries, board edits), and
      // hands the lease over; then the store, then Hume's connection pool.
      declared?.stop();
      await slack.stop().catch((error: unknown) => logger.warn({ err: error }, 'Slack app did not stop cleanly'));
      await leader?.stop();
      await store.close();
      await ownDispatcher?.close();
    },
    reloadSubscriptions: () => declared?.reload() ?? Promise.resolve(),
  };
}
