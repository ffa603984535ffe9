/**
 * The store contract for fencing (part of `describeStoreContract`, run on both engines): a store
 * fenced by a lease term writes only while the lease row still names that holder and term, checked
 * in the write's own transaction; a holder whose lease was taken over writes nothing, and the
 * high-water mark never moves back whoever commits.
 */
import type { AlertPayload } from '../../../src/domain/alert-payload';
import { makeJob } from '../../support/jobs';
import { FencedOutError, type Fence, type FenceSource, type NewOutboxRow, type Store } from '../../../src/store/store';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const TTL = 1000;
const CLAIM = 60_000;

function payload(key: string): AlertPayload {
  const job = makeJob({ id: `job-${key}`, createdAt: T0, startedAt: T0, endedAt: T0 });
  return { type: 'job', change: { job, from: 'running', to: 'completed' }, mention: null };
}

const alert = (key: string, channelId = 'C1'): NewOutboxRow => ({ channelId, jobId: `job-${key}`, dedupeKey: key, payload: payload(key), createdAt: T0 });

/** A fence source that always offers one term, and records each refusal it is told of. */
function termOf(fence: Fence | null): FenceSource & { refusals: FencedOutError[] } {
  const refusals: FencedOutError[] = [];
  return { refusals, current: () => fence, fencedOut: (error) => refusals.push(error) };
}

/** Awaits a write and returns what it was refused with (or null when it went through). */
async function refusal(write: Promise<unknown>): Promise<unknown> {
  try {
    await write;
    return null;
  } catch (error) {
    return error;
  }
}

