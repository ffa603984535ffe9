/**
 * Who opened the App Home tab and what their tab shows: the Home publisher and refresher use this.
 */
/** Someone who opened the App Home tab: the active replica keeps their tab current. */
export interface HomeViewer {
  userId: string;
  /** Unix ms of their latest app_home_opened. */
  openedAt: number;
  /** Unix ms of the last publish (or the open that is publishing), null before the first. */
  publishedAt: number | null;
  /** What that publish showed (without its times), to skip publishes that change nothing. */
  fingerprint: string | null;
}

export interface HomeViewerStore {
  /**
   * Records that `userId` opened the Home tab at `at` (a new viewer, or one seen again) and is
   * being published to now: `publishedAt` moves too, so a refresh does not follow at once.
   */
  homeOpened(userId: string, at: number): Promise<void>;
  getHomeViewer(userId: string): Promise<HomeViewer | null>;
  /**
   * Up to `limit` viewers seen since `openedSince` whose tab does not show `fingerprint`, least
   * recently published first (never published first of all).
   */
  staleHomeViewers(fingerprint: string, openedSince: number, limit: number): Promise<HomeViewer[]>;
  /** Records a publish that reached Slack; false when the viewer is gone (dropped meanwhile). */
  homePublished(userId: string, fingerprint: string, at: number): Promise<boolean>;
  /** Forgets a viewer (Slack says the user is gone); false when there was none. */
  removeHomeViewer(userId: string): Promise<boolean>;
  /** Forgets viewers who have not opened the tab since `openedBefore`; returns how many. */
  pruneHomeViewers(openedBefore: number): Promise<number>;
}
