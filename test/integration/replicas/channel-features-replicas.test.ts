/**
 * Board and snooze with two replicas on one PostgreSQL database (both in this process, on one
 * fake clock, moved in short steps: the lease is renewed over real PostgreSQL round trips, and a
 * long jump of fake time would let it lapse between them): the standby answers `board` and `snooze`, the active copy keeps the board and
 * holds the alerts, and when it stops the other copy carries on: the board keeps its pace and
 * the snooze ends in exactly one summary.
 */
import { runFor, runUntil, type AppHarness } from '../../support/app-harness';
import { describeWithPostgres } from '../../support/postgres';
import { replicaWorld } from '../../support/replica-world';

const HERE = 'C0LIST';

describeWithPostgres('board and snooze across replicas', () => {
  const world = replicaWorld({ seed: 13, pollInterval: '1s' });

  async function reply(app: AppHarness, text: string): Promise<string> {
    const { responseUrl } = await app.command(text);
    return JSON.stringify((await app.responseTo(responseUrl)).body.blocks);
  }

  test('the standby answers, the active copy keeps the board and holds alerts, and the other carries on after it stops', async () => {
    const first = await world.replica();
    await runFor(first, 2000);
    const second = await world.replica();
    await runFor(first, 2000);
    const [active, standby] = first.app.leader?.holds() ? [first, second] : [second, first];
    expect(active.app.leader?.holds()).toBe(true);
    expect(standby.app.leader?.holds()).toBe(false);

    await reply(standby, 'subscribe failed');
    expect(await reply(standby, 'board')).toContain('Board posted');
    const board = world.slack.messages.find((m) => m.text.startsWith('Hume jobs: live board'))!;
    expect(await reply(standby, 'snooze 3m')).toContain('snoozed alerts here');

    const failing = Array.from({ length: 3 }, () => world.book.add({}).job_id);
    await runFor(active, 2000);
    failing.forEach((id) => world.book.fail(id, 'Media too long'));
    await runFor(active, 40_000);
    expect(world.slack.messages.filter((m) => m.channel === HERE)).toEqual([board]);
    const editsBefore = world.slack.callsTo('chat.update').filter((c) => c.args.ts === board.ts);
    expect(editsBefore.length).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(board.blocks)).toContain(':x: 3 failed');

    // The active copy stops (hands its lease over); the other takes the work.
    await world.stop(active);
    await runFor(standby, 3000);
    expect(standby.app.leader?.holds()).toBe(true);
    world.book.complete(world.book.add({}).job_id);
    const boardEdits = () => world.slack.callsTo('chat.update').filter((c) => c.args.ts === board.ts);
    await runUntil(standby, () => boardEdits().length > editsBefore.length, 'an edit by the new active copy', 60_000);
    const edits = boardEdits();
    expect(JSON.stringify(board.blocks)).toContain(':white_check_mark: 1 completed');
    for (let i = 1; i < edits.length; i++) expect(edits[i]!.at - edits[i - 1]!.at).toBeGreaterThanOrEqual(30_000);

    // The snooze ends on the copy that is active by then: one summary, nothing else.
    const here = () => world.slack.messages.filter((m) => m.channel === HERE);
    await runUntil(standby, () => here().length === 2, 'the snooze summary', 240_000);
    await runFor(standby, 10_000);
    const posted = world.slack.messages.filter((m) => m.channel === HERE);
    expect(posted).toHaveLength(2);
    expect(posted[1]!.text).toMatch(/^While alerts were snoozed: 3 job updates — 3 failed/);
  });
});
