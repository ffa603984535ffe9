/**
 * One status stream of a listing: the API's pages for one query, read from a saved place and
 * handed out one run at a time, and the place to save after the last one taken. Every page of
 * a stream is asked for with the same query (the API refuses a cursor with other filters).
 */
import type { RunList, RunsListQuery } from '../../hume/runs/client';
import type { Run } from '../../hume/runs/schemas';
import { runToJob } from '../../hume/runs/to-job';
import type { Job } from '../../jobs/job';
import type { StreamPosition, StreamState } from './cursor';
import { compareListed, type Listed } from './listing-order';

export type PageFetcher = (query: RunsListQuery) => Promise<RunList>;

/** Requests left for the whole listing page, shared by its streams. */
export interface RequestBudget {
  left: number;
}

export interface StreamItem extends Listed {
  job: Job;
  /** The API cursor its page was fetched with, its place on that page, and the page's size and next cursor. */
  page: string | null;
  index: number;
  pageLength: number;
  pageNext: string | null;
}

export class RunStream {
  private readonly buffer: StreamItem[] = [];
  /** The next API page to fetch; null when the stream has no more. */
  private pending: { cursor: string | null } | null;
  /** Where the last listing page stopped, until the stream has read past it. */
  private resumeFrom: StreamPosition | null;
  private lastTaken: StreamItem | null = null;
  /** The budget ran out before the stream could say whether it has more. */
  stalled = false;

  constructor(
    private readonly query: RunsListQuery,
    private readonly initial: StreamState,
    private readonly fetch: PageFetcher,
    private readonly budget: RequestBudget,
  ) {
    this.pending = initial === 'done' ? null : { cursor: initial === 'start' ? null : initial.cursor };
    this.resumeFrom = typeof initial === 'object' ? initial : null;
  }

  /** Makes sure the next run, if the stream has one, is buffered. */
  async fill(): Promise<void> {
    while (this.buffer.length === 0 && this.pending !== null) {
      if (this.budget.left <= 0) {
        this.stalled = true;
        return;
      }
      this.budget.left -= 1;
      const { cursor } = this.pending;
      const page = await this.fetch(cursor === null ? this.query : { ...this.query, cursor });
      const items = page.runs.map((run, index) => toItem(run, index, cursor, page));
      this.buffer.push(...this.resume(items));
      this.pending = page.nextCursor === null ? null : { cursor: page.nextCursor };
    }
  }

  peek(): StreamItem | undefined {
    return this.buffer[0];
  }

  take(): StreamItem | undefined {
    const item = this.buffer.shift();
    if (item) this.lastTaken = item;
    return item;
  }

  /** The place to save: after the last run taken, or where it started when none was. */
  state(): StreamState {
    const last = this.lastTaken;
    if (this.buffer.length === 0 && this.pending === null) return 'done';
    if (last === null) return this.initial;
    const base = { id: last.id, at: last.at };
    // The whole page was shown: start at the next one, a request saved.
    if (last.index + 1 === last.pageLength && last.pageNext !== null) return { cursor: last.pageNext, shown: 0, ...base };
    return { cursor: last.page, shown: last.index + 1, ...base };
  }

  /**
   * Drops what earlier listing pages showed. Normally the last run shown is where the saved
   * count says, or the page starts right after it (`shown` 0). When the page shifted (runs
   * started since, on top of an offset-paged list) the run is found further down; when it is not
   * on the page at all (it changed status, or moved to a later page) only runs listed after it
   * are kept, until the stream reads past it.
   */
  private resume(items: StreamItem[]): StreamItem[] {
    const from = this.resumeFrom;
    if (from === null) return items;
    const found = items[from.shown - 1]?.id === from.id ? from.shown - 1 : items.findIndex((item) => item.id === from.id);
    if (found >= 0) {
      this.resumeFrom = null;
      return items.slice(found + 1);
    }
    if (from.shown === 0 && items.length > 0) {
      this.resumeFrom = null; // the API cursor points right after it: trust it (ties keep the server's order)
      return items;
    }
    const after = items.filter((item) => compareListed(item, from) > 0);
    if (after.length > 0) this.resumeFrom = null;
    return after;
  }
}

function toItem(run: Run, index: number, page: string | null, list: RunList): StreamItem {
  const job = runToJob(run);
  return { job, id: run.run_id, at: job.startedAt ?? 0, page, index, pageLength: list.runs.length, pageNext: list.nextCursor };
}
