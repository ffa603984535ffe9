/**
 * Delivery as the app runs it (its Slack client settings from slack/clients.ts), against the Slack
 * stand-in and an in-memory SQLite store, all on one test clock: for tests of delivery alone.
 */
import type { WebClient } from '@slack/web-api';
import { createLogger } from '../../src/logging/logger';
import { startSlackStandIn, type SlackStandIn } from '../../src/simulator/slack-server';
import { deliverySlackClient } from '../../src/slack/clients';
import { openSqliteStore } from '../../src/store/sqlite-store';
import type { Store } from '../../src/store/store';
import type { TestClock } from './clock';

export interface DeliveryRig {
  slack: SlackStandIn;
  store: Store;
  client: WebClient;
  close(): Promise<void>;
}

export async function startDeliveryRig(clock: TestClock): Promise<DeliveryRig> {
  const slack = await startSlackStandIn({ now: () => clock.now() });
  const store = await openSqliteStore(':memory:');
  await store.migrate();
  const client = deliverySlackClient({ botToken: 'xoxb-test', apiUrl: slack.apiUrl }, createLogger('error'));
  return {
    slack,
    store,
    client,
    async close() {
      await store.close();
      await slack.close();
    },
  };
}
