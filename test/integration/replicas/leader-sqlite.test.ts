/**
 * The leader on SQLite and the test clock: two replicas on one database file (two connections,
 * as two processes would have), so hand-over, expiry and step-down are tested without
 * PostgreSQL. At every step at most one of them may hold the lease.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLeader, leaseTiming, type Leader } from '../../../src/leadership/leader';
import { createLogger } from '../../../src/logging/logger';
import { openSqliteStore } from '../../../src/store/sqlite-store';
import { FencedOutError, type Store } from '../../../src/store/store';
import { runFor, TestClock } from '../../support/clock';

const { ttlMs, renewEveryMs } = leaseTiming(1_000);

interface Replica {
  name: string;
  leader: Leader;
  store: Store;
  /** Work started and stopped by the leader, in order. */
  events: string[];
  /** While set, renewing fails as a statement that did not go through (not an outage). */
  renewFails: boolean;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hume-jobs-leader-'));
let replicas: Replica[] = [];
let clock: TestClock;

afterEach(async () => {
  for (const r of replicas) await r.leader.stop();
  for (const r of replicas) await r.store.close();
  replicas = [];
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function replica(file: string, name: string): Promise<Replica> {
  const store = await openSqliteStore(file);
  await store.migrate();
  const r: Replica = { name, store, events: [], renewFails: false, leader: null as unknown as Leader };
  const flaky: Store = Object.create(store) as Store;
  flaky.acquireLease = (...args) => (r.renewFails ? Promise.reject(new Error('SQLITE_BUSY: database is locked')) : store.acquireLease(...args));
  r.leader = createLeader({
    store: flaky,
    clock,
    logger: createLogger('error'),
    holder: name,
    ttlMs,
    onGain: () => void r.events.push('start'),
    onLose: () => {
      r.events.push('stop');
      return Promise.resolve();
    },
  });
  replicas.push(r);
  return r;
}

/** Lets fake time pass in renewal steps, checking at each that no two replicas lead at once. */
async function run(ms: number): Promise<void> {
  for (let passed = 0; passed < ms; passed += renewEveryMs / 4) {
    await runFor({ clock }, renewEveryMs / 4);
    const leading = replicas.filter((r) => r.leader.holds()).map((r) => r.name);
    expect(leading.length).toBeLessThanOrEqual(1);
  }
}

/** Replica a starts first and leads; b starts a renewal later. */
async function aLeadsThenB(file: string): Promise<[Replica, Replica]> {
  const a = await replica(file, 'a');
  const b = await replica(file, 'b');
  a.leader.start();
  await run(renewEveryMs);
  b.leader.start();
  return [a, b];
}

const holders = () => replicas.filter((r) => r.leader.holds()).map((r) => r.name);

describe('leader on one SQLite file', () => {
  let file: string;
  beforeEach(() => {
    clock = new TestClock();
    file = path.join(tmp, `${expect.getState().currentTestName?.replace(/\W+/g, '-')}.sqlite`);
  });

  test('the first to ask leads; the other stands by and knows who leads', async () => {
    const [a, b] = await aLeadsThenB(file);
    await run(3 * ttlMs);
    expect(holders()).toEqual(['a']);
    expect(a.events).toEqual(['start']);
    expect(b.events).toEqual([]);
    expect(b.leader.describe()).toEqual({ role: 'standby', holder: 'a' });
  });

  test('a leader that stops hands the lease over: the other leads at its next renewal, not after expiry', async () => {
    const [a] = await aLeadsThenB(file);
    await run(renewEveryMs);
    await a.leader.stop();
    expect(a.events).toEqual(['start', 'stop']);
    const stoppedAt = clock.now();
    await run(renewEveryMs);
    expect(holders()).toEqual(['b']);
    expect(clock.now() - stoppedAt).toBeLessThan(ttlMs);
  });

  test('a leader that cannot renew stops before its lease expires; the other takes it once expired', async () => {
    const [a, b] = await aLeadsThenB(file);
    await run(renewEveryMs);
    a.renewFails = true;
    const failingFrom = clock.now();
    let aLastHeld = failingFrom;
    let bLedAt: number | null = null;
    for (let passed = 0; passed < 3 * ttlMs; passed += renewEveryMs / 4) {
      await run(renewEveryMs / 4);
      if (a.leader.holds()) aLastHeld = clock.now();
      if (bLedAt === null && b.leader.holds()) bLedAt = clock.now();
    }
    expect(a.events).toEqual(['start', 'stop']);
    expect(b.events).toEqual(['start']);
    // a stops acting within its lease, before b may start; b starts within a lease and a renewal.
    expect(aLastHeld - failingFrom).toBeLessThan(ttlMs);
    expect(bLedAt).not.toBeNull();
    expect(bLedAt!).toBeGreaterThan(aLastHeld);
    expect(bLedAt! - failingFrom).toBeLessThanOrEqual(ttlMs + renewEveryMs);
    expect(a.leader.describe().role).toBe('standby');
  });

  test('a store outage steps the leader down at once; it leads again when the store is back', async () => {
    const a = await replica(file, 'a');
    a.leader.start();
    await run(renewEveryMs);
    expect(holders()).toEqual(['a']);
    a.leader.storeChanged('unavailable');
    // No more writes from the moment it is told, before its loop has even run.
    expect(a.leader.holds()).toBe(false);
    await run(renewEveryMs / 4);
    expect(a.events).toEqual(['start', 'stop']);
    a.leader.storeChanged('ok');
    await run(renewEveryMs);
    expect(holders()).toEqual(['a']);
    expect(a.events).toEqual(['start', 'stop', 'start']);
  });

  test('a leader whose lease was taken over behind its back is fenced out: its write lands nowhere and it steps down', async () => {
    const a = await replica(file, 'a');
    a.leader.start();
    await run(renewEveryMs);
    expect(holders()).toEqual(['a']);
    // As if a were frozen past its lease: another replica took the lease while a still believes it leads.
    const other = await openSqliteStore(file);
    await other.acquireLease('poller', 'b', clock.now() + 2 * ttlMs, ttlMs);
    await other.close();
    expect(a.leader.holds()).toBe(true);
    const fenced = a.store.withFence(a.leader);
    const write = fenced.commitCycle({ upsertJobs: [], alerts: [], progress: { note: 'late' } });
    await expect(write).rejects.toBeInstanceOf(FencedOutError);
    expect(await a.store.getProgress('note')).toBeNull();
    // No more writes from the refusal on, and the work is stopped at the leader's next step.
    expect(a.leader.holds()).toBe(false);
    expect(a.leader.current()).toBeNull();
    await run(renewEveryMs / 4);
    expect(a.events).toEqual(['start', 'stop']);
  });

  test('a replica that started late takes over when the leader stops for good', async () => {
    const a = await replica(file, 'a');
    a.leader.start();
    await run(renewEveryMs);
    await a.leader.stop();
    const b = await replica(file, 'b');
    b.leader.start();
    await run(renewEveryMs);
    expect(holders()).toEqual(['b']);
    expect(b.leader.describe()).toEqual({ role: 'leader', holder: 'b' });
  });
});
