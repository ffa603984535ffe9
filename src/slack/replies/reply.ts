/** A message body as the builders return it: fallback text plus blocks. */
import type { KnownBlock } from '@slack/types';

export interface Reply {
  text: string;
  blocks: KnownBlock[];
}
