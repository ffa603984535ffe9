/**
 * The store contract for the alert buttons (part of `describeStoreContract`, run on both
 * engines): one claim per job and channel, however many press at once; the edit lock is held by
 * one holder until it lets go or runs out; a muted cause's rows are neither claimed nor folded
 * into a backlog digest while other rows go on; a mute ends once, with what it held, even with two
 * replicas ending it at once.
 */
import { foldBacklog } from '../../../src/alerts/backlog-digest';
import { alertCause, jobFailureCause } from '../../../src/alerts/alert-cause';
import { summarizeMute } from '../../../src/alerts/mute-digest';
import type { AlertPayload } from '../../../src/domain/alert-payload';
import type { Mute, NewOutboxRow, Store } from '../../../src/store/store';
import { makeJob } from '../../support/jobs';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const LEASE = 60_000;

function failure(channelId: string, message: string, key: string): NewOutboxRow {
  const job = makeJob({ status: 'failed', rawStatus: 'FAILED', errorMessage: message });
  const payload: AlertPayload = { type: 'job', change: { job, from: 'running', to: 'failed' }, mention: null };
  return { channelId, jobId: job.id, dedupeKey: key, payload, createdAt: T0 };
}

function muteOf(row: NewOutboxRow, by = 'U1'): Mute {
  return { channelId: row.channelId, cause: alertCause(row.payload)!, example: 'x', createdBy: by, startedAt: T0, endsAt: T0 + 4 * 3600_000 };
}

export function describeAlertActionsContract(store: () => Store, openMigrated: () => Promise<Store>, shared: jest.It): void {
  describe('alert buttons', () => {
    shared('keeps one claim per job and channel when two replicas take it at once', async () => {
      const other = await openMigrated();
      const [a, b] = await Promise.all([
        store().claimAlert({ channelId: 'C1', jobId: 'j1', userId: 'UA', at: T0 }),
        other.claimAlert({ channelId: 'C1', jobId: 'j1', userId: 'UB', at: T0 + 1 }),
      ]);
      expect([a.taken, b.taken].sort()).toEqual([false, true]);
      const winner = a.taken ? 'UA' : 'UB';
      expect(a.claim.userId).toBe(winner);
      expect(b.claim.userId).toBe(winner);
      expect((await store().alertActionState('C1', 'j1', null)).claim?.userId).toBe(winner);
      // Another channel's alert of the same job is its own.
      expect((await store().claimAlert({ channelId: 'C2', jobId: 'j1', userId: 'UB', at: T0 })).taken).toBe(true);
    });

    it('lends the edit lock to one holder until it lets go or its time runs out', async () => {
      expect(await store().lockAlertMessage('C1', 'j1', 'a', T0, 1000)).toBe(true);
      expect(await store().lockAlertMessage('C1', 'j1', 'b', T0 + 10, 1000)).toBe(false);
      expect(await store().lockAlertMessage('C1', 'j1', 'a', T0 + 10, 1000)).toBe(true);
      expect(await store().lockAlertMessage('C1', 'j2', 'b', T0 + 10, 1000)).toBe(true);
      await store().unlockAlertMessage('C1', 'j1', 'b'); // not b's: nothing happens
      expect(await store().lockAlertMessage('C1', 'j1', 'b', T0 + 20, 1000)).toBe(false);
      expect(await store().lockAlertMessage('C1', 'j1', 'b', T0 + 1011, 1000)).toBe(true);
      await store().unlockAlertMessage('C1', 'j1', 'b');
      expect(await store().lockAlertMessage('C1', 'j1', 'a', T0 + 1012, 1000)).toBe(true);
    });

    it("holds a muted cause's rows (not claimed, not folded, counted as held) while the rest go on", async () => {
      const muted = ['41', '42', '43'].map((n, i) => failure('C1', `Failed to download media from URL ${n}`, `m${i}`));
      const others = Array.from({ length: 4 }, (_, i) => failure('C1', `Transcription failed`, `o${i}`));
      const elsewhere = failure('C2', 'Failed to download media from URL 44', 'e0');
      expect(alertCause(muted[0]!.payload)).toBe(jobFailureCause(makeJob({ status: 'failed', errorMessage: 'Failed to download media from URL 7' })));
      const mute = await store().muteCause(muteOf(muted[0]!));
      expect(mute.created).toBe(true);
      expect((await store().muteCause(muteOf(muted[0]!, 'U2'))).mute.createdBy).toBe('U1');
      await store().commitCycle({ upsertJobs: [], alerts: [...muted, ...others, elsewhere], progress: {} });

      expect(await store().outboxStats(T0)).toMatchObject({ pending: 5, held: 3 });
      // Folding a backlog above 3 takes the other cause's 4 rows only.
      const folded = await store().foldBacklogs(T0, 3, (c, rows) => foldBacklog(c, rows, T0));
      expect(folded.map((f) => [f.channelId, f.rows.map((r) => r.dedupeKey)])).toEqual([['C1', ['o0', 'o1', 'o2', 'o3']]]);
      const claimed = await store().claimOutbox(T0, 20, 'd1', LEASE);
      expect(claimed.map((r) => r.dedupeKey).sort()).toEqual([folded[0]!.digests[0]!.dedupeKey, 'e0'].sort());
    });

    shared('ends a mute once, with what it held, when two replicas end it at once', async () => {
      const other = await openMigrated();
      const held = [failure('C1', 'Out of memory at step 3', 'h0'), failure('C1', 'Out of memory at step 9', 'h1')];
      await store().muteCause(muteOf(held[0]!));
      await store().commitCycle({ upsertJobs: [], alerts: held, progress: {} });
      const due = T0 + 4 * 3600_000;
      expect(await store().dueMutes(due - 1)).toEqual([]);
      expect(await store().dueMutes(due)).toHaveLength(1);
      const end = (s: Store) => s.endMute('C1', alertCause(held[0]!.payload)!, due, true, (m, rows) => summarizeMute(m, rows, due, null));
      const results = await Promise.all([end(store()), end(other)]);
      const ended = results.filter((r) => r !== null);
      expect(ended).toHaveLength(1);
      expect(ended[0]!.held.map((r) => r.dedupeKey)).toEqual(['h0', 'h1']);
      const claimed = await store().claimOutbox(due, 20, 'd1', LEASE);
      expect(claimed.map((r) => r.kind)).toEqual(['mute-summary']);
      expect(await store().listMutes(null)).toEqual([]);
    });
  });
}
