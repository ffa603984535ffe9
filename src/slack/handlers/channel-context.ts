/** What a reply that changes or reads one channel's settings needs. */
import type { WebClient } from '@slack/web-api';
import type { SourceName } from '../../jobs/job';
import type { Logger } from '../../logging/logger';
import type { AlertActionStore, BoardStore, ChangeStamp, ChannelSettings, DeclaredSettingsStore, DigestStore, JobStore, OutboxStore, SettingChangeLog } from '../../store/store';

export interface ChannelContext {
  /** Channel settings it reads and changes, boards it starts and stops, digest schedules, jobs (overdue rule, board view), given-up alerts, mutes, the change log, what a subscriptions file manages. */
  store: ChannelSettings &
    BoardStore &
    JobStore &
    DigestStore &
    Pick<OutboxStore, 'givenUpAlerts'> &
    Pick<AlertActionStore, 'listMutes' | 'endMute'> &
    SettingChangeLog &
    Pick<DeclaredSettingsStore, 'managedSettings'>;
  client: WebClient;
  logger: Logger;
  channelId: string;
  userId: string;
  now: number;
  /** Whose words replies speak (runs: no queue); batch when left out. */
  source?: SourceName;
}

/**
 * The caller, now, from chat: what each settings write is given so the change log records who
 * made the change, in the same transaction as the change.
 */
export function fromChat(ctx: Pick<ChannelContext, 'userId' | 'now'>): ChangeStamp {
  return { at: ctx.now, author: { by: ctx.userId, source: 'chat' } };
}
