/**
 * Day-one history: on its first start the app records the last week of jobs from Hume, newest
 * first, so App Home, the board and `summary` agree from the first minute and the overdue rule
 * has finished jobs to learn from. Nothing recorded here is ever alerted: it is the past.
 *
 * It runs only before the first poll cycle ever committed (a later start has seen everything
 * since, and whatever it has not seen must be alerted, not recorded), and the poller's first
 * cycle alerts nothing. A walk that took a while is topped up with what was created meanwhile
 * (a range from where it began to now), until one takes under TOP_UP_AFTER_MS, so the first
 * cycle's short look-back leaves no gap.
 *
 * Crash safety: each page's jobs and the walk's place are committed in ONE transaction, so a
 * restart resumes after the last page committed (the first cycle does not run, and nothing is
 * alerted, until the walk is over). A job the store already has is left as it is, so a page read
 * again, or a replica that lost the lease mid-walk, never writes an older state over a newer one.
 *
 * Bounds: at most `maxPages` pages in all (persisted) and `maxMs` per attempt; past either the
 * walk ends where it got to (newest first, so the days that matter most are in) and says so.
 * The last `completeMs` (a day and margins) is always read whole, bounds or not: App Home and the
 * board show that day, and the runs source's sweep reads it again, where a run the walk skipped
 * would be taken for a new one and alerted.
 */
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { ChangeFeed, HistoryPosition } from '../sources/source';
import type { JobStore, TrackedJob } from '../store/store';
import { hasPolled } from './poller';

export const HISTORY_KEY = 'first_start_history';
const DAY_MS = 86_400_000;
/** Under the poller's shortest look-back (2 minutes), so its first cycle covers what comes after. */
const TOP_UP_AFTER_MS = 60_000;

export interface HistoryLimits {
  /** How far back the first start looks. */
  lookBackMs: number;
  /** Pages in all (batch: 500 jobs a page, runs: 200): 200 pages is 100,000 jobs or 40,000 runs. */
  maxPages: number;
  /** Time one attempt may take before it stops where it got to. */
  maxMs: number;
  /** One progress line every this many pages. */
  logEveryPages: number;
  /** The newest part of the history, read whole whatever the bounds. */
  completeMs: number;
}

export const DEFAULT_HISTORY_LIMITS: HistoryLimits = {
  lookBackMs: 7 * DAY_MS,
  maxPages: 200,
  maxMs: 5 * 60_000,
  logEveryPages: 10,
  completeMs: DAY_MS + 30 * 60_000,
};

export interface FirstStartHistory {
  /**
   * On the first start, records the history unless it was already; resumes a walk a crash cut
   * short; does nothing (no request, no query after the first call) once polling has begun.
   * `ensureActive` throws when this replica stopped being the active one (checked before each commit).
   */
  record(ensureActive: () => void): Promise<void>;
}

const positionSchema = z.object({ ts: z.number().int(), id: z.string().min(1) });
const stateSchema = z.object({
  v: z.literal(1),
  since: z.number().int(),
  until: z.number().int(),
  from: positionSchema.nullable(),
  pages: z.number().int().min(0),
  jobs: z.number().int().min(0),
  done: z.boolean(),
});
type HistoryState = z.infer<typeof stateSchema>;

