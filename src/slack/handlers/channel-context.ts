/** What a reply that changes or reads one channel's settings needs. */
import type { WebClient } from '@slack/web-api';
import type { SourceName } from '../../jobs/job';
import type { Logger } from '../../logging/logger';
import type { Store } from '../../store/store';

export interface ChannelContext {
  store: Store;
  client: WebClient;
  logger: Logger;
  channelId: string;
  userId: string;
  now: number;
  /** Whose words replies speak (runs: no queue); batch when left out. */
  source?: SourceName;
}
