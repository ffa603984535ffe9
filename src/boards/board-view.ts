/** The board as it should look now, from what the poller has recorded (no Hume call). */
import { createHash } from 'node:crypto';
import { buildBoard, type BoardMessage } from '../messages/board';
import type { SourceName } from '../jobs/job';
import { loadRecentActivity } from '../queries/recent-activity';
import type { JobStore } from '../store/store';

export interface BoardView extends BoardMessage {
  /** A short digest of `content`, stored with the board to skip edits that change nothing. */
  fingerprint: string;
}

export async function loadBoardView(store: JobStore, now: number, source?: SourceName): Promise<BoardView> {
  const board = buildBoard({ ...(await loadRecentActivity(store, now)), source });
  return { ...board, fingerprint: createHash('sha256').update(board.content).digest('base64url').slice(0, 22) };
}
