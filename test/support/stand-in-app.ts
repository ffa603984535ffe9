/**
 * The app harness on a Slack stand-in the test shapes (channels, people, groups, scopes), started
 * and past its first poll cycle, which records the (empty) account: jobs added after it alert.
 */
import { startSlackStandIn, type SlackStandInOptions } from '../../src/simulator/slack-server';
import { runUntil, startAppHarness, type AppHarness, type AppHarnessOptions } from './app-harness';
import { TestClock } from './hume';

export async function startOnStandIn(standIn: SlackStandInOptions, options: Omit<AppHarnessOptions, 'slack' | 'clock'> = {}): Promise<AppHarness> {
  const clock = new TestClock();
  const slack = await startSlackStandIn({ now: () => clock.now(), ...standIn });
  const harness = await startAppHarness({ ...options, slack, clock, env: { POLL_INTERVAL: '1s', ...options.env } });
  await runUntil(harness, () => harness.logs.some((l) => l.includes('"msg":"poll cycle"')), 'the first poll cycle', 10_000);
  return {
    ...harness,
    async close() {
      await harness.close();
      await slack.close();
    },
  };
}
