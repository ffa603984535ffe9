/**
 * The store contract for outbox payloads (part of `describeStoreContract`, run on both engines):
 * a payload is checked when read, a row whose payload does not fit is given up with the reason
 * (never handed to delivery, never retried), and a row's kind comes from its payload.
 */
import type { AlertPayload } from '../../../src/domain/alert-payload';
import type { NewOutboxRow, Store } from '../../../src/store/store';
import { makeJob } from '../../support/jobs';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const LEASE = 60_000;

function row(key: string, payload: AlertPayload, channelId = 'C1'): NewOutboxRow {
  return { channelId, jobId: null, dedupeKey: key, payload, createdAt: T0 };
}

export function describeOutboxPayloadContract(store: () => Store): void {
  describe('outbox payloads', () => {
    const job = makeJob({ status: 'running' });
    const good: AlertPayload = { type: 'job', change: { job, from: 'queued', to: 'running' }, mention: null };

    it('gives up a row whose payload does not fit, with the reason; the others are delivered', async () => {
      // What a damaged write or a newer version's payload looks like to this version.
      const broken = { type: 'job', change: { job: { id: 42 } }, mention: null } as unknown as AlertPayload;
      const unknown = { type: 'telepathy', mention: null } as unknown as AlertPayload;
      await store().commitCycle({ upsertJobs: [], alerts: [row('good', good), row('broken', broken, 'C2'), row('unknown', unknown, 'C2')], progress: {} });
      const claimed = await store().claimOutbox(T0, 10, 'd1', LEASE);
      expect(claimed.map((r) => r.dedupeKey)).toEqual(['good']);
      expect(await store().outboxStats(T0)).toEqual({ pending: 1, oldestCreatedAt: T0, held: 0, dead: 2 });
      const [given] = await store().givenUpAlerts('C2');
      expect(given).toMatchObject({ channelId: 'C2', count: 1 });
      expect(given!.reason).toMatch(/^unreadable payload/);
      // Not retried: once the good row's lease ends, only it comes back.
      expect((await store().claimOutbox(T0 + LEASE + 1, 10, 'd2', LEASE)).map((r) => r.dedupeKey)).toEqual(['good']);
    });

    it('a snooze that held an unreadable row gives it up and sums up the rest', async () => {
      const broken = { type: 'overdue', job, ageMs: 'long' } as unknown as AlertPayload;
      await store().snooze({ channelId: 'C1', startedAt: T0, endsAt: T0 + 100, createdBy: null });
      await store().commitCycle({ upsertJobs: [], alerts: [row('good', good), row('broken', broken)], progress: {} });
      const ended = await store().endSnooze('C1', T0 + 100, true, () => null);
      expect(ended?.held.map((r) => r.dedupeKey)).toEqual(['good']);
      expect(await store().outboxStats(T0 + 100)).toMatchObject({ pending: 0, dead: 1 });
      expect((await store().givenUpAlerts('C1'))[0]?.reason).toMatch(/^unreadable payload at ageMs/);
    });

    it('derives the kind from the payload: overdue alerts and snooze summaries are their own kinds', async () => {
      const overdue: AlertPayload = { type: 'overdue', job, ageMs: 3_600_000, typicalMs: null, mention: null };
      const flood: AlertPayload = { type: 'digest', changes: [], catchUp: false, mention: null, overdue: [{ job, ageMs: 1 }], overdueRule: { typicalMs: null, limitMs: 1 } };
      const summary: AlertPayload = { type: 'digest', changes: [], catchUp: false, mention: null, snooze: { startedAt: T0, endedAt: T0 + 1, endedBy: null } };
      const digest: AlertPayload = { type: 'digest', changes: [], catchUp: false, mention: null };
      const catchUp: AlertPayload = { ...digest, catchUp: true };
      const rows = [row('a', good), row('b', overdue, 'C2'), row('c', flood, 'C3'), row('d', summary, 'C4'), row('e', digest, 'C5'), row('f', catchUp, 'C6')];
      await store().commitCycle({ upsertJobs: [], alerts: rows, progress: {} });
      const claimed = await store().claimOutbox(T0, 10, 'd1', LEASE);
      expect(claimed.map((r) => [r.dedupeKey, r.kind])).toEqual([
        ['a', 'job'],
        ['b', 'overdue'],
        ['c', 'overdue'],
        ['d', 'snooze-summary'],
        ['e', 'digest'],
        ['f', 'catchup'],
      ]);
    });
  });
}
