/**
 * Builds the Bolt app for either transport: HTTP (`POST /slack/events` on PORT) or Socket Mode
 * when an app token is set. Both serve the same custom routes (`/healthz`…) on PORT.
 */
import { App, HTTPReceiver, SocketModeReceiver, type CustomRoute, type Receiver } from '@slack/bolt';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config/config';
import { toBoltLogger } from '../logging/bolt-logger';
import type { Logger } from '../logging/logger';
import { registerListeners } from './listeners';
import type { ListenerDeps } from './listeners/deps';
import { guardRequests, serverTimeouts } from './request-guard';

export interface SlackAppOptions {
  config: Config;
  logger: Logger;
  routes: CustomRoute[];
  listenerDeps: ListenerDeps;
}

export interface SlackApp {
  app: App;
  /** Starts serving; resolves with the HTTP port actually bound (PORT=0 picks a free one). */
  start(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Slack Web API calls fail fast and retry briefly: a user waits on commands, and the alert
 * outbox has its own durable retries, so the client's default 30-minute policy would only hide
 * outages (and stall shutdown).
 */
const CLIENT_RETRY = { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000, randomize: true };
const CLIENT_TIMEOUT_MS = 10_000;
const SLACK_ENDPOINT = '/slack/events';
/** How long shutdown waits for Slack to answer the Socket Mode close frame. */
const SOCKET_CLOSE_MS = 2_000;

function withinMs(ms: number, work: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work, bound]).finally(() => clearTimeout(timer));
}

export function createSlackApp(options: SlackAppOptions): SlackApp {
  const { config, routes } = options;
  const logger = toBoltLogger(options.logger);
  const clientOptions = { slackApiUrl: config.slack.apiUrl, retryConfig: CLIENT_RETRY, timeout: CLIENT_TIMEOUT_MS };

  let receiver: Receiver;
  let httpServer: () => Server | undefined;
  let closeSocket: () => Promise<void> = () => Promise.resolve();
  if (config.slack.appToken) {
    const socket = new SocketModeReceiver({
      appToken: config.slack.appToken,
      logger,
      customRoutes: routes,
      installerOptions: { port: config.port, clientOptions },
    });
    receiver = socket;
    // Bolt's stop() asks the socket to close and returns at once; waiting for Slack's close frame
    // (bounded) ends the session cleanly instead of leaving a 30 s handshake timer behind.
    closeSocket = () => withinMs(SOCKET_CLOSE_MS, socket.client.disconnect());
    // Bolt keeps the server private; it is the only way to learn the port bound for PORT=0.
    httpServer = () => (socket as unknown as { httpServer?: Server }).httpServer;
    // Created already, listening only at start: slow clients are cut off here too.
    const server = httpServer();
    if (server) Object.assign(server, serverTimeouts);
  } else {
    const http = new HTTPReceiver({
      signingSecret: config.slack.signingSecret ?? '',
      endpoints: SLACK_ENDPOINT,
      customRoutes: routes,
      logger,
    });
    // Bodies are limited and checked before Bolt reads them (see request-guard).
    http.requestListener = guardRequests(SLACK_ENDPOINT, http.requestListener, undefined, (status, reason) =>
      options.logger.warn({ status, reason }, 'Slack endpoint request refused'),
    );
    receiver = http;
    httpServer = () => (http as unknown as { server?: Server }).server;
  }

  const app = new App({
    token: config.slack.botToken,
    receiver,
    logger,
    clientOptions,
    // auth.test runs in init(), where a failure is a clear start-up error instead of an
    // unhandled rejection from the constructor.
    deferInitialization: true,
  });
  app.error(async (error) => {
    options.logger.error({ err: error }, 'unhandled Slack listener error');
    return Promise.resolve();
  });
  registerListeners(app, options.listenerDeps);

  return {
    app,
    async start() {
      await app.init();
      // Node's defaults wait 60 s for headers and 5 min for a body: a slow client holds memory that long.
      await (config.slack.appToken ? app.start() : app.start(config.port, serverTimeouts));
      const server = httpServer();
      const address = server?.address() as AddressInfo | null | undefined;
      return address?.port ?? config.port;
    },
    async stop() {
      await closeSocket();
      await app.stop();
    },
  };
}
