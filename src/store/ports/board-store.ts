/**
 * The board messages the app keeps current (`/hume-jobs board`): the board keeper and the
 * board replies use this.
 */
import type { Board } from '../../domain/board';

export interface BoardStore {
  /** Records the channel's board; returns the one it replaces, if any. */
  putBoard(board: Board): Promise<Board | null>;
  listBoards(): Promise<Board[]>;
  /** Forgets the channel's board; returns it, or null when there was none. */
  removeBoard(channelId: string): Promise<Board | null>;
  /** Records an edit of the board message `ts`; false when that board is gone or was replaced. */
  boardEdited(channelId: string, ts: string, fingerprint: string, at: number): Promise<boolean>;
}
