/**
 * The store contract for personal notifications (part of `describeStoreContract`, run on both
 * engines): watches, one `notify me` rule per person with its link, and a watch ended in the
 * cycle commit that queues its DM.
 */
import type { DirectPayload } from '../../../src/domain/alert-payload';
import { ANY_JOB } from '../../../src/jobs/job-match';
import type { Store } from '../../../src/store/store';
import { makeJob } from '../../support/jobs';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);

export function describePersonalAlertsContract(store: () => Store): void {
  describe('personal notifications', () => {
    it('keeps each person’s watches, once per job; ends them one by one', async () => {
      expect(await store().addWatch({ userId: 'U1', jobId: 'j1', createdAt: T0 })).toBe(true);
      expect(await store().addWatch({ userId: 'U1', jobId: 'j1', createdAt: T0 + 5 })).toBe(false);
      await store().addWatch({ userId: 'U1', jobId: 'j2', createdAt: T0 + 1 });
      await store().addWatch({ userId: 'U2', jobId: 'j1', createdAt: T0 + 2 });
      expect((await store().listWatches('U1')).map((w) => w.jobId)).toEqual(['j1', 'j2']);
      expect(await store().listWatches('U1')).toContainEqual({ userId: 'U1', jobId: 'j1', createdAt: T0 });
      expect((await store().watchesOf(['j1', 'j3'])).map((w) => w.userId)).toEqual(['U1', 'U2']);
      expect(await store().removeWatch('U1', 'j1')).toBe(true);
      expect(await store().removeWatch('U1', 'j1')).toBe(false);
      expect((await store().listWatches(null)).map((w) => `${w.userId} ${w.jobId}`)).toEqual(['U1 j2', 'U2 j1']);
    });

    it('finds watches whose job already ended, with the job as it ended; the cycle that tells them ends them', async () => {
      const running = makeJob({ status: 'running', endedAt: null });
      const failed = makeJob({ status: 'failed', rawStatus: 'FAILED', errorMessage: 'boom' });
      await store().commitCycle({
        upsertJobs: [
          { id: running.id, status: 'running', rawStatus: 'IN_PROGRESS', snapshot: running, seenAt: T0 },
          { id: failed.id, status: 'failed', rawStatus: 'FAILED', snapshot: failed, seenAt: T0 + 7 },
        ],
        alerts: [],
        progress: {},
      });
      await store().addWatch({ userId: 'U1', jobId: running.id, createdAt: T0 });
      await store().addWatch({ userId: 'U1', jobId: failed.id, createdAt: T0 });
      expect(await store().finishedWatches()).toEqual([{ watch: { userId: 'U1', jobId: failed.id, createdAt: T0 }, job: failed, seenAt: T0 + 7 }]);

      const payload: DirectPayload = { type: 'dm', userId: 'U1', reason: 'watch', changes: [{ job: failed, from: null, to: 'failed' }], mention: null };
      await store().commitCycle({
        upsertJobs: [],
        alerts: [{ channelId: 'U1', jobId: failed.id, dedupeKey: `dm:watch:U1:${failed.id}:failed:${T0 + 7}`, payload, createdAt: T0 + 8 }],
        endWatches: [{ userId: 'U1', jobId: failed.id }],
        progress: {},
      });
      expect(await store().finishedWatches()).toEqual([]);
      expect((await store().listWatches('U1')).map((w) => w.jobId)).toEqual([running.id]);
      const [row] = await store().claimOutbox(T0 + 9, 10, 'me', 60_000);
      expect(row).toMatchObject({ channelId: 'U1', kind: 'dm', payload });
    });

    it('keeps one rule per person, replaced by the next, read with the person’s link', async () => {
      const rule = { userId: 'U1', kinds: ['failed' as const], match: { ...ANY_JOB, endpoint: 'audio' as const }, mine: true, createdAt: T0 };
      expect(await store().setNotifyRule(rule)).toBeNull();
      expect(await store().notifyRules('U1')).toEqual([{ rule, humeUserId: null }]);
      expect(await store().setHumeLink('U1', 'usr_ada', T0 + 1)).toBeNull();
      expect(await store().getHumeLink('U1')).toEqual({ userId: 'U1', humeUserId: 'usr_ada', createdAt: T0 + 1 });
      expect(await store().notifyRules(null)).toEqual([{ rule, humeUserId: 'usr_ada' }]);

      const wider = { ...rule, kinds: ['completed' as const, 'failed' as const], match: ANY_JOB, mine: false, createdAt: T0 + 2 };
      expect(await store().setNotifyRule(wider)).toEqual(rule);
      expect(await store().notifyRules('U1')).toEqual([{ rule: wider, humeUserId: 'usr_ada' }]);
      expect(await store().removeNotifyRule('U1')).toEqual(wider);
      expect(await store().removeNotifyRule('U1')).toBeNull();
      expect((await store().setHumeLink('U1', null, T0 + 3))?.humeUserId).toBe('usr_ada');
      expect(await store().getHumeLink('U1')).toBeNull();
    });

    it('leaves DMs out of the channels’ given-up alerts', async () => {
      const job = makeJob({ status: 'failed' });
      const payload: DirectPayload = { type: 'dm', userId: 'U1', reason: 'rule', changes: [{ job, from: 'running', to: 'failed' }], mention: null };
      await store().commitCycle({ upsertJobs: [], alerts: [{ channelId: 'U1', jobId: job.id, dedupeKey: `dm:rule:U1:${job.id}:failed`, payload, createdAt: T0 }], progress: {} });
      const [row] = await store().claimOutbox(T0, 10, 'me', 60_000);
      await store().failOutbox(row!.id, 'messages_tab_disabled', T0);
      expect(await store().givenUpAlerts(null)).toEqual([]);
    });
  });
}