function readState(raw: string | null): HistoryState | null {
  if (raw === null) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

export function createFirstStartHistory(options: {
  feed: ChangeFeed;
  store: JobStore;
  clock: Clock;
  logger: Logger;
  limits?: Partial<HistoryLimits>;
}): FirstStartHistory {
  const { feed, store, clock, logger } = options;
  const limits = { ...DEFAULT_HISTORY_LIMITS, ...options.limits };

  async function walk(state: HistoryState, ensureActive: () => void): Promise<void> {
    const historyPage = feed.historyPage!.bind(feed);
    const started = clock.now();
    const lookedBackTo = state.since;
    const range = { since: state.since, until: state.until };
    let requests = 0;
    let stopped: 'pages' | 'time' | null = null;
    logger.info(
      { since: iso(state.since), until: iso(state.until), resumedAfter: state.from ? iso(state.from.ts) : null, pagesSoFar: state.pages },
      state.from
        ? 'first start: resuming the history walk where it stopped (nothing of it is alerted)'
        : state.pages > 0
          ? 'first start: recording the jobs created since the history was read (nothing of it is alerted)'
          : 'first start: recording the last week of jobs from Hume (nothing of it is alerted)',
    );
    let from: HistoryPosition | null = state.from;
    let rangeStarted = started;
    let stoppedAt: number | null = null;
    while (!state.done) {
      const bounded = from !== null && from.ts < state.until - limits.completeMs;
      if (stopped === null && bounded && state.pages >= limits.maxPages) stopped = 'pages';
      else if (stopped === null && bounded && clock.now() - started >= limits.maxMs) stopped = 'time';
      const fresh = new Map<string, TrackedJob>();
      if (stopped !== null && bounded) {
        // Past a bound: this range ends here (what was created meanwhile is still read below).
        stoppedAt = from!.ts;
        state.from = null;
        state.done = true;
      } else {
        const page = await historyPage(range, from);
        requests += page.requests;
        const known = new Set((await store.getJobs(page.jobs.map((job) => job.id))).map((tracked) => tracked.id));
        const seenAt = clock.now();
        for (const job of page.jobs) {
          if (known.has(job.id) || job.createdAt === null || job.createdAt < state.since) continue;
          fresh.set(job.id, { id: job.id, status: job.status, rawStatus: job.rawStatus, snapshot: job, seenAt });
        }
        state.pages += 1;
        state.jobs += fresh.size;
        state.from = page.next;
        state.done = page.next === null;
      }
      if (state.done && clock.now() - rangeStarted >= TOP_UP_AFTER_MS) {
        // What was created while this range was read: one more range, from where it began to now.
        rangeStarted = clock.now();
        Object.assign(state, { since: state.until, until: rangeStarted, from: null, done: false });
        range.since = state.since;
        range.until = state.until;
        logger.info({ since: iso(state.since), until: iso(state.until) }, 'first start: reading the jobs created while the history was read');
      }
      ensureActive();
      await store.commitCycle({ upsertJobs: [...fresh.values()], alerts: [], progress: { [HISTORY_KEY]: JSON.stringify(state) } });
      from = state.from;
      if (!state.done && state.pages % limits.logEveryPages === 0) {
        logger.info({ pages: state.pages, jobs: state.jobs, requests, backTo: from ? iso(from.ts) : null }, 'first start: history walk in progress');
      }
    }
    const summary = { pages: state.pages, jobs: state.jobs, requests, ms: clock.now() - started, backTo: iso(stoppedAt ?? lookedBackTo) };
    if (stopped === null) logger.info(summary, 'first start: history recorded; alerts start from here');
    else {
      const bound = stopped === 'pages' ? `the limit of ${limits.maxPages} pages` : `the limit of ${Math.round(limits.maxMs / 1000)} s`;
      logger.warn(
        { ...summary, stoppedBy: stopped },
        `first start: history walk stopped at ${bound}; jobs older than backTo are not recorded (boards, App Home and the overdue rule start from there; summary reads Hume and is unaffected)`,
      );
    }
  }

  let finished = !feed.historyPage;
  return {
    async record(ensureActive) {
      if (finished) return;
      const saved = readState(await store.getProgress(HISTORY_KEY));
      // Not started before the first cycle: a later start's unseen jobs must be alerted, not recorded.
      if ((saved === null || saved.done) && (await hasPolled(store))) {
        finished = true;
        return;
      }
      const now = clock.now();
      if (saved?.done && now - saved.until >= TOP_UP_AFTER_MS) {
        // Recorded, then stopped before the first cycle: what was created since is history too.
        await walk({ ...saved, since: saved.until, until: now, from: null, done: false }, ensureActive);
      } else if (!saved?.done) {
        await walk(saved ?? { v: 1, since: now - limits.lookBackMs, until: now, from: null, pages: 0, jobs: 0, done: false }, ensureActive);
      }
      finished = true;
    },
  };
}
