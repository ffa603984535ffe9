/**
 * Board and snooze with two replicas on one PostgreSQL database (both in this process, on one
 * fake clock, moved in short steps: the lease is renewed over real PostgreSQL round trips, and a
 * long jump of fake time would let it lapse between them): the standby answers `board` and `snooze`, the active copy keeps the board and
 * holds the alerts, and when it stops the other copy carries on: the board keeps its pace and
 * the snooze ends in exactly one summary.
 */
import { createJobBook, type JobBook } from '../../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../../src/simulator/server';
import { startSlackStandIn, type SlackStandIn } from '../../../src/simulator/slack-server';
import { runFor, runUntil, startAppHarness, type AppHarness } from '../../support/app-harness';
import { TEST_API_KEY, TestClock } from '../../support/hume';
import { createSchema, describeWithPostgres } from '../../support/postgres';

const HERE = 'C0LIST';

describeWithPostgres('board and snooze across replicas', () => {
  let clock: TestClock;
  let book: JobBook;
  let hume: HumeSimulator;
  let slack: SlackStandIn;
  let db: { url: string; drop: () => Promise<void> };
  const apps: AppHarness[] = [];

  beforeEach(async () => {
    clock = new TestClock();
    book = createJobBook({ clock, seed: 13 });
    hume = await startHumeSimulator({ book, apiKey: TEST_API_KEY });
    slack = await startSlackStandIn({ now: () => clock.now() });
    db = await createSchema();
  });

  afterEach(async () => {
    for (const app of apps.splice(0)) await app.close();
    await hume.close();
    await slack.close();
    await db.drop();
  });

  async function replica(): Promise<AppHarness> {
    const app = await startAppHarness({ clock, book, hume, slack, env: { DATABASE_URL: db.url, POLL_INTERVAL: '1s' } });
    apps.push(app);
    return app;
  }

  async function reply(app: AppHarness, text: string): Promise<string> {
    const { responseUrl } = await app.command(text);
    return JSON.stringify((await app.responseTo(responseUrl)).body.blocks);
  }

  test('the standby answers, the active copy keeps the board and holds alerts, and the other carries on after it stops', async () => {
    const first = await replica();
    await runFor(first, 2000);
    const second = await replica();
    await runFor(first, 2000);
    const [active, standby] = first.app.leader?.holds() ? [first, second] : [second, first];
    expect(active.app.leader?.holds()).toBe(true);
    expect(standby.app.leader?.holds()).toBe(false);

    await reply(standby, 'subscribe failed');
    expect(await reply(standby, 'board')).toContain('Board posted');
    const board = slack.messages.find((m) => m.text.startsWith('Hume jobs: live board'))!;
    expect(await reply(standby, 'snooze 3m')).toContain('snoozed alerts here');

    const failing = Array.from({ length: 3 }, () => book.add({}).job_id);
    await runFor(active, 2000);
    failing.forEach((id) => book.fail(id, 'Media too long'));
    await runFor(active, 40_000);
    expect(slack.messages.filter((m) => m.channel === HERE)).toEqual([board]);
    const editsBefore = slack.callsTo('chat.update').filter((c) => c.args.ts === board.ts);
    expect(editsBefore.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(board.blocks)).toContain(':x: 3 failed');

    // The active copy stops (hands its lease over); the other takes the work.
    await active.close();
    apps.splice(apps.indexOf(active), 1);
    await runFor(standby, 3000);
    expect(standby.app.leader?.holds()).toBe(true);
    book.complete(book.add({}).job_id);
    const boardEdits = () => slack.callsTo('chat.update').filter((c) => c.args.ts === board.ts);
    await runUntil(standby, () => boardEdits().length > editsBefore.length, 'an edit by the new active copy', 60_000);
    const edits = boardEdits();
    expect(JSON.stringify(board.blocks)).toContain(':white_check_mark: 1 completed');
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(30_000);

    // The snooze ends on the copy that is active by then: one summary, nothing else.
    const here = () => slack.messages.filter((m) => m.channel === HERE);
    await runUntil(standby, () => here().length === 2, 'the snooze summary', 240_000);
    await runFor(standby, 10_000);
    const posted = slack.messages.filter((m) => m.channel === HERE);
    expect(posted).toHaveLength(2);
    expect(posted[1]!.text).toMatch(/^While alerts were snoozed: 3 job updates — 3 failed/);
  });
});
