/**
 * What a user asked to see, in source-neutral terms. The command parser produces it; each
 * source turns it into its own query (or says which part it cannot apply).
 */
import type { StatusKind } from './job';

export type SortKey = 'created' | 'started' | 'ended';
export type Direction = 'asc' | 'desc';

export interface JobFilter {
  /** Empty means every status. Kept sorted and unique. */
  statuses: StatusKind[];
  /** Unix ms bounds on created (batch) or started (runs) time: since inclusive, before exclusive. */
  since: number | null;
  before: number | null;
  sort: SortKey;
  direction: Direction;
  /** Jobs per page. */
  limit: number;
  /** Runs-only filters. */
  mode: 'realtime' | 'file' | null;
  endpoint: 'audio' | 'video' | null;
  userId: string | null;
}

export const DEFAULT_PAGE_SIZE = 10;
/** What fits one message inside Block Kit's 50 blocks and the 10,000-character budget. */
export const MAX_PAGE_SIZE = 25;

export function defaultFilter(): JobFilter {
  return {
    statuses: [],
    since: null,
    before: null,
    sort: 'created',
    direction: 'desc',
    limit: DEFAULT_PAGE_SIZE,
    mode: null,
    endpoint: null,
    userId: null,
  };
}
