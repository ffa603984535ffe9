/**
 * Where a list page is, carried in the Next/Previous button values so paging needs no server
 * state (it survives restarts and works on any replica). Values come back from Slack, so they
 * are validated like any other input, and kept under Block Kit's 2,000-character value limit.
 */
import { z } from 'zod';
import { MAX_PAGE_SIZE, type JobFilter } from '../jobs/filter';

export interface PageState {
  filter: JobFilter;
  public: boolean;
  /** The source cursor where this page starts; null for the first page. */
  cursor: string | null;
  /** Start cursors of the pages before this one, oldest first (may lose its oldest entries). */
  previous: (string | null)[];
  /** Zero-based page number, for "Showing 21–30". */
  index: number;
}

const MAX_VALUE_LENGTH = 2000;

const filterSchema = z.object({
  statuses: z.array(z.enum(['queued', 'running', 'completed', 'failed'])).max(4),
  since: z.number().int().nullable(),
  before: z.number().int().nullable(),
  sort: z.enum(['created', 'started', 'ended']),
  direction: z.enum(['asc', 'desc']),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE),
  mode: z.enum(['realtime', 'file']).nullable(),
  endpoint: z.enum(['audio', 'video']).nullable(),
  userId: z.string().max(128).nullable(),
});

const stateSchema = z.object({
  f: filterSchema,
  p: z.boolean(),
  c: z.string().max(1000).nullable(),
  v: z.array(z.string().max(1000).nullable()).max(100),
  i: z.number().int().min(0).max(100_000),
});

export function encodePageState(state: PageState): string {
  const previous = [...state.previous];
  for (;;) {
    const value = JSON.stringify({ f: state.filter, p: state.public, c: state.cursor, v: previous, i: state.index });
    // Forget the oldest pages first: Previous from the oldest one kept falls back to page one.
    if (value.length <= MAX_VALUE_LENGTH || previous.length === 0) return value;
    previous.shift();
  }
}

/** The state in a button value, or null when the value is not one of ours. */
export function decodePageState(value: string): PageState | null {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) return null;
  const { f, p, c, v, i } = parsed.data;
  return { filter: f, public: p, cursor: c, previous: v, index: i };
}

/** The state of the page after this one, which starts at `nextCursor`. */
export function nextPage(state: PageState, nextCursor: string): PageState {
  return { ...state, cursor: nextCursor, previous: [...state.previous, state.cursor], index: state.index + 1 };
}

/** The state of the page before this one; page one when its start was forgotten. */
export function previousPage(state: PageState): PageState {
  if (state.previous.length === 0) return { ...state, cursor: null, previous: [], index: 0 };
  return {
    ...state,
    cursor: state.previous[state.previous.length - 1] ?? null,
    previous: state.previous.slice(0, -1),
    index: Math.max(0, state.index - 1),
  };
}
