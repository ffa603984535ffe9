/** What a reply that changes or reads one channel's settings needs. */
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../../logging/logger';
import type { Store } from '../../store/store';

export interface ChannelContext {
  store: Store;
  client: WebClient;
  logger: Logger;
  channelId: string;
  userId: string;
  now: number;
}
