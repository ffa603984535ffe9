/**
 * The batch source's page token. Opaque to everyone else (base64url JSON), small enough for a
 * Slack button value (2,000 characters) whatever the data: a keyset position is one timestamp
 * and one id, never a list of ids.
 */
import { z } from 'zod';
import type { JobFilter } from '../../jobs/filter';
import { decodeToken, encodeToken } from '../cursor-token';

/**
 * `keyset` (sort created): the last job shown. Jobs are listed in a total order, created time
 * then id (both descending for newest first, both ascending for oldest first), so "after this
 * job" is exact even when many jobs share one millisecond.
 * `offset` (sort started/ended): how many matching jobs earlier pages showed.
 */
export type BatchCursor =
  | { kind: 'keyset'; direction: JobFilter['direction']; ts: number; id: string }
  | { kind: 'offset'; sort: 'started' | 'ended'; direction: JobFilter['direction']; offset: number };

const direction = z.enum(['asc', 'desc']);
const cursorSchema = z.discriminatedUnion('kind', [
  z.object({ v: z.literal(1), kind: z.literal('keyset'), direction, ts: z.number().int(), id: z.string().min(1).max(200) }),
  z.object({
    v: z.literal(1),
    kind: z.literal('offset'),
    sort: z.enum(['started', 'ended']),
    direction,
    offset: z.number().int().min(0),
  }),
]);

export function encodeCursor(cursor: BatchCursor): string {
  return encodeToken({ v: 1, ...cursor });
}

/**
 * The position to continue from, or null to start at the first page: a token that is
 * malformed, from another source, or made for another sort or direction is no position here.
 */
export function decodeCursor(token: string | null, filter: JobFilter): BatchCursor | null {
  const data = decodeToken(token, cursorSchema);
  if (!data || data.direction !== filter.direction) return null;
  if (data.kind === 'keyset') return filter.sort === 'created' ? { kind: 'keyset', direction: data.direction, ts: data.ts, id: data.id } : null;
  return data.sort === filter.sort ? { kind: 'offset', sort: data.sort, direction: data.direction, offset: data.offset } : null;
}
