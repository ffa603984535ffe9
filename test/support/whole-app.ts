/**
 * The whole app against fresh Hume and Slack stand-ins on one fake clock, for tests that try it
 * as a team would. Everything is closed after each test, then every message Slack received is
 * checked against Block Kit.
 */
import type { AppOverrides } from '../../src/app';
import { startHumeSimulator, type HumeSimulator, type HumeSimulatorOptions } from '../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../src/simulator/slack-server';
import { startAppHarness, type AppHarness } from './app-harness';
import { validateMessage } from './block-kit-validator';
import { perTest, TEST_API_KEY, type TestClock } from './hume';

export interface WholeApp {
  app: AppHarness;
  hume: HumeSimulator;
  slack: SlackStandIn;
  close(): Promise<void>;
}

export interface WholeAppOptions {
  clock: TestClock;
  /** What the Hume simulator serves (a batch `book`, or the runs API in `routes`). */
  simulator: HumeSimulatorOptions;
  env?: Record<string, string>;
  overrides?: AppOverrides;
}

async function startWholeApp(options?: WholeAppOptions): Promise<WholeApp> {
  const { clock, simulator, env, overrides } = options!;
  const hume = await startHumeSimulator({ apiKey: TEST_API_KEY, ...simulator });
  const slack = await startSlackStandIn({ now: () => clock.now() });
  const app = await startAppHarness({ clock, hume, slack, book: simulator.book, env, overrides });
  return {
    app,
    hume,
    slack,
    async close() {
      await app.close();
      await hume.close();
      await slack.close();
      for (const message of slack.messages) expect(validateMessage(message)).toEqual([]);
    },
  };
}

/** Registers the after-each close and returns the function that starts the app. */
export function wholeAppPerTest(): (options: WholeAppOptions) => Promise<WholeApp> {
  const start = perTest(startWholeApp);
  return (options) => start(options);
}
