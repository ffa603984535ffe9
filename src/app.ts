/**
 * The composition root: builds every part from config, in order, with nothing created at import
 * time. Tests and the demo call it with their own clock, log destination and Hume transport.
 */
import type { Dispatcher } from 'undici';
import { systemClock, type Clock } from './clock';
import type { Config } from './config/config';
import { createHealth, type Health } from './health/health';
import { createBatchClient } from './hume/batch/client';
import { createHumeHttp } from './hume/http';
import { INTERACTIVE_POLICY } from './hume/retry';
import type { Logger } from './logging/logger';
import { createBatchSource } from './sources/batch/batch-source';
import { observeSource } from './sources/observed-source';
import type { JobSource } from './sources/source';
import { healthRoute } from './slack/routes';
import { createSlackApp, type SlackApp } from './slack/slack-app';

export interface AppOverrides {
  clock?: Clock;
  /** undici dispatcher for Hume requests (tests use a short keep-alive). */
  humeDispatcher?: Dispatcher;
}

export interface HumeJobsApp {
  health: Health;
  source: JobSource;
  slack: SlackApp;
  /** Starts serving; resolves with the HTTP port. */
  start(): Promise<number>;
  stop(): Promise<void>;
}

/** A command gets this long for all of its Hume requests before the user is told Hume is slow. */
const COMMAND_DEADLINE_MS = 20_000;

export function createHumeJobsApp(config: Config, logger: Logger, overrides: AppOverrides = {}): HumeJobsApp {
  const clock = overrides.clock ?? systemClock;
  const health = createHealth(config.hume.source);
  const http = createHumeHttp({
    baseUrl: config.hume.apiUrl,
    apiKey: config.hume.apiKey,
    clock,
    dispatcher: overrides.humeDispatcher,
    logger: logger.child({ component: 'hume' }),
    retry: INTERACTIVE_POLICY,
  });
  const source = observeSource(
    createBatchSource({ client: createBatchClient(http), clock, logger: logger.child({ component: 'batch-source' }) }),
    health,
    clock,
  );
  const slack = createSlackApp({
    config,
    logger,
    routes: [healthRoute(health)],
    listenerDeps: { source, clock, logger, commandDeadlineMs: COMMAND_DEADLINE_MS },
  });

  return {
    health,
    source,
    slack,
    async start() {
      const port = await slack.start();
      logger.info({ port, source: config.hume.source, mode: config.slack.appToken ? 'socket' : 'http' }, 'hume-jobs started');
      return port;
    },
    async stop() {
      await slack.stop();
      await http.close();
    },
  };
}
