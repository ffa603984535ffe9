/**
 * The ops incidents table (one row per channel told, plus App Home's, target ''): its SQL for
 * both engines, and its rows as the port's type. The message ts lives where every message's
 * does, in message_refs, under the incident's key (domain/ops.ts `incidentKey`).
 */
import { NOT_HELD } from './sql-common';
import type { Row, Stmt } from './driver';
import { stmt } from './driver';
import { int, intOrNull, text } from './rows';
import type { OpsIncident, OpsProblem } from '../domain/ops';
import type { OldestUndelivered } from './ports/ops-store';

export function toOpsIncident(row: Row): OpsIncident {
  return {
    target: text(row, 'target'),
    openedAt: int(row, 'opened_at'),
    problems: JSON.parse(text(row, 'problems')) as OpsProblem[],
    version: int(row, 'version'),
    editedAt: int(row, 'edited_at'),
    clearSince: intOrNull(row, 'clear_since'),
    resolvedAt: intOrNull(row, 'resolved_at'),
  };
}

export const opsIncidents = (): Stmt => stmt('SELECT * FROM ops_incidents ORDER BY target');

export const upsertOpsIncident = (incident: OpsIncident): Stmt =>
  stmt(
    `INSERT INTO ops_incidents (target, opened_at, problems, version, edited_at, clear_since, resolved_at)
     VALUES (@target, @openedAt, @problems, @version, @editedAt, @clearSince, @resolvedAt)
     ON CONFLICT (target) DO UPDATE SET opened_at = excluded.opened_at, problems = excluded.problems, version = excluded.version,
       edited_at = excluded.edited_at, clear_since = excluded.clear_since, resolved_at = excluded.resolved_at`,
    {
      target: incident.target,
      openedAt: incident.openedAt,
      problems: JSON.stringify(incident.problems),
      version: incident.version,
      editedAt: incident.editedAt,
      clearSince: incident.clearSince,
      resolvedAt: incident.resolvedAt,
    },
  );

/** Through the (status, due_at) index's pending range; what snoozes hold and problem channels keep is told otherwise. */
export const oldestUndelivered = (): Stmt =>
  stmt(
    // What a snooze or a mute holds is waiting on purpose, not late.
    `SELECT o.channel_id, o.created_at FROM outbox o WHERE o.status = 'pending'
       AND ${NOT_HELD} AND o.channel_id NOT IN (SELECT channel_id FROM channel_problems)
     ORDER BY o.created_at, o.id LIMIT 1`,
  );

export function toOldestUndelivered(row: Row | undefined): OldestUndelivered | null {
  return row ? { channelId: text(row, 'channel_id'), createdAt: int(row, 'created_at') } : null;
}
