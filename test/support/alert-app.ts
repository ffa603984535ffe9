/**
 * The whole app polling every second, closed after each test, with a channel that follows jobs
 * (running, completed, failed): for tests of what a channel's messages end up showing.
 */
import type { StatusKind } from '../../src/jobs/job';
import type { StoredMessage } from '../../src/simulator/slack-server';
import { runFor, startAppHarness, type AppHarness } from './app-harness';

/** A channel's own messages (not thread lines), without those someone deleted. */
export const mainMessages = (messages: StoredMessage[], channel: string): StoredMessage[] =>
  messages.filter((m) => m.channel === channel && m.threadTs === null && !m.deleted);

const FOLLOWING: StatusKind[] = ['running', 'completed', 'failed'];

/** Call at the top of a test file: `start` gives this test's app; it is closed after the test. */
export function appPerTest(): { start(channels: string[], kinds?: StatusKind[]): Promise<AppHarness> } {
  let current: AppHarness | null = null;
  afterEach(async () => {
    await current?.close();
    current = null;
  });
  return {
    async start(channels, kinds = FOLLOWING) {
      // A hung Slack call is cut after 300 ms of real time (the client's timeout is not on the fake clock).
      current = await startAppHarness({ env: { POLL_INTERVAL: '1s' }, overrides: { slackTimeoutMs: 300 } });
      for (const channel of channels) await current.app.store.subscribe(channel, kinds, null, 'U1', current.clock.now());
      await runFor(current, 1000);
      return current;
    },
  };
}
