/**
 * The board messages the app keeps current (`/hume-jobs board`): the board keeper and the
 * board replies use this.
 */
import type { Board } from '../../domain/board';
import type { ChangeStamp } from '../../domain/setting-change';

export interface BoardStore {
  /** Records the channel's board; returns the one it replaces, if any. With `change`, recorded as `board on` (same transaction). */
  putBoard(board: Board, change?: ChangeStamp): Promise<Board | null>;
  listBoards(): Promise<Board[]>;
  /** Forgets the channel's board; returns it, or null when there was none. With `change`, recorded as `board off`. */
  removeBoard(channelId: string, change?: ChangeStamp): Promise<Board | null>;
  /** Records an edit of the board message `ts`; false when that board is gone or was replaced. */
  boardEdited(channelId: string, ts: string, fingerprint: string, at: number): Promise<boolean>;
}
