/**
 * The store contract for scheduled digests (part of `describeStoreContract`, run on both
 * engines): one schedule per channel, replaced whole; a period's digest is queued in the same
 * transaction that moves the schedule's period forward, so it is queued once whoever tries (two
 * replicas at once, a rerun after a crash), never for a replaced or ended schedule, and never by
 * a holder whose lease was taken over.
 */
import type { DigestReport, DigestSchedule } from '../../../src/domain/digest-schedule';
import { digestDedupeKey } from '../../../src/domain/digest-schedule';
import { FencedOutError, type NewOutboxRow, type Store } from '../../../src/store/store';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const DAY = 86_400_000;

function schedule(fields: Partial<DigestSchedule> = {}): DigestSchedule {
  return { channelId: 'C1', cadence: 'daily', weekday: null, minutes: 540, timeZone: 'Europe/Paris', createdBy: 'U1', createdAt: T0, lastDueAt: null, coveredUntil: null, ...fields };
}

function report(dueAt: number): DigestReport {
  const summary = { since: T0, until: dueAt, total: 0, counts: { queued: 0, running: 0, completed: 0, failed: 0 }, completedWithErrors: 0, medianQueueWaitMs: null, medianRunTimeMs: null, failures: [] };
  return { dueAt, schedule: { cadence: 'daily', weekday: null, minutes: 540, timeZone: 'Europe/Paris' }, source: 'batch', summary, slowest: [], sampled: false, active: [], activeCount: 0 };
}

function digest(s: DigestSchedule, dueAt: number): NewOutboxRow {
  return { channelId: s.channelId, jobId: null, dedupeKey: digestDedupeKey(s, dueAt), payload: { type: 'scheduled-digest', report: report(dueAt), mention: null }, createdAt: dueAt };
}

export function describeDigestContract(store: () => Store, openMigrated: () => Promise<Store>, shared: jest.It): void {
  describe('scheduled digests', () => {
    it('keeps one schedule per channel: a new one replaces the old whole, and comes back when ended', async () => {
      expect(await store().putDigestSchedule(schedule())).toBeNull();
      expect(await store().putDigestSchedule(schedule({ channelId: 'C2', cadence: 'weekly', weekday: 1 }))).toBeNull();
      const replaced = await store().putDigestSchedule(schedule({ cadence: 'weekdays', minutes: 600, createdAt: T0 + 5 }));
      expect(replaced).toEqual(schedule());
      expect(await store().listDigestSchedules('C1')).toEqual([schedule({ cadence: 'weekdays', minutes: 600, createdAt: T0 + 5 })]);
      expect((await store().listDigestSchedules(null)).map((s) => s.channelId)).toEqual(['C1', 'C2']);
      expect(await store().removeDigestSchedule('C2')).toMatchObject({ channelId: 'C2', cadence: 'weekly', weekday: 1 });
      expect(await store().removeDigestSchedule('C2')).toBeNull();
    });

    it('queues a period once, moving the period and window forward with it; never an older or the same period again', async () => {
      const s = schedule();
      await store().putDigestSchedule(s);
      const due = T0 + DAY;
      expect(await store().queueScheduledDigest(s, due, due + 30, digest(s, due))).toBe(true);
      expect(await store().listDigestSchedules('C1')).toEqual([schedule({ lastDueAt: due, coveredUntil: due + 30 })]);
      expect(await store().queueScheduledDigest(s, due, due + 99, digest(s, due))).toBe(false);
      expect(await store().queueScheduledDigest(s, due - DAY / 2, due + 99, digest(s, due - DAY / 2))).toBe(false);
      const [row] = await store().claimOutbox(due + 60, 10, 'me', 60_000);
      expect(row).toMatchObject({ channelId: 'C1', kind: 'scheduled-digest', dedupeKey: digestDedupeKey(s, due) });
      expect(await store().claimOutbox(due + 60, 10, 'me', 60_000)).toEqual([]);
      expect(await store().listDigestSchedules('C1')).toEqual([schedule({ lastDueAt: due, coveredUntil: due + 30 })]);
    });

    it('queues nothing for a schedule that was replaced or ended meanwhile', async () => {
      const old = schedule();
      await store().putDigestSchedule(old);
      await store().putDigestSchedule(schedule({ minutes: 600, createdAt: T0 + 7 }));
      expect(await store().queueScheduledDigest(old, T0 + DAY, T0 + DAY, digest(old, T0 + DAY))).toBe(false);
      await store().removeDigestSchedule('C1');
      expect(await store().queueScheduledDigest(old, T0 + 2 * DAY, T0 + 2 * DAY, digest(old, T0 + 2 * DAY))).toBe(false);
      expect(await store().outboxStats(T0)).toMatchObject({ pending: 0 });
    });

    it('a digest is no alert: a snooze does not sum it up and a backlog is not folded into it; it is posted after', async () => {
      const s = schedule();
      await store().putDigestSchedule(s);
      const due = T0 + DAY;
      await store().snooze({ channelId: 'C1', startedAt: T0, endsAt: due + 60, createdBy: null });
      await store().queueScheduledDigest(s, due, due, digest(s, due));
      expect(await store().claimOutbox(due, 10, 'me', 60_000)).toEqual([]);
      const ended = await store().endSnooze('C1', due + 60, true, () => null);
      expect(ended?.held).toEqual([]);
      expect(await store().foldBacklogs(due + 60, 0, () => [])).toEqual([]);
      const [row] = await store().claimOutbox(due + 60, 10, 'me', 60_000);
      expect(row).toMatchObject({ kind: 'scheduled-digest', dedupeKey: digestDedupeKey(s, due) });
    });

    shared('two replicas queueing the same period at once: one digest', async () => {
      const s = schedule();
      await store().putDigestSchedule(s);
      const other = await openMigrated();
      const due = T0 + DAY;
      const results = await Promise.all([store().queueScheduledDigest(s, due, due + 1, digest(s, due)), other.queueScheduledDigest(s, due, due + 2, digest(s, due))]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect(await store().outboxStats(due)).toMatchObject({ pending: 1 });
    });

    it('a holder whose lease was taken over queues nothing and moves nothing', async () => {
      const s = schedule();
      await store().putDigestSchedule(s);
      const first = await store().acquireLease('poller', 'a', T0, 1000);
      const old = store().withFence({ current: () => ({ name: 'poller', holder: 'a', epoch: first!.epoch }) });
      await store().acquireLease('poller', 'b', T0 + 1001, 1000);
      const due = T0 + DAY;
      let refused: unknown = null;
      await old.queueScheduledDigest(s, due, due, digest(s, due)).catch((error: unknown) => (refused = error));
      expect(refused).toBeInstanceOf(FencedOutError);
      expect(await store().listDigestSchedules('C1')).toEqual([s]);
      expect(await store().outboxStats(due)).toMatchObject({ pending: 0 });
    });
  });
}
