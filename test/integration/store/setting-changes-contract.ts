/**
 * The store contract for the change log of alert settings (part of `describeStoreContract`, run
 * on SQLite and PostgreSQL): each settings write given a `change` records what it changed, in its
 * own transaction; writes that change nothing, or are the app's own, record nothing; reads are
 * newest first with a count of the rest; retention forgets what is more than a year old.
 */
import { ANY_JOB } from '../../../src/jobs/job-match';
import type { ChangeStamp, SettingChangeSource, SettingChangeWhat, Store } from '../../../src/store/store';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const DAY = 86_400_000;

const by = (user: string, at: number, source: SettingChangeSource = 'chat'): ChangeStamp => ({ at, author: { by: user, source } });

export function describeSettingChangesContract(store: () => Store): void {
  describe('change log of alert settings', () => {
    const whats = async (channelId: string | null = 'C1'): Promise<SettingChangeWhat[]> =>
      (await store().settingChanges(channelId, 0, 100)).changes.map((c) => c.what);

    it('records what each write changed, who made it, when and from where; no-ops and unstamped writes record nothing', async () => {
      const s = store();
      await s.subscribe('C1', ['failed'], '<!subteam^S1>', 'U1', T0, undefined, by('U1', T0));
      await s.subscribe('C1', ['failed'], null, 'U2', T0 + 1, undefined, by('U2', T0 + 1)); // nothing new
      await s.subscribe('C1', ['running'], null, 'U2', T0 + 2, undefined, by('U2', T0 + 2));
      await s.subscribe('C1', ['running'], '<!here>', 'U2', T0 + 3, undefined, by('U2', T0 + 3));
      await s.setOverdue('C1', 45 * 60_000, by('U3', T0 + 4));
      await s.setOverdue('C9', 45 * 60_000, by('U3', T0 + 4)); // no subscription: nothing set
      await s.snooze({ channelId: 'C1', startedAt: T0 + 5, endsAt: T0 + 3 * 3_600_000, createdBy: 'U1' }, by('U1', T0 + 5));
      await s.endSnooze('C1', T0 + 6, false, () => null, by('U1', T0 + 6));
      await s.endSnooze('C1', T0 + 6, false, () => null, by('U1', T0 + 6)); // no snooze left
      const board = { channelId: 'C1', ts: '1.1', createdBy: 'U4', createdAt: T0 + 7, editedAt: T0 + 7, fingerprint: 'f' };
      await s.putBoard(board, by('U4', T0 + 7));
      await s.removeBoard('C1', by('U4', T0 + 8));
      await s.removeBoard('C1', by('U4', T0 + 8)); // no board left
      await s.unsubscribe('C1', ['completed'], 'all', by('U5', T0 + 9)); // not subscribed to it
      await s.unsubscribe('C1', ['running'], 'all', by('U5', T0 + 9));
      await s.unsubscribe('C1', [], 'all', by('U5', T0 + 10));
      // The app's own writes (no stamp): a snooze that ran out, ALERT_CHANNEL before it was recorded…
      await s.subscribe('C1', ['failed'], null, null, T0 + 11);
      await s.snooze({ channelId: 'C1', startedAt: T0 + 12, endsAt: T0 + DAY, createdBy: null });
      await s.endSnooze('C1', T0 + 13, false, () => null);

      const page = await s.settingChanges('C1', 0, 100);
      expect(page.more).toBe(0);
      expect(page.changes.map((c) => [c.at, c.by, c.source, c.channelId])).toEqual(
        [T0 + 10, T0 + 9, T0 + 8, T0 + 7, T0 + 6, T0 + 5, T0 + 4, T0 + 3, T0 + 2, T0].map((at, i) => [
          at,
          ['U5', 'U5', 'U4', 'U4', 'U1', 'U1', 'U3', 'U2', 'U2', 'U1'][i],
          'chat',
          'C1',
        ]),
      );
      expect(page.changes.map((c) => c.what).reverse()).toEqual([
        { kind: 'subscribe', added: ['failed'], mention: '<!subteam^S1>', kinds: ['failed'], match: ANY_JOB },
        { kind: 'subscribe', added: ['running'], mention: null, kinds: ['running', 'failed'], match: ANY_JOB },
        { kind: 'subscribe', added: [], mention: '<!here>', kinds: ['running', 'failed'], match: ANY_JOB },
        { kind: 'overdue', overdueMs: 45 * 60_000 },
        { kind: 'snooze', until: T0 + 3 * 3_600_000 },
        { kind: 'snooze-off' },
        { kind: 'board', on: true },
        { kind: 'board', on: false },
        { kind: 'unsubscribe', removed: ['running'], kinds: ['failed'], match: ANY_JOB },
        { kind: 'unsubscribe', removed: ['failed'], kinds: [], match: ANY_JOB },
      ]);
      expect(page.changes.every((c, i, all) => i === 0 || c.id < all[i - 1]!.id)).toBe(true);
    });

    it('reads one channel or all, since a time, a page at a time with how many more there are', async () => {
      const s = store();
      for (let i = 0; i < 5; i++) await s.setOverdue('C1', null, by('U1', T0 + i));
      await s.subscribe('C1', ['failed'], null, 'U1', T0 - 1, undefined, by('U1', T0 - 1));
      await s.subscribe('C2', ['failed'], null, 'U2', T0 + 2, undefined, by('U2', T0 + 2, 'file'));
      for (let i = 0; i < 5; i++) await s.setOverdue('C1', i * 60_000 + 60_000, by('U1', T0 + 10 + i));

      const newest = await s.settingChanges('C1', T0, 3);
      expect(newest.changes.map((c) => c.at)).toEqual([T0 + 14, T0 + 13, T0 + 12]);
      expect(newest.more).toBe(2);
      const everywhere = await s.settingChanges(null, T0 - 1, 100);
      expect(everywhere.changes.map((c) => `${c.channelId}@${c.at - T0}`)).toEqual(['C1@14', 'C1@13', 'C1@12', 'C1@11', 'C1@10', 'C2@2', 'C1@-1']);
      expect(everywhere.changes.find((c) => c.channelId === 'C2')).toMatchObject({ by: 'U2', source: 'file' });
      expect(await s.settingChanges('C3', 0, 10)).toEqual({ changes: [], more: 0 });
    });

    it("gives each channel's latest change: one channel's even without a subscription, every subscribed channel's", async () => {
      const s = store();
      await s.subscribe('C1', ['failed'], null, 'U1', T0, undefined, by('U1', T0));
      await s.setOverdue('C1', 0, by('U2', T0 + 5));
      await s.subscribe('C2', ['failed'], null, 'U3', T0 + 1, undefined, by('U3', T0 + 1));
      await s.subscribe('C3', ['failed'], null, 'U4', T0 + 2, undefined, by('U4', T0 + 2));
      await s.unsubscribe('C3', [], 'all', by('U4', T0 + 3));
      // Same millisecond: the later write is the latest.
      await s.setOverdue('C2', 60_000, by('U5', T0 + 9));
      await s.setOverdue('C2', 120_000, by('U6', T0 + 9));

      expect((await s.latestSettingChanges(null)).map((c) => [c.channelId, c.by])).toEqual([['C1', 'U2'], ['C2', 'U6']]);
      expect(await s.latestSettingChanges('C3')).toMatchObject([{ channelId: 'C3', by: 'U4', what: { kind: 'unsubscribe', kinds: [] } }]);
      expect(await s.latestSettingChanges('C4')).toEqual([]);
    });

    it('records in the same transaction as the change: a record that cannot be written undoes the change', async () => {
      const s = store();
      const bad = { at: T0, author: { by: 'U1', source: 'neither' as SettingChangeSource } };
      await expect(s.subscribe('C1', ['failed'], null, 'U1', T0, undefined, bad)).rejects.toHaveProperty('message');
      expect(await s.listSubscriptions('C1')).toEqual([]);
      await s.subscribe('C1', ['failed'], null, 'U1', T0);
      await expect(s.snooze({ channelId: 'C1', startedAt: T0, endsAt: T0 + DAY, createdBy: 'U1' }, bad)).rejects.toHaveProperty('message');
      expect(await s.listSnoozes('C1')).toEqual([]);
      await expect(s.setOverdue('C1', 0, bad)).rejects.toHaveProperty('message');
      expect((await s.listSubscriptions('C1'))[0]?.overdueMs).toBeNull();
      expect(await whats()).toEqual([]);
    });

    it('shows a change a newer version wrote by its name, and records a change made on its own', async () => {
      const s = store();
      await s.recordSettingChange({ channelId: 'C1', at: T0, by: 'U1', source: 'chat', what: { kind: 'digest daily', at: 540 } as unknown as SettingChangeWhat });
      await s.recordSettingChange({ channelId: 'C1', at: T0 + 1, by: null, source: 'chat', what: { kind: 'board', on: false } });
      expect(await whats()).toEqual([{ kind: 'board', on: false }, { kind: 'unknown', name: 'digest daily' }]);
    });

    it('is kept for a year: retention prunes older changes, in batches, and keeps the rest', async () => {
      const s = store();
      for (let i = 0; i < 620; i++) await s.recordSettingChange({ channelId: 'C1', at: T0 - 366 * DAY + i, by: 'U1', source: 'chat', what: { kind: 'snooze-off' } });
      await s.recordSettingChange({ channelId: 'C1', at: T0 - 364 * DAY, by: 'U2', source: 'chat', what: { kind: 'board', on: true } });
      const cutoffs = { deliveredBefore: 0, failedBefore: 0, finishedJobsBefore: 0, settingChangesBefore: T0 - 365 * DAY };
      expect(await s.prune(cutoffs)).toEqual({ outboxRows: 0, jobs: 0, settingChanges: 620 });
      expect((await s.settingChanges(null, 0, 10)).changes.map((c) => c.by)).toEqual(['U2']);
      expect(await s.prune(cutoffs)).toEqual({ outboxRows: 0, jobs: 0, settingChanges: 0 });
    });
  });
}
