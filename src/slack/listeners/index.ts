/** The only place that knows every listener: one line per Slack surface and id. */
import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_DETAILS, ACTION_MUTE, ACTION_PAGE_NEXT, ACTION_PAGE_PREV, ACTION_TAKE } from '../../messages/action-ids';
import { alertButton } from './actions/alert-buttons';
import { detailsButton } from './actions/details-button';
import { appHomeOpened } from './events/app-home-opened';
import { pageButton } from './actions/page-buttons';
import { humeJobsCommand } from './commands/hume-jobs-command';
import type { ListenerDeps } from './deps';

export const COMMAND_NAME = '/hume-jobs';

export function registerListeners(app: App, deps: ListenerDeps): void {
  app.command(COMMAND_NAME, humeJobsCommand(deps));
  app.action<BlockButtonAction>(ACTION_PAGE_NEXT, pageButton(deps));
  app.action<BlockButtonAction>(ACTION_PAGE_PREV, pageButton(deps));
  app.action<BlockButtonAction>(ACTION_DETAILS, detailsButton(deps));
  app.action<BlockButtonAction>(ACTION_TAKE, alertButton(deps, 'take'));
  app.action<BlockButtonAction>(ACTION_MUTE, alertButton(deps, 'mute'));
  if (deps.home) app.event('app_home_opened', appHomeOpened(deps, deps.home));
}
