/**
 * The store contract for folding a channel's backlog (part of `describeStoreContract`, run on
 * both engines): rows waiting beyond the threshold become one digest in one transaction; rows
 * in flight, or behind a begun row of the same job, are never folded; the same rows are never
 * folded twice, not even by two replicas at once.
 */
import { foldBacklog } from '../../../src/alerts/backlog-digest';
import type { AlertPayload } from '../../../src/domain/alert-payload';
import type { NewOutboxRow, OutboxRow, Store } from '../../../src/store/store';
import { makeJob } from '../../support/jobs';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const LEASE = 60_000;

function alerts(channelId: string, count: number, jobIds: string[] = []): NewOutboxRow[] {
  return Array.from({ length: count }, (_, i) => {
    const job = makeJob({ status: 'completed', ...(jobIds[i] ? { id: jobIds[i] } : {}) });
    const payload: AlertPayload = { type: 'job', change: { job, from: 'running', to: 'completed' }, mention: null };
    return { channelId, jobId: job.id, dedupeKey: `${channelId}:${i}:${job.id}`, payload, createdAt: T0 + i };
  });
}

const fold = (channelId: string, rows: OutboxRow[]) => foldBacklog(channelId, rows, T0 + 100);

export function describeBacklogFoldContract(store: () => Store, openMigrated: () => Promise<Store>, shared: jest.It): void {
  describe('backlog folds', () => {
    it('folds a channel with more rows waiting than the threshold into one digest; the others are left as they are', async () => {
      await store().commitCycle({ upsertJobs: [], alerts: [...alerts('C1', 7), ...alerts('C2', 5)], progress: {} });
      const folded = await store().foldBacklogs(T0 + 100, 5, fold);
      expect(folded.map((f) => [f.channelId, f.rows.length])).toEqual([['C1', 7]]);
      expect(folded[0]!.rows.map((r) => r.dedupeKey.split(':').slice(0, 2).join(':'))).toEqual(['C1:0', 'C1:1', 'C1:2', 'C1:3', 'C1:4', 'C1:5', 'C1:6']);
      const claimed = await store().claimOutbox(T0 + 100, 20, 'd1', LEASE);
      const digest = claimed.find((r) => r.channelId === 'C1');
      expect(claimed.filter((r) => r.channelId === 'C1')).toHaveLength(1);
      expect(digest).toMatchObject({ kind: 'digest', jobId: null, dedupeKey: folded[0]!.digests[0]!.dedupeKey });
      expect(digest!.payload.type === 'digest' && digest!.payload.changes).toHaveLength(7);
      expect(claimed.filter((r) => r.channelId === 'C2')).toHaveLength(5);
      // Done, not pending: only what was claimed is left.
      expect(await store().outboxStats(T0 + 100)).toMatchObject({ pending: 6, dead: 0 });
    });

    it('folds the same rows once: folding again takes only the digest, never a job row twice', async () => {
      await store().commitCycle({ upsertJobs: [], alerts: alerts('C1', 8), progress: {} });
      expect(await store().foldBacklogs(T0 + 100, 5, fold)).toHaveLength(1);
      expect(await store().foldBacklogs(T0 + 100, 0, fold)).toEqual([
        expect.objectContaining({ channelId: 'C1', rows: [expect.objectContaining({ kind: 'digest' })] }),
      ]);
      // The digest itself can be folded into a later one, but no job row comes back.
      expect(await store().foldBacklogs(T0 + 100, 0, fold)).toEqual([expect.objectContaining({ rows: [expect.objectContaining({ kind: 'digest' })] })]);
    });

    it('never folds a channel with rows in flight, nor rows behind a begun row of the same job', async () => {
      await store().commitCycle({ upsertJobs: [], alerts: alerts('C1', 8, ['job-a', 'job-b']), progress: {} });
      const [first] = await store().claimOutbox(T0 + 100, 1, 'd1', LEASE);
      expect(await store().foldBacklogs(T0 + 100, 5, fold)).toEqual([]);
      // The deliverer began the row and died: its claim ran out, its step stays; it finishes as it began.
      await store().recordPosted(first!.id, 'main:intent', String(T0 + 100));
      const later = T0 + 100 + LEASE + 1;
      await store().commitCycle({ upsertJobs: [], alerts: alerts('C1', 1, ['job-a']).map((a) => ({ ...a, dedupeKey: 'again-a' })), progress: {} });
      const [folded] = await store().foldBacklogs(later, 5, (c, rows) => foldBacklog(c, rows, later));
      expect(folded!.rows.map((r) => r.jobId)).not.toContain('job-a');
      expect(folded!.rows).toHaveLength(7);
      const claimed = await store().claimOutbox(later, 10, 'd2', LEASE, { perChannel: 10 });
      expect(claimed.map((r) => r.id)).toEqual([first!.id, expect.any(Number)]);
      expect(claimed[1]!.kind).toBe('digest');
    });

    it("leaves the thread lines of an overdue digest's jobs to be posted", async () => {
      const job = makeJob({ status: 'queued' });
      const lines: NewOutboxRow[] = Array.from({ length: 12 }, (_, i) => ({
        channelId: 'C1',
        jobId: `${job.id}-${i}`,
        dedupeKey: `overdue:${i}`,
        payload: { type: 'overdue', job: { ...job, id: `${job.id}-${i}` }, ageMs: 1, typicalMs: null, mention: null, threadOnly: true },
        createdAt: T0,
      }));
      await store().commitCycle({ upsertJobs: [], alerts: [...lines, ...alerts('C1', 3)], progress: {} });
      const folded = await store().foldBacklogs(T0 + 100, 2, fold);
      expect(folded.map((f) => f.rows.map((r) => r.kind))).toEqual([['job', 'job', 'job']]);
      expect((await store().claimOutbox(T0 + 100, 50, 'd1', LEASE, { perChannel: 50 })).filter((r) => r.kind === 'overdue')).toHaveLength(12);
    });

    it('leaves a snooze summary to be said as itself', async () => {
      const summary: NewOutboxRow = {
        channelId: 'C1',
        jobId: null,
        dedupeKey: 'snooze:C1:1:2',
        payload: { type: 'digest', changes: [], catchUp: false, mention: null, snooze: { startedAt: T0 - 10, endedAt: T0, endedBy: null } },
        createdAt: T0,
      };
      await store().commitCycle({ upsertJobs: [], alerts: [summary, ...alerts('C1', 6)], progress: {} });
      const [folded] = await store().foldBacklogs(T0 + 100, 5, fold);
      expect(folded!.rows.map((r) => r.dedupeKey)).not.toContain('snooze:C1:1:2');
      expect(folded!.rows).toHaveLength(6);
    });

    it('leaves snoozed channels and channels with a problem alone', async () => {
      await store().commitCycle({ upsertJobs: [], alerts: [...alerts('C1', 7), ...alerts('C2', 7)], progress: {} });
      await store().snooze({ channelId: 'C1', startedAt: T0, endsAt: T0 + 10_000, createdBy: null });
      await store().setChannelProblem('C2', { error: 'not_in_channel', at: T0 });
      expect(await store().foldBacklogs(T0 + 100, 5, fold)).toEqual([]);
    });

    shared('two replicas folding at once fold each row once, into one digest', async () => {
      const other = await openMigrated();
      await store().commitCycle({ upsertJobs: [], alerts: alerts('C1', 30), progress: {} });
      const [a, b] = await Promise.all([store().foldBacklogs(T0 + 100, 5, fold), other.foldBacklogs(T0 + 100, 5, fold)]);
      const rows = [...a, ...b].flatMap((f) => f.rows.map((r) => r.id));
      expect(rows).toHaveLength(30);
      expect(new Set(rows).size).toBe(30);
      const claimed = await store().claimOutbox(T0 + 100, 50, 'd1', LEASE);
      expect(claimed.every((r) => r.kind === 'digest')).toBe(true);
      expect(claimed.flatMap((r) => (r.payload.type === 'digest' ? r.payload.changes : []))).toHaveLength(30);
    });
  });
}
