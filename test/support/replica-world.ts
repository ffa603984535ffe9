/**
 * Replicas in this process on one PostgreSQL schema: one fake clock, one Hume simulator and one
 * Slack stand-in shared by every copy of the app, made before each test and closed after it.
 * The fields are the current test's (read them inside tests, not at describe time).
 */
import { createJobBook, type JobBook } from '../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../src/simulator/slack-server';
import { startAppHarness, type AppHarness } from './app-harness';
import { TEST_API_KEY, TestClock } from './hume';
import { createSchema } from './postgres';

export interface ReplicaWorld {
  clock: TestClock;
  book: JobBook;
  hume: HumeSimulator;
  slack: SlackStandIn;
  db: { url: string; drop: () => Promise<void> };
  /** Starts one more copy of the app on the shared database and stand-ins. */
  replica(): Promise<AppHarness>;
  /** Stops one copy now (it hands its lease over); the others keep running. */
  stop(app: AppHarness): Promise<void>;
}

/** Call inside a describe: installs the beforeEach/afterEach that make and close the world. */
export function replicaWorld(options: { seed: number; pollInterval: string }): ReplicaWorld {
  const apps: AppHarness[] = [];
  const world = {
    async replica() {
      const app = await startAppHarness({ clock: world.clock, book: world.book, hume: world.hume, slack: world.slack, env: { DATABASE_URL: world.db.url, POLL_INTERVAL: options.pollInterval } });
      apps.push(app);
      return app;
    },
    async stop(app: AppHarness) {
      await app.close();
      apps.splice(apps.indexOf(app), 1);
    },
  } as ReplicaWorld;
  beforeEach(async () => {
    world.clock = new TestClock();
    world.book = createJobBook({ clock: world.clock, seed: options.seed });
    world.hume = await startHumeSimulator({ book: world.book, apiKey: TEST_API_KEY });
    world.slack = await startSlackStandIn({ now: () => world.clock.now() });
    world.db = await createSchema();
  });
  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await world.hume.close();
    await world.slack.close();
    await world.db.drop();
  });
  return world;
}
