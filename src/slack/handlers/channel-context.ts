/** What a reply that changes or reads one channel's settings needs. */
import type { WebClient } from '@slack/web-api';
import type { SourceName } from '../../jobs/job';
import type { Logger } from '../../logging/logger';
import type { BoardStore, ChannelSettings, DigestStore, JobStore, OutboxStore } from '../../store/store';

export interface ChannelContext {
  /** Channel settings it reads and changes, boards it starts and stops, digest schedules, jobs (overdue rule, board view), given-up alerts. */
  store: ChannelSettings & BoardStore & JobStore & DigestStore & Pick<OutboxStore, 'givenUpAlerts'>;
  client: WebClient;
  logger: Logger;
  channelId: string;
  userId: string;
  now: number;
  /** Whose words replies speak (runs: no queue); batch when left out. */
  source?: SourceName;
}
