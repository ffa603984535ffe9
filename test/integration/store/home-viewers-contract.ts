/**
 * The store contract for App Home viewers (part of `describeStoreContract`, run on both engines):
 * any replica records who opened the tab, the active one reads who needs a refresh, records each
 * publish, and drops viewers Slack no longer knows or who stopped looking.
 */
import type { Store } from '../../../src/store/store';

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const DAY = 86_400_000;

export function describeHomeViewerContract(store: () => Store, openMigrated: () => Promise<Store>, shared: jest.It): void {
  describe('App Home viewers', () => {
    it('records who opened the tab (publishing it now); opening again moves the times, never backwards', async () => {
      await store().homeOpened('U1', T0);
      expect(await store().getHomeViewer('U1')).toEqual({ userId: 'U1', openedAt: T0, publishedAt: T0, fingerprint: null });
      expect(await store().homePublished('U1', 'f1', T0 + 5)).toBe(true);
      await store().homeOpened('U1', T0 + 10);
      await store().homeOpened('U1', T0 + 7); // a late, older event
      expect(await store().getHomeViewer('U1')).toEqual({ userId: 'U1', openedAt: T0 + 10, publishedAt: T0 + 10, fingerprint: 'f1' });
      await store().homePublished('U1', 'f2', T0 + 12);
      await store().homeOpened('U1', T0 + 8);
      expect(await store().getHomeViewer('U1')).toEqual({ userId: 'U1', openedAt: T0 + 10, publishedAt: T0 + 12, fingerprint: 'f2' });
      expect(await store().getHomeViewer('U2')).toBeNull();
    });

    it('lists viewers whose tab shows other content, seen recently, least recently published first', async () => {
      for (const [user, openedAt] of [['U1', T0], ['U2', T0], ['U3', T0], ['U4', T0 - 40 * DAY], ['U5', T0]] as const) {
        await store().homeOpened(user, openedAt);
      }
      await store().homePublished('U1', 'new', T0 + 3);
      await store().homePublished('U2', 'old', T0 + 2);
      await store().homePublished('U3', 'old', T0 + 1);
      const stale = await store().staleHomeViewers('new', T0 - 30 * DAY, 10);
      // U5's open is publishing (no content recorded yet); U1 shows 'new' already; U4 has not looked for 40 days.
      expect(stale.map((v) => v.userId)).toEqual(['U5', 'U3', 'U2']);
      expect(stale[1]).toEqual({ userId: 'U3', openedAt: T0, publishedAt: T0 + 1, fingerprint: 'old' });
      expect((await store().staleHomeViewers('new', T0 - 30 * DAY, 2)).map((v) => v.userId)).toEqual(['U5', 'U3']);
    });

    it('drops a viewer, and old viewers; a publish recorded after the drop does not bring it back', async () => {
      await store().homeOpened('U1', T0);
      await store().homeOpened('U2', T0 - 31 * DAY);
      await store().homeOpened('U3', T0 - 29 * DAY);
      expect(await store().removeHomeViewer('U1')).toBe(true);
      expect(await store().removeHomeViewer('U1')).toBe(false);
      expect(await store().homePublished('U1', 'f', T0 + 1)).toBe(false);
      expect(await store().getHomeViewer('U1')).toBeNull();
      expect(await store().pruneHomeViewers(T0 - 30 * DAY)).toBe(1);
      expect((await store().staleHomeViewers('f', 0, 10)).map((v) => v.userId)).toEqual(['U3']);
    });

    shared('a viewer recorded by one replica is seen by another', async () => {
      const other = await openMigrated();
      await other.homeOpened('U9', T0);
      expect((await store().staleHomeViewers('f', T0, 10)).map((v) => v.userId)).toEqual(['U9']);
      expect(await store().homePublished('U9', 'f', T0 + 1)).toBe(true);
      expect(await other.staleHomeViewers('f', T0, 10)).toEqual([]);
    });
  });
}
