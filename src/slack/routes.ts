/** Plain HTTP routes served beside Slack's endpoint, in both Slack modes (SPEC §3). */
import type { CustomRoute } from '@slack/bolt';
import type { Health } from '../health/health';

export function healthRoute(health: Health): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req, res) => {
      const report = health.report();
      res.writeHead(report.httpStatus, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(report.body));
    },
  };
}
