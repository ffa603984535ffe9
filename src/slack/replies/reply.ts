/** A message body as the builders return it: fallback text plus blocks. */
import type { KnownBlock } from '@slack/types';

export interface Reply {
  text: string;
  blocks: KnownBlock[];
  /** A command that changed nothing answers only the caller, even where a change is announced. */
  onlyToCaller?: boolean;
}
