/**
 * App Home with two replicas on one PostgreSQL database (both in this process, on one fake
 * clock moved in short steps, as in channel-features-replicas.test.ts; a 5 s poll interval gives
 * the lease 7.5 s, so slow PostgreSQL round trips on a busy machine do not make it change hands): a viewer who opened the
 * tab on the standby is refreshed by the active replica after a change, and after the active one
 * stops the other carries on, for viewers either replica recorded; 300 viewers are refreshed at
 * the refresher's pace, below views.publish's Tier 4 (100+ a minute), sitting out a Retry-After.
 */
import { busiestMinute } from '../../../bench/home-refresh';
import { runFor, runUntil, type AppHarness } from '../../support/app-harness';
import { openAppHome } from '../../support/app-home';
import { describeWithPostgres } from '../../support/postgres';
import { replicaWorld } from '../../support/replica-world';

describeWithPostgres('App Home across replicas', () => {
  const world = replicaWorld({ seed: 17, pollInterval: '5s' });

  async function twoReplicas(): Promise<{ active: AppHarness; standby: AppHarness }> {
    const first = await world.replica();
    await runUntil(first, () => first.app.leader?.holds() === true, 'the first replica active', 10_000);
    const second = await world.replica();
    await runFor(first, 6000);
    expect(first.app.leader?.holds()).toBe(true);
    expect(second.app.leader?.holds()).toBe(false);
    return { active: first, standby: second };
  }

  const publishesTo = (user: string) => world.slack.callsTo('views.publish').filter((c) => c.args.user_id === user);
  const lastViewOf = (user: string) => JSON.stringify(publishesTo(user).at(-1)?.args.view ?? null);

  test('a tab opened on the standby is refreshed by the active replica, and by the other after it stops', async () => {
    const { active, standby } = await twoReplicas();
    expect(await openAppHome(standby.port, 'U0STANDBY')).toBe(200);
    await runUntil(standby, () => publishesTo('U0STANDBY').length === 1, 'the tab opened on the standby', 5000);
    expect(lastViewOf('U0STANDBY')).toContain('0 jobs');

    world.book.complete(world.book.add({}).job_id);
    await runUntil(active, () => lastViewOf('U0STANDBY').includes(':white_check_mark: 1 completed'), 'a refresh by the active replica', 90_000);
    const [opened, refreshed] = publishesTo('U0STANDBY');
    expect(refreshed!.at - opened!.at).toBeGreaterThanOrEqual(30_000);

    // A viewer the active replica recorded, before it stops: the other must know them from the store.
    expect(await openAppHome(active.port, 'U0ACTIVE')).toBe(200);
    await runUntil(active, () => publishesTo('U0ACTIVE').length === 1, 'the tab opened on the active replica', 5000);
    await world.stop(active);
    await runUntil(standby, () => standby.app.leader?.holds() === true, 'the takeover', 10_000);

    world.book.complete(world.book.add({}).job_id);
    for (const user of ['U0STANDBY', 'U0ACTIVE']) {
      await runUntil(standby, () => lastViewOf(user).includes(':white_check_mark: 2 completed'), `${user} refreshed after the takeover`, 90_000);
    }
    for (const user of ['U0STANDBY', 'U0ACTIVE']) {
      const times = publishesTo(user).map((c) => c.at);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(30_000);
    }
  });

  test('300 viewers are refreshed at a pace within Tier 4, and a Retry-After is sat out', async () => {
    const { active } = await twoReplicas();
    const users = Array.from({ length: 300 }, (_, i) => `U${String(i).padStart(4, '0')}`);
    // Viewers who opened the tab over the last days, on any replica, and saw an older tab.
    for (const user of users) {
      await active.app.store.homeOpened(user, world.clock.now() - 86_400_000);
      await active.app.store.homePublished(user, 'an older tab', world.clock.now() - 60_000);
    }
    // Slack says "wait 5 s" once, at the 50th publish.
    let limitedAt: number | null = null;
    world.slack.onEvent = (event) => {
      if (event.call?.method === 'views.publish' && world.slack.callsTo('views.publish').length === 50) {
        limitedAt = world.clock.now();
        world.slack.faults.push({ method: 'views.publish', status: 429, headers: { 'retry-after': '5' }, body: { ok: false, error: 'ratelimited' } });
      }
    };

    world.book.complete(world.book.add({}).job_id);
    const refreshed = () => users.every((u) => lastViewOf(u).includes(':white_check_mark: 1 completed'));
    await runUntil(active, refreshed, 'every viewer refreshed', 400_000);

    const calls = world.slack.callsTo('views.publish');
    expect(calls).toHaveLength(300);
    expect(new Set(calls.map((c) => c.args.user_id)).size).toBe(300);
    const minutes = (calls.at(-1)!.at - calls[0]!.at) / 60_000;
    const perMinute = busiestMinute(calls);
    process.stdout.write(`App Home: 300 viewers refreshed in ${(minutes * 60).toFixed(0)} s of fake time, busiest minute ${perMinute} calls\n`);
    expect(perMinute).toBeLessThanOrEqual(90);
    expect(perMinute).toBeGreaterThanOrEqual(80);
    expect(limitedAt).not.toBeNull();
    expect(calls[50]!.at - limitedAt!).toBeGreaterThanOrEqual(5000);

    // Nothing changed since: nobody is published again.
    await runFor(active, 90_000);
    expect(world.slack.callsTo('views.publish')).toHaveLength(300);
  });
});
