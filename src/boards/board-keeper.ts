/**
 * Keeps every channel board current: after poll cycles that changed something (and once a
 * minute, as time moves jobs out of "the last hour"), it edits each board whose content
 * changed, at most once per `minGapMs` per board. The last edit time and content live in the
 * store, so the pace and the boards themselves survive restarts and replica handovers.
 */
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../clock';
import { classifySlackFailure } from '../slack/slack-failure';
import type { SourceName } from '../jobs/job';
import type { Logger } from '../logging/logger';
import { markBoardEnded } from './board-ended';
import { startLoop, type Loop } from '../runtime/loop';
import type { Board, BoardStore, JobStore } from '../store/store';
import { loadBoardView, type BoardView } from './board-view';
import type { Worker } from '../runtime/workers';

export interface BoardKeeperOptions {
  /** The boards it keeps, and the jobs they count. */
  store: BoardStore & JobStore;
  client: WebClient;
  clock: Clock;
  logger: Logger;
  /** Whether this replica may write to Slack (it holds the lease). */
  isActive?: () => boolean;
  /** At most one edit per board this often (the 30 s; Slack's chat.update is Tier 3). */
  minGapMs?: number;
  /** How often to look even without news, so windows like "the last hour" move on. */
  refreshMs?: number;
  /** Whose words the board speaks (runs: no queue); batch when left out. */
  source?: SourceName;
}

/** Runs only on the lease holder; the leader starts and stops it with the other workers. */
export interface BoardKeeper extends Worker {
  /** Jobs changed: look again now (edits still wait for each board's gap). */
  changed(): void;
}

/** The board message itself is gone, or the app can no longer edit in its channel. */
const GONE = new Set(['message_not_found', 'cant_update_message', 'edit_window_closed']);

export function createBoardKeeper(options: BoardKeeperOptions): BoardKeeper {
  const { store, client, clock, logger } = options;
  const minGapMs = options.minGapMs ?? 30_000;
  const refreshMs = options.refreshMs ?? 60_000;
  let loop: Loop | null = null;

  /** Edits one board; returns ms until it should be tried again when Slack asked to wait. */
  async function edit(board: Board, view: BoardView): Promise<number | null> {
    try {
      await client.chat.update({ channel: board.channelId, ts: board.ts, ...view.message });
    } catch (error) {
      const failure = classifySlackFailure(error);
      if (failure.kind === 'rate_limited') return failure.retryAfterMs;
      if (failure.kind === 'channel' || GONE.has(failure.error)) {
        // Nobody can see this board any more: stop keeping it rather than retry forever.
        logger.warn({ channel: board.channelId, error: failure.error }, 'board dropped: it can no longer be edited');
        await store.removeBoard(board.channelId);
        return null;
      }
      logger.warn({ channel: board.channelId, error: failure.error }, 'board not updated; will try again');
      return minGapMs;
    }
    // The pace counts from when Slack answered, the latest moment it can have seen the edit: so
    // the next edit, sent 30 s after that, reaches Slack at least 30 s after this one.
    const editedAt = clock.now();
    const kept = await store.boardEdited(board.channelId, board.ts, view.fingerprint, editedAt);
    if (!kept) {
      // `board off` (or a newer board) got in while this edit was on its way: say so again.
      await markBoardEnded(client, board.channelId, board.ts, 'gone', editedAt, logger);
    }
    return null;
  }

  async function refresh(): Promise<number> {
    const boards = await store.listBoards();
    const now = clock.now();
    const due = boards.filter((b) => b.editedAt + minGapMs <= now);
    let next = refreshMs;
    for (const b of boards) if (b.editedAt + minGapMs > now) next = Math.min(next, b.editedAt + minGapMs - now);
    if (due.length === 0) return next;
    const view = await loadBoardView(store, now, options.source);
    for (const board of due) {
      if (board.fingerprint === view.fingerprint) continue;
      if (options.isActive && !options.isActive()) return refreshMs;
      const retryIn = await edit(board, view);
      next = Math.min(next, retryIn ?? minGapMs);
    }
    return next;
  }

  return {
    name: 'boards',
    start() {
      loop ??= startLoop(clock, async () => {
        try {
          return await refresh();
        } catch (error) {
          logger.warn({ err: error }, 'board round failed');
          return refreshMs;
        }
      });
    },
    async stop() {
      await loop?.stop();
      loop = null;
    },
    changed() {
      loop?.wake();
    },
  };
}
