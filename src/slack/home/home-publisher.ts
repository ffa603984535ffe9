/**
 * Publishes the App Home tab: when a user opens it, and again after poll cycles that changed
 * something, for people who looked recently, at most once per REFRESH_GAP_MS each (views.publish
 * is Tier 4; this keeps far below it however busy Hume is).
 */
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../clock';
import type { SourceName } from '../../jobs/job';
import type { Logger } from '../../logging/logger';
import { buildAppHome, type HomeView } from '../../messages/app-home';
import { loadRecentActivity, summarizeLastDay } from '../../reports/recent-activity';
import type { Store } from '../../store/store';

export interface HomePublisher {
  opened(userId: string): Promise<void>;
  /** Something changed: refresh the tab of recent viewers whose copy is old enough. */
  changed(): Promise<void>;
}

/** A viewer is refreshed for this long after opening the tab. */
const VIEWER_TTL_MS = 60 * 60_000;
const REFRESH_GAP_MS = 30_000;

export function createHomePublisher(deps: { store: Store; client: WebClient; clock: Clock; logger: Logger; polling: boolean; source?: SourceName }): HomePublisher {
  const viewers = new Map<string, { openedAt: number; publishedAt: number }>();

  async function render() {
    const now = deps.clock.now();
    const [activity, subscriptions, problems, snoozes] = await Promise.all([
      loadRecentActivity(deps.store, now),
      deps.store.listSubscriptions(null),
      deps.store.channelProblems(),
      deps.store.listSnoozes(null),
    ]);
    return buildAppHome({
      summary: await summarizeLastDay(deps.store, activity),
      active: activity.active,
      subscriptions,
      problems,
      snoozes,
      now,
      polling: deps.polling,
      source: deps.source,
    });
  }

  async function publish(userId: string, view: HomeView): Promise<void> {
    await deps.client.views.publish({ user_id: userId, view });
    const viewer = viewers.get(userId);
    if (viewer) viewer.publishedAt = deps.clock.now();
  }

  return {
    async opened(userId) {
      viewers.set(userId, { openedAt: deps.clock.now(), publishedAt: 0 });
      await publish(userId, await render());
    },
    async changed() {
      const now = deps.clock.now();
      const due: string[] = [];
      for (const [userId, viewer] of viewers) {
        if (now - viewer.openedAt > VIEWER_TTL_MS) viewers.delete(userId);
        else if (now - viewer.publishedAt >= REFRESH_GAP_MS) due.push(userId);
      }
      if (due.length === 0) return;
      // The tab is the same for everyone: read and build it once per round, not once per viewer.
      const view = await render().catch((error: unknown) => deps.logger.warn({ err: error }, 'could not build App Home'));
      if (!view) return;
      for (const userId of due) {
        await publish(userId, view).catch((error: unknown) => deps.logger.warn({ err: error, user: userId }, 'could not refresh App Home'));
      }
    },
  };
}
