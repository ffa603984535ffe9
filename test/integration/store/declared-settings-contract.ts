/**
 * The store contract for subscriptions as code (part of `describeStoreContract`, run on SQLite and
 * PostgreSQL): a reconcile makes the store match the file in one transaction, marks what it
 * declares as managed, removes only what it made, and records each change once (from 'file').
 */
import type { DeclaredChannel } from '../../../src/config/subscriptions-file';
import { ANY_JOB } from '../../../src/jobs/job-match';
import type { Store } from '../../../src/store/store';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const BY = 'SUBSCRIPTIONS_FILE';

const channel = (channelId: string, more: Partial<DeclaredChannel> = {}): DeclaredChannel => ({
  channelId,
  subscriptions: [],
  board: null,
  overdueMs: undefined,
  digest: undefined,
  ...more,
});
const audio = { ...ANY_JOB, endpoint: 'audio' as const };

export function describeDeclaredSettingsContract(store: () => Store, openMigrated: () => Promise<Store>, shared: jest.It): void {
  describe('subscriptions as code (reconcile)', () => {
    const view = async (channelId: string | null = null) =>
      (await store().listSubscriptions(channelId)).map((s) => [s.channelId, s.kinds, s.match.endpoint, s.mention, s.managedBy ?? 'chat', s.overdueMs]);
    const log = async (channelId: string) => (await store().settingChanges(channelId, 0, 100)).changes;

    it('adds what the file declares as managed, takes over the same filters, and sets the overdue limit', async () => {
      const s = store();
      await s.subscribe('C1', ['completed'], null, 'U1', T0); // made in chat, same filters as declared
      await s.subscribe('C1', ['running'], null, 'U1', T0, audio); // made in chat, other filters
      const report = await s.reconcileDeclared(
        [channel('C1', { subscriptions: [{ kinds: ['failed'], match: ANY_JOB, mention: '<!subteam^S1>' }], overdueMs: 45 * 60_000, board: true }), channel('C2', { subscriptions: [{ kinds: ['failed', 'completed'], match: audio, mention: null }] })],
        T0 + 1,
        BY,
      );
      expect(report).toEqual({ added: 1, changed: 1, removed: 0, overdue: 1, digests: 0 });
      expect(await view()).toEqual([
        ['C1', ['failed'], null, '<!subteam^S1>', 'file', 45 * 60_000],
        ['C1', ['running'], 'audio', null, 'chat', 45 * 60_000],
        ['C2', ['completed', 'failed'], 'audio', null, 'file', null],
      ]);
      expect(await s.managedSettings('C1')).toEqual(['board', 'overdue']);
      expect(await s.managedSettings('C2')).toEqual([]);
      const changes = await log('C1');
      expect(changes.every((c) => c.by === BY && c.source === 'file' && c.at === T0 + 1)).toBe(true);
      expect(changes.map((c) => c.what.kind).sort()).toEqual(['overdue', 'subscribe', 'unsubscribe']);
    });

    it('records nothing when the store already matches the file', async () => {
      const s = store();
      const file = [channel('C1', { subscriptions: [{ kinds: ['failed'], match: ANY_JOB, mention: null }], overdueMs: 0 })];
      await s.reconcileDeclared(file, T0, BY);
      const before = (await log('C1')).length;
      expect(await s.reconcileDeclared(file, T0 + 1, BY)).toEqual({ added: 0, changed: 0, removed: 0, overdue: 0, digests: 0 });
      expect((await log('C1')).length).toBe(before);
    });

    it('sets, keeps and ends a declared digest: once each, with its record; a schedule already so keeps its progress', async () => {
      const s = store();
      const weekdays = { cadence: 'weekdays' as const, weekday: null, minutes: 9 * 60, timeZone: 'Europe/Paris' };
      await s.subscribe('C1', ['failed'], null, 'U1', T0);
      expect((await s.reconcileDeclared([channel('C1', { digest: weekdays })], T0 + 1, BY)).digests).toBe(1);
      expect(await s.listDigestSchedules('C1')).toMatchObject([{ ...weekdays, createdBy: BY, createdAt: T0 + 1 }]);
      expect(await s.managedSettings('C1')).toEqual(['digest']);
      // Again, the same: nothing changes, nothing recorded, the schedule keeps its own start.
      expect((await s.reconcileDeclared([channel('C1', { digest: weekdays })], T0 + 2, BY)).digests).toBe(0);
      expect(await s.listDigestSchedules('C1')).toMatchObject([{ createdAt: T0 + 1 }]);
      expect((await s.reconcileDeclared([channel('C1', { digest: 'off' })], T0 + 3, BY)).digests).toBe(1);
      expect(await s.listDigestSchedules('C1')).toEqual([]);
      expect((await log('C1')).map((c) => c.what)).toEqual([{ kind: 'digest', schedule: null }, { kind: 'digest', schedule: weekdays }]);
    });

    it('removes what the file no longer declares, and only what it made; a channel left out keeps what people set', async () => {
      const s = store();
      await s.reconcileDeclared(
        [channel('C1', { subscriptions: [{ kinds: ['failed'], match: ANY_JOB, mention: null }, { kinds: ['completed'], match: audio, mention: null }], overdueMs: 60_000 }), channel('C2', { subscriptions: [{ kinds: ['failed'], match: ANY_JOB, mention: null }] })],
        T0,
        BY,
      );
      await s.subscribe('C2', ['running'], null, 'U1', T0 + 1, audio);
      const report = await s.reconcileDeclared([channel('C1', { subscriptions: [{ kinds: ['failed'], match: ANY_JOB, mention: null }] })], T0 + 2, BY);
      expect(report).toEqual({ added: 0, changed: 0, removed: 2, overdue: 0, digests: 0 });
      expect(await view()).toEqual([
        ['C1', ['failed'], null, null, 'file', 60_000],
        ['C2', ['running'], 'audio', null, 'chat', null],
      ]);
      expect(await s.managedSettings('C1')).toEqual([]);
      expect((await log('C2'))[0]?.what).toEqual({ kind: 'unsubscribe', removed: ['failed'], kinds: [], match: ANY_JOB });
      // An empty file: every managed subscription goes, and a channel left with none loses its row.
      await s.reconcileDeclared([], T0 + 3, BY);
      expect(await view()).toEqual([['C2', ['running'], 'audio', null, 'chat', null]]);
    });

    shared('two replicas reconciling the same file at once make each subscription once and record each change once', async () => {
      const other = await openMigrated();
      const file = [channel('C1', { subscriptions: [{ kinds: ['failed'], match: ANY_JOB, mention: null }] }), channel('C2', { subscriptions: [{ kinds: ['completed'], match: ANY_JOB, mention: null }] })];
      await Promise.all([store().reconcileDeclared(file, T0, BY), other.reconcileDeclared(file, T0, BY)]);
      expect(await view()).toHaveLength(2);
      expect(await log('C1')).toHaveLength(1);
      expect(await log('C2')).toHaveLength(1);
    });
  });
}
