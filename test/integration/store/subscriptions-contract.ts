/**
 * The store contract for filtered subscriptions (part of `describeStoreContract`, run on both
 * engines): a channel holds one subscription per set of filters, subscribing with the same
 * filters extends that one, `unsubscribe` takes one by id or every one, and the overdue limit is
 * the channel's, shared by its subscriptions and gone with the last of them.
 */
import { ANY_JOB, type JobMatch } from '../../../src/jobs/job-match';
import type { Store } from '../../../src/store/store';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const AUDIO: JobMatch = { ...ANY_JOB, endpoint: 'audio' };
const MINE: JobMatch = { mode: 'realtime', endpoint: null, userId: 'usr_7Hq2', model: null };
const FACE: JobMatch = { ...ANY_JOB, model: 'face' };

export function describeSubscriptionsContract(store: () => Store, openMigrated: () => Promise<Store>, shared: jest.It): void {
  describe('filtered subscriptions', () => {
    it('keeps one subscription per set of filters, in the order they were made, with their filters', async () => {
      const plain = await store().subscribe('C1', ['completed'], null, 'U1', T0);
      const audio = await store().subscribe('C1', ['failed'], '<!here>', 'U2', T0 + 1, AUDIO);
      const mine = await store().subscribe('C1', ['failed', 'running'], null, 'U3', T0 + 2, MINE);
      await store().subscribe('C2', ['failed'], null, 'U1', T0, FACE);
      expect(new Set([plain.id, audio.id, mine.id]).size).toBe(3);
      expect(audio).toEqual({ id: audio.id, channelId: 'C1', kinds: ['failed'], match: AUDIO, mention: '<!here>', createdBy: 'U2', createdAt: T0 + 1, overdueMs: null });
      expect(await store().listSubscriptions('C1')).toEqual([plain, audio, mine]);
      expect((await store().listSubscriptions(null)).map((s) => [s.channelId, s.match])).toEqual([
        ['C1', ANY_JOB],
        ['C1', AUDIO],
        ['C1', MINE],
        ['C2', FACE],
      ]);
    });

    it('extends the subscription with the same filters: union of kinds, mention replaced when given, creator kept', async () => {
      const first = await store().subscribe('C1', ['failed'], '<!here>', 'U1', T0, AUDIO);
      await store().subscribe('C1', ['failed'], null, 'U1', T0);
      const extended = await store().subscribe('C1', ['completed'], null, 'U2', T0 + 5, { ...AUDIO });
      expect(extended).toEqual({ ...first, kinds: ['completed', 'failed'] });
      const renamed = await store().subscribe('C1', [], '<!subteam^S1>', 'U2', T0 + 6, AUDIO);
      expect(renamed).toMatchObject({ id: first.id, kinds: ['completed', 'failed'], mention: '<!subteam^S1>', createdBy: 'U1' });
      expect(await store().listSubscriptions('C1')).toHaveLength(2);
    });

    it('unsubscribes kinds of one subscription by id, a whole one, or every one; the last going takes the channel row', async () => {
      const plain = await store().subscribe('C1', ['completed', 'failed'], null, 'U1', T0);
      const audio = await store().subscribe('C1', ['failed', 'running'], null, 'U1', T0, AUDIO);
      await store().subscribe('C2', ['failed'], null, 'U1', T0, AUDIO);
      expect(await store().unsubscribe('C1', ['failed'], audio.id)).toEqual([plain, { ...audio, kinds: ['running'] }]);
      expect(await store().unsubscribe('C1', [], audio.id)).toEqual([plain]);
      // Another channel's id names nothing here.
      const other = (await store().listSubscriptions('C2'))[0]!;
      expect(await store().unsubscribe('C1', [], other.id)).toEqual([plain]);
      await store().subscribe('C1', ['failed'], null, 'U1', T0, MINE);
      await store().setOverdue('C1', 60_000);
      expect(await store().unsubscribe('C1', [], 'all')).toEqual([]);
      expect(await store().listSubscriptions('C1')).toEqual([]);
      expect(await store().listSubscriptions('C2')).toHaveLength(1);
      // Subscribing again starts afresh: the old overdue limit went with the last subscription.
      expect((await store().subscribe('C1', ['failed'], null, 'U1', T0 + 9)).overdueMs).toBeNull();
    });

    it('shares the channel’s overdue limit between its subscriptions', async () => {
      await store().subscribe('C1', ['failed'], null, 'U1', T0);
      await store().subscribe('C1', ['completed'], null, 'U1', T0, FACE);
      expect((await store().setOverdue('C1', 45 * 60_000)).map((s) => s.overdueMs)).toEqual([2_700_000, 2_700_000]);
      const third = await store().subscribe('C1', ['running'], null, 'U1', T0, AUDIO);
      expect(third.overdueMs).toBe(2_700_000);
      expect((await store().unsubscribe('C1', [], third.id)).map((s) => s.overdueMs)).toEqual([2_700_000, 2_700_000]);
    });

    shared('two replicas subscribing one channel to the same filters at once make one subscription', async () => {
      const other = await openMigrated();
      await Promise.all([
        store().subscribe('C1', ['failed'], null, 'U1', T0, AUDIO),
        other.subscribe('C1', ['completed'], null, 'U2', T0, AUDIO),
        store().subscribe('C1', ['running'], null, 'U1', T0, FACE),
        other.subscribe('C1', ['queued'], null, 'U2', T0, FACE),
      ]);
      const subs = await store().listSubscriptions('C1');
      expect(subs.map((s) => [s.match, s.kinds])).toEqual(
        expect.arrayContaining([
          [AUDIO, ['completed', 'failed']],
          [FACE, ['queued', 'running']],
        ]),
      );
      expect(subs).toHaveLength(2);
    });
  });
}
