/**
 * App Home viewers on one replica (SQLite): a restart keeps them and drops those not seen for 30
 * days; Slack's answers about a user drop that viewer, while answers about the app's token keep
 * everyone (they would be the same for every viewer).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createJobBook, type JobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { runFor, runUntil, startAppHarness, type AppHarness } from '../../support/app-harness';
import { openAppHome } from '../../support/app-home';
import { TEST_API_KEY, TestClock } from '../../support/hume';

const DAY = 86_400_000;

let clock: TestClock;
let book: JobBook;
let hume: HumeSimulator;
let slack: SlackStandIn;
let dataDir: string;
const apps: AppHarness[] = [];

beforeEach(async () => {
  clock = new TestClock();
  book = createJobBook({ clock, seed: 19 });
  hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
  slack = await startSlackStandIn({ now: () => clock.now() });
  dataDir = mkdtempSync(join(tmpdir(), 'hume-jobs-home-'));
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
  await hume.close();
  await slack.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<AppHarness> {
  const app = await startAppHarness({ clock, book, hume, slack, dataDir, env: { POLL_INTERVAL: '1s' } });
  apps.push(app);
  return app;
}

const publishesTo = (user: string) => slack.callsTo('views.publish').filter((c) => c.args.user_id === user);
const lastViewOf = (user: string) => JSON.stringify(publishesTo(user).at(-1)?.args.view ?? null);

test('a restart keeps the viewers, and drops those who have not looked for 30 days', async () => {
  const first = await start();
  await runFor(first, 2000);
  expect(await openAppHome(first.port, 'U0VIEWER')).toBe(200);
  await runUntil(first, () => publishesTo('U0VIEWER').length === 1, 'the tab opened', 5000);
  await first.app.store.homeOpened('U0LONGAGO', clock.now() - 31 * DAY);
  await first.close();
  apps.splice(0);

  const second = await start();
  book.complete(book.add({}).job_id);
  await runUntil(second, () => lastViewOf('U0VIEWER').includes(':white_check_mark: 1 completed'), 'a refresh after the restart', 90_000);
  // The round that refreshed the viewer began by dropping the long-unseen one.
  expect(await second.app.store.getHomeViewer('U0LONGAGO')).toBeNull();
  expect(await second.app.store.getHomeViewer('U0VIEWER')).toMatchObject({ userId: 'U0VIEWER' });
  expect(publishesTo('U0LONGAGO')).toEqual([]);
});

test("Slack's answers about a user drop that viewer; a token error keeps everyone", async () => {
  const h = await start();
  await runFor(h, 2000);
  // Seen yesterday; their tabs show older content, least recently published first.
  for (const [i, user] of ['U0GONE', 'U0BADID', 'U0KEEP'].entries()) {
    await h.app.store.homeOpened(user, clock.now() - DAY);
    await h.app.store.homePublished(user, 'an older tab', clock.now() - 60_000 + i);
  }
  slack.faults.push(
    { method: 'views.publish', error: 'not_authed' },
    { method: 'views.publish', error: 'user_not_found' },
    // docs.slack.dev reference/methods/views.publish: a bad user_id answers invalid_arguments, "invalid `user_id`".
    { method: 'views.publish', status: 200, body: { ok: false, error: 'invalid_arguments', response_metadata: { messages: ['invalid `user_id`'] } } },
  );
  book.complete(book.add({}).job_id);
  await runUntil(h, () => slack.faults.length === 2, 'the token error', 90_000);
  expect(await h.app.store.getHomeViewer('U0GONE')).not.toBeNull();

  await runUntil(h, () => publishesTo('U0KEEP').length === 1, 'the refresh of the viewer Slack knows', 90_000);
  expect(slack.faults).toEqual([]);
  expect(await h.app.store.getHomeViewer('U0GONE')).toBeNull();
  expect(await h.app.store.getHomeViewer('U0BADID')).toBeNull();
  expect(lastViewOf('U0KEEP')).toContain(':white_check_mark: 1 completed');

  book.complete(book.add({}).job_id);
  await runUntil(h, () => publishesTo('U0KEEP').length === 2, 'the next refresh', 90_000);
  expect(slack.callsTo('views.publish').map((c) => c.args.user_id)).toEqual(['U0KEEP', 'U0KEEP']);
});
