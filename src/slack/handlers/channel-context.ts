/** What a reply that changes or reads one channel's settings needs. */
import type { WebClient } from '@slack/web-api';
import type { SourceName } from '../../jobs/job';
import type { Logger } from '../../logging/logger';
import type { AlertActionStore, BoardStore, ChannelSettings, JobStore, OutboxStore } from '../../store/store';

export interface ChannelContext {
  /** Channel settings it reads and changes, boards it starts and stops, jobs (overdue rule, board view), given-up alerts, mutes. */
  store: ChannelSettings & BoardStore & JobStore & Pick<OutboxStore, 'givenUpAlerts'> & Pick<AlertActionStore, 'listMutes' | 'endMute'>;
  client: WebClient;
  logger: Logger;
  channelId: string;
  userId: string;
  now: number;
  /** Whose words replies speak (runs: no queue); batch when left out. */
  source?: SourceName;
}