export function describeFencingContract(store: () => Store): void {
  describe('fencing', () => {
    async function takenOver(): Promise<{ old: Store; source: ReturnType<typeof termOf>; fresh: Store }> {
      const first = await store().acquireLease('poller', 'a', T0, TTL);
      const source = termOf({ name: 'poller', holder: 'a', epoch: first!.epoch });
      const old = store().withFence(source);
      // 'a' stalls past its lease; 'b' takes it over.
      const second = await store().acquireLease('poller', 'b', T0 + TTL + 1, TTL);
      expect(second).toMatchObject({ holder: 'b', epoch: first!.epoch + 1 });
      const fresh = store().withFence(termOf({ name: 'poller', holder: 'b', epoch: second!.epoch }));
      return { old, source, fresh };
    }

    it('writes while the term holds: a cycle, a claim, a completion', async () => {
      const lease = await store().acquireLease('poller', 'a', T0, TTL);
      const fenced = store().withFence(termOf({ name: 'poller', holder: 'a', epoch: lease!.epoch }));
      await fenced.commitCycle({ upsertJobs: [], alerts: [alert('k1')], progress: {}, marks: { hwm: { value: T0, ceiling: T0 + 60_000 } } });
      const [row] = await fenced.claimOutbox(T0, 10, 'a', CLAIM);
      await fenced.completeOutbox(row!.id, { channelId: 'C1', jobId: 'job-k1', ts: '1.1' }, T0);
      expect(await store().outboxStats(T0)).toMatchObject({ pending: 0 });
      expect(await store().messageRef('C1', 'job-k1')).toBe('1.1');
    });

    it('a holder whose lease was taken over cannot commit a cycle, claim, complete, retry, fail or record a post, and writes nothing', async () => {
      await store().commitCycle({ upsertJobs: [], alerts: [alert('k1'), alert('k2', 'C2')], progress: {}, marks: { hwm: { value: T0, ceiling: T0 + 60_000 } } });
      const first = await store().acquireLease('poller', 'a', T0, TTL);
      const source = termOf({ name: 'poller', holder: 'a', epoch: first!.epoch });
      const old = store().withFence(source);
      const [claimed] = await old.claimOutbox(T0, 1, 'a', CLAIM);
      await store().acquireLease('poller', 'b', T0 + TTL + 1, TTL);

      const writes = [
        old.commitCycle({ upsertJobs: [], alerts: [alert('k3')], progress: { note: 'late' }, marks: { hwm: { value: T0 + 5, ceiling: T0 + 60_000 } } }),
        old.claimOutbox(T0 + CLAIM, 10, 'a', CLAIM),
        old.recordPosted(claimed!.id, 'main', '9.9'),
        old.completeOutbox(claimed!.id, { channelId: 'C1', jobId: 'job-k1', ts: '9.9' }, T0 + 2),
        old.retryOutbox(claimed!.id, T0 + 3, 'ratelimited'),
        old.failOutbox(claimed!.id, 'invalid_blocks', T0 + 4),
      ];
      for (const write of writes) expect(await refusal(write)).toBeInstanceOf(FencedOutError);
      expect(source.refusals).toHaveLength(writes.length);

      // Nothing of it landed: no new row, the mark and progress as they were, the claimed row
      // untouched (it comes back once its claim ends), the other row never claimed (a claim counts an attempt).
      expect(await store().existingAlertKeys(['k3'])).toEqual(new Set());
      expect(await store().getProgress('hwm')).toBe(String(T0));
      expect(await store().getProgress('note')).toBeNull();
      expect(await store().messageRef('C1', 'job-k1')).toBeNull();
      const again = await store().claimOutbox(T0 + CLAIM + 1, 10, 'b', CLAIM);
      expect(again.map((row) => [row.dedupeKey, row.postedTs, row.attempts])).toEqual([
        ['k1', null, claimed!.attempts + 1],
        ['k2', null, 1],
      ]);
    });

    it('a holder whose lease was taken over cannot prune, end a snooze, edit a board, mark a publish or a channel problem', async () => {
      const DAY = 86_400_000;
      await store().commitCycle({ upsertJobs: [], alerts: [alert('old')], progress: {} });
      const [row] = await store().claimOutbox(T0, 1, 'x', CLAIM);
      await store().completeOutbox(row!.id, null, T0 - 10 * DAY);
      await store().subscribe('C1', ['failed'], null, null, T0);
      await store().snooze({ channelId: 'C1', startedAt: T0, endsAt: T0 + 10, createdBy: null });
      const board = { channelId: 'C1', ts: '1.1', createdBy: null, createdAt: T0, editedAt: T0, fingerprint: 'f0' };
      await store().putBoard(board);
      await store().homeOpened('U1', T0);
      const { old, fresh } = await takenOver();

      const cutoffs = { deliveredBefore: T0 - DAY, failedBefore: T0 - DAY, finishedJobsBefore: T0 - DAY, settingChangesBefore: T0 - DAY };
      const writes = [
        old.prune(cutoffs),
        old.endSnooze('C1', T0 + 20, true, () => null),
        old.boardEdited('C1', '1.1', 'f1', T0 + 20),
        old.putBoard({ ...board, ts: '2.2' }),
        old.removeBoard('C1'),
        old.homePublished('U1', 'h1', T0 + 20),
        old.pruneHomeViewers(T0 + DAY),
        old.removeHomeViewer('U1'),
        old.setChannelProblem('C1', { error: 'not_in_channel', at: T0 + 20 }),
      ];
      for (const write of writes) expect(await refusal(write)).toBeInstanceOf(FencedOutError);
      expect(await store().listSnoozes('C1')).toHaveLength(1);
      expect(await store().listBoards()).toEqual([board]);
      expect(await store().getHomeViewer('U1')).toMatchObject({ fingerprint: null });
      expect(await store().channelProblems()).toEqual([]);

      // The new holder's writes go through.
      expect(await fresh.prune(cutoffs)).toEqual({ outboxRows: 1, jobs: 0, settingChanges: 0 });
      expect(await fresh.endSnooze('C1', T0 + 20, true, () => null)).not.toBeNull();
      expect(await fresh.boardEdited('C1', '1.1', 'f1', T0 + 20)).toBe(true);
    });

    it('a term ended by a release is over, even when the same holder takes the lease again', async () => {
      const first = await store().acquireLease('poller', 'a', T0, TTL);
      const old = store().withFence(termOf({ name: 'poller', holder: 'a', epoch: first!.epoch }));
      await store().releaseLease('poller', 'a');
      const again = await store().acquireLease('poller', 'a', T0 + 1, TTL);
      expect(again!.epoch).toBe(first!.epoch + 1);
      expect(await refusal(old.commitCycle({ upsertJobs: [], alerts: [alert('k1')], progress: {} }))).toBeInstanceOf(FencedOutError);
      expect(await store().existingAlertKeys(['k1'])).toEqual(new Set());
    });

    it('a replica that holds no term writes nothing, and says so to its source', async () => {
      const source = termOf(null);
      const fenced = store().withFence(source);
      expect(await refusal(fenced.commitCycle({ upsertJobs: [], alerts: [alert('k1')], progress: {} }))).toBeInstanceOf(FencedOutError);
      expect(source.refusals).toHaveLength(1);
      expect(await store().existingAlertKeys(['k1'])).toEqual(new Set());
    });

    it('the high-water mark only moves forward, whoever commits', async () => {
      const commit = (hwm: number, ceiling = T0 + 60_000) => store().commitCycle({ upsertJobs: [], alerts: [], progress: {}, marks: { hwm: { value: hwm, ceiling } } });
      await commit(T0);
      await commit(T0 - 60_000);
      expect(await store().getProgress('hwm')).toBe(String(T0));
      await commit(T0 + 1);
      expect(await store().getProgress('hwm')).toBe(String(T0 + 1));
      // A stored mark past the ceiling (poisoned by a far-future stamp) is not trusted: brought back.
      await commit(T0 + 365 * 86_400_000);
      await commit(T0 + 2, T0 + 60_000);
      expect(await store().getProgress('hwm')).toBe(String(T0 + 2));
      // A stored value that is no number (never written by this app) is replaced.
      await store().commitCycle({ upsertJobs: [], alerts: [], progress: { hwm: 'garbage' } });
      await commit(5);
      expect(await store().getProgress('hwm')).toBe('5');
    });
  });
}
