/**
 * App Home viewers: the SQL both engines run, and their rows as the port's type. Kept apart from
 * sql.ts so this table's statements live next to each other.
 */
import type { Row, Stmt } from './driver';
import { stmt } from './driver';
import { int, intOrNull, text, textOrNull } from './rows';
import type { HomeViewer } from './store';

const COLUMNS = 'user_id, opened_at, published_at, fingerprint';

export function toHomeViewer(row: Row): HomeViewer {
  return {
    userId: text(row, 'user_id'),
    openedAt: int(row, 'opened_at'),
    publishedAt: intOrNull(row, 'published_at'),
    fingerprint: textOrNull(row, 'fingerprint'),
  };
}

/**
 * A new viewer, or one seen again, whose tab is being published now (opening the tab publishes
 * it): the publish time moves too, so a refresh round running meanwhile does not publish the
 * same tab twice. Neither time moves backwards (a late, older event changes nothing).
 */
export const homeOpened = (userId: string, at: number): Stmt =>
  stmt(
    `INSERT INTO home_viewers (user_id, opened_at, published_at) VALUES (@userId, @at, @at)
     ON CONFLICT (user_id) DO UPDATE SET
       opened_at = CASE WHEN excluded.opened_at > home_viewers.opened_at THEN excluded.opened_at ELSE home_viewers.opened_at END,
       published_at = CASE WHEN home_viewers.published_at IS NULL OR excluded.published_at > home_viewers.published_at
         THEN excluded.published_at ELSE home_viewers.published_at END`,
    { userId, at },
  );

/**
 * Viewers seen since `openedSince` whose tab shows other content than `fingerprint`, least
 * recently published first (never published counts as oldest): the refresh order, and the first
 * one not yet due says when the next is.
 */
export const staleHomeViewers = (fingerprint: string, openedSince: number, limit: number): Stmt =>
  stmt(
    `SELECT ${COLUMNS} FROM home_viewers
     WHERE opened_at >= @openedSince AND (fingerprint IS NULL OR fingerprint <> @fingerprint)
     ORDER BY COALESCE(published_at, 0), user_id LIMIT @limit`,
    { fingerprint, openedSince, limit },
  );

/** A publish reached Slack; the row is only touched if the viewer still exists. */
export const homePublished = (userId: string, fingerprint: string, at: number): Stmt =>
  stmt('UPDATE home_viewers SET published_at = @at, fingerprint = @fingerprint WHERE user_id = @userId RETURNING user_id', { userId, fingerprint, at });

export const removeHomeViewer = (userId: string): Stmt => stmt('DELETE FROM home_viewers WHERE user_id = @userId RETURNING user_id', { userId });

export const pruneHomeViewers = (openedBefore: number): Stmt =>
  stmt('DELETE FROM home_viewers WHERE opened_at < @openedBefore RETURNING user_id', { openedBefore });

export const homeViewer = (userId: string): Stmt => stmt(`SELECT ${COLUMNS} FROM home_viewers WHERE user_id = @userId`, { userId });
