/**
 * Publishes the App Home tab when someone opens it, on whichever replica Slack sent the event to,
 * and records the viewer in the store: the active replica's refresher (home-refresher.ts) keeps
 * every recorded viewer's tab current from then on, whoever answered the event.
 */
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../clock';
import type { SourceName } from '../../jobs/job';
import type { Logger } from '../../logging/logger';
import type { ChannelSettings, HomeViewerStore, JobStore, SettingChangeLog } from '../../store/store';
import { loadHome } from './home-view';
import { classifyPublishFailure } from './publish-failure';

export interface HomePublisher {
  opened(userId: string): Promise<void>;
}

export function createHomePublisher(deps: { store: HomeViewerStore & JobStore & ChannelSettings & SettingChangeLog; client: WebClient; clock: Clock; logger: Logger; polling: boolean; source?: SourceName }): HomePublisher {
  const { store, client, clock, logger } = deps;
  return {
    async opened(userId) {
      // Recorded first: a viewer whose first publish fails is still refreshed later.
      await store.homeOpened(userId, clock.now()).catch((error: unknown) => logger.warn({ err: error, user: userId }, 'could not record App Home viewer'));
      const home = await loadHome(store, clock.now(), deps.polling, deps.source);
      try {
        await client.views.publish({ user_id: userId, view: home.view });
      } catch (error) {
        if (classifyPublishFailure(error).kind === 'viewer') await store.removeHomeViewer(userId);
        throw error;
      }
      await store.homePublished(userId, home.fingerprint, clock.now());
    },
  };
}
