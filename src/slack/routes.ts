/** Plain HTTP routes served beside Slack's endpoint, in both Slack modes: `/healthz` and `/metrics`. */
import type { CustomRoute } from '@slack/bolt';
import type { Registry } from 'prom-client';
import type { Health } from '../health/health';
import { StoreUnavailableError } from '../store/availability';

/** How long `/healthz` waits for the store before calling it unreachable. */
const PROBE_TIMEOUT_MS = 2000;

/** `probe` checks what must answer live (the store); everything else is read from `health`. */
export function healthRoute(health: Health, probe: () => Promise<void>): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
      });
      Promise.race([probe(), timeout])
        .then(
          () => health.setStore('probe', null),
          (error: unknown) =>
            health.setStore('probe', { reason: storeProblem(error), since: Date.now() }),
        )
        .finally(() => {
          clearTimeout(timer);
          const report = health.report();
          res.writeHead(report.httpStatus, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(JSON.stringify(report.body));
        });
    },
  };
}

/** The store's own sentence when it has one (StoreUnavailableError), otherwise the error's message. */
function storeProblem(error: unknown): string {
  if (error instanceof StoreUnavailableError) return error.reason;
  return `the database did not answer the health probe (${error instanceof Error ? error.message : String(error)})`;
}

export function metricsRoute(registry: Registry): CustomRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: (_req, res) => {
      registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': registry.contentType });
          res.end(text);
        },
        () => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end('metrics unavailable\n');
        },
      );
    },
  };
}
