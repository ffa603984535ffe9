/**
 * `SqlStore`'s roles for what it keeps published in Slack: channel boards (ports/board-store.ts)
 * and App Home viewers (ports/home-viewer-store.ts).
 */
import * as scripts from './scripts';
import * as sql from './sql';
import { toBoard } from './rows';
import * as viewers from './sql-viewers';
import type { BoardStore } from './ports/board-store';
import type { HomeViewerStore } from './ports/home-viewer-store';
import type { SqlIo } from './sql-store-io';

export function sqlBoards({ db, write, writeOne }: SqlIo): BoardStore {
  return {
    putBoard(board, change) {
      return write(() => scripts.putBoard(db.dialect, board, change));
    },

    async listBoards() {
      return (await db.query(sql.listBoards())).map(toBoard);
    },

    removeBoard(channelId, change) {
      return write(() => scripts.removeBoard(channelId, change));
    },

    async boardEdited(channelId, ts, fingerprint, at) {
      return (await writeOne(sql.boardEdited(channelId, ts, fingerprint, at))).length > 0;
    },
  };
}

export function sqlHomeViewers({ db, writeOne }: SqlIo): HomeViewerStore {
  return {
    async homeOpened(userId, at) {
      await db.query(viewers.homeOpened(userId, at));
    },

    async getHomeViewer(userId) {
      const [row] = await db.query(viewers.homeViewer(userId));
      return row ? viewers.toHomeViewer(row) : null;
    },

    async staleHomeViewers(fingerprint, openedSince, limit) {
      return (await db.query(viewers.staleHomeViewers(fingerprint, openedSince, limit))).map(viewers.toHomeViewer);
    },

    async homePublished(userId, fingerprint, at) {
      return (await writeOne(viewers.homePublished(userId, fingerprint, at))).length > 0;
    },

    async removeHomeViewer(userId) {
      return (await writeOne(viewers.removeHomeViewer(userId))).length > 0;
    },

    async pruneHomeViewers(openedBefore) {
      return (await writeOne(viewers.pruneHomeViewers(openedBefore))).length;
    },
  };
}
