/** The App Home tab, published when someone opens it. Events are acked by Bolt before this runs. */
import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { HomePublisher } from '../../home/home-publisher';
import type { ListenerDeps } from '../deps';

export function appHomeOpened(deps: ListenerDeps, home: HomePublisher) {
  return async ({ event }: SlackEventMiddlewareArgs<'app_home_opened'> & AllMiddlewareArgs): Promise<void> => {
    if (event.tab !== 'home') return;
    try {
      await home.opened(event.user);
    } catch (error) {
      deps.logger.warn({ err: error, user: event.user }, 'could not publish App Home');
    }
  };
}
