/** The board as it should look now, from what the poller has recorded (no Hume call). */
import { createHash } from 'node:crypto';
import { buildBoard, type BoardMessage } from '../messages/board';
import type { Store } from '../store/store';

const DAY_MS = 86_400_000;

export interface BoardView extends BoardMessage {
  /** A short digest of `content`, stored with the board to skip edits that change nothing. */
  fingerprint: string;
}

export async function loadBoardView(store: Store, now: number): Promise<BoardView> {
  const [recent, active] = await Promise.all([store.jobsCreatedSince(now - DAY_MS), store.activeJobs()]);
  const board = buildBoard({
    recent: recent.map((t) => t.snapshot),
    active: active.map((t) => t.snapshot).sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0)),
    now,
  });
  return { ...board, fingerprint: createHash('sha256').update(board.content).digest('base64url').slice(0, 22) };
}
