/** The board as it should look now, from what the poller has recorded (no Hume call). */
import { createHash } from 'node:crypto';
import { buildBoard, type BoardMessage } from '../messages/board';
import type { Store } from '../store/store';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Causes are grouped from at most this many of the day's newest failures: bounded on a bad day. */
const FAILURE_SAMPLE = 1000;

export interface BoardView extends BoardMessage {
  /** A short digest of `content`, stored with the board to skip edits that change nothing. */
  fingerprint: string;
}

export async function loadBoardView(store: Store, now: number): Promise<BoardView> {
  // Counts come from the engine; only failures and active jobs are read out, so a busy day costs
  // an index range scan rather than a JSON parse per job (bench: "Board refresh").
  const [day, hour, failures, active] = await Promise.all([
    store.statusCountsSince(now - DAY_MS),
    store.statusCountsSince(now - HOUR_MS),
    store.recentWithStatus('failed', now - DAY_MS, FAILURE_SAMPLE),
    store.activeJobs(),
  ]);
  const board = buildBoard({
    day,
    hour,
    failures: failures.map((t) => t.snapshot),
    active: active.map((t) => t.snapshot).sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0)),
    now,
  });
  return { ...board, fingerprint: createHash('sha256').update(board.content).digest('base64url').slice(0, 22) };
}
