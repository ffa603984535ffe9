/**
 * A scheduled digest with two replicas on one PostgreSQL database (both in this process, on one
 * fake clock): the standby sets it, exactly one digest is posted when it is due, and after the
 * active copy stops, the other carries on without repeating that period and posts the next one.
 */
import { runFor, runUntil, type AppHarness } from '../../support/app-harness';
import { describeWithPostgres } from '../../support/postgres';
import { replicaWorld } from '../../support/replica-world';

const HERE = 'C0LIST';
const MINUTE = 60_000;

describeWithPostgres('scheduled digests across replicas', () => {
  const world = replicaWorld({ seed: 17, pollInterval: '1s' });

  async function reply(app: AppHarness, text: string): Promise<string> {
    const { responseUrl } = await app.command(text);
    return JSON.stringify((await app.responseTo(responseUrl)).body.blocks);
  }

  const digests = () => world.slack.messages.filter((m) => m.channel === HERE && m.text.startsWith('Daily digest'));

  test('two replicas post one digest per period, also across a hand-over', async () => {
    const first = await world.replica();
    await runFor(first, 2000);
    const second = await world.replica();
    await runFor(first, 2000);
    const [active, standby] = first.app.leader?.holds() ? [first, second] : [second, first];
    expect(standby.app.leader?.holds()).toBe(false);

    // The clock starts at 12:00 UTC, and this workspace's people are on UTC.
    expect(await reply(standby, 'digest daily 12:02')).toContain('every day at 12:02 (Etc/UTC)');
    world.book.fail(world.book.add({}).job_id, 'Media too long');
    await runUntil(active, () => digests().length === 1, 'the digest', 5 * MINUTE);
    await runFor(active, 3 * MINUTE);
    expect(digests()).toHaveLength(1);
    expect(digests()[0]!.text).toBe('Daily digest: 1 job — 1 failed; 0 jobs queued or running');

    // The active copy hands over; the other carries on, without repeating today's.
    await world.stop(active);
    await runFor(standby, 5000);
    expect(standby.app.leader?.holds()).toBe(true);
    await runFor(standby, 5 * MINUTE);
    expect(digests()).toHaveLength(1);

    // Tomorrow's comes from the copy still running: one, again.
    world.clock.finishAt(Date.UTC(2026, 10, 29, 12, 1));
    await runUntil(standby, () => digests().length === 2, "tomorrow's digest", 5 * MINUTE);
    await runFor(standby, 3 * MINUTE);
    expect(digests()).toHaveLength(2);
  });
});
