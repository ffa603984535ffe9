/**
 * What a mute held, as one summary: the alerts of one cause the channel would have had, each job
 * once, plus the overdue ones. Pure: the store calls it inside the transaction that ends the mute,
 * so the summary and the end are one commit (as for snoozes, snooze-digest.ts).
 */
import type { Mute } from '../domain/alert-actions';
import type { DigestPayload } from '../domain/alert-payload';
import type { NewOutboxRow, OutboxRow } from '../domain/outbox';
import { collectHeld } from './snooze-digest';

/**
 * The summary row for a mute that ended at `endedAt` (early with `unmute` by `endedBy`, or on
 * time when null). Ended early with nothing held: no message, the command's reply says so. On
 * time, the channel is told even when nothing was held: the cause is heard again from now on.
 */
export function summarizeMute(mute: Mute, held: readonly OutboxRow[], endedAt: number, endedBy: string | null): NewOutboxRow | null {
  if (held.length === 0 && endedBy !== null) return null;
  const { changes, overdue, mention } = collectHeld(held);
  const payload: DigestPayload = {
    type: 'digest',
    changes,
    catchUp: false,
    mention,
    mute: { startedAt: mute.startedAt, endedAt, endedBy, cause: mute.cause, example: mute.example, mutedBy: mute.createdBy },
    overdue,
  };
  return {
    channelId: mute.channelId,
    jobId: null,
    // One summary per mute: its channel, cause and start name it. Not foldable into a backlog
    // digest (store/sql-outbox.ts): it says what a quiet time held.
    dedupeKey: `mute:${mute.channelId}:${mute.startedAt}:${endedAt}:${mute.cause}`,
    payload,
    createdAt: endedAt,
  };
}
