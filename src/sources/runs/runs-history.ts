/**
 * The runs API's history, newest first, one page at a time, for the first start: runs started
 * in [since, until) (`started_after` inclusive, `started_before` exclusive). Each page asks for
 * runs started before the last one taken plus a millisecond, so a millisecond cut by the page
 * end is read again whole (whatever order the API gives runs that share one; the caller skips
 * those it has). A page that stays inside that one millisecond follows the API's cursor instead.
 */
import { MAX_RUNS_PAGE_SIZE, type RunsClient } from '../../hume/runs/client';
import { runToJob } from '../../hume/runs/to-job';
import type { CallOptions, HistoryPage, HistoryPosition } from '../source';

/** Pages followed by cursor while a whole page shares the boundary millisecond. */
const MAX_FOLLOW = 10;

export async function runsHistoryPage(
  client: RunsClient,
  range: { since: number; until: number },
  from: HistoryPosition | null,
  options?: CallOptions & { pageSize?: number },
): Promise<HistoryPage> {
  const query = {
    pageSize: options?.pageSize ?? MAX_RUNS_PAGE_SIZE,
    startedAfter: range.since,
    startedBefore: from === null ? range.until : Math.min(range.until, from.ts + 1),
  };
  const jobs = [];
  let cursor: string | null = null;
  for (let requests = 1; ; requests++) {
    const page = await client.listRuns(cursor === null ? query : { ...query, cursor }, { signal: options?.signal });
    jobs.push(...page.runs.map(runToJob));
    const last = jobs.at(-1);
    if (page.nextCursor === null || page.runs.length === 0 || !last || last.createdAt === null) return { jobs, next: null, requests };
    const next = { ts: last.createdAt, id: last.id };
    if (from === null || next.ts < from.ts || requests >= MAX_FOLLOW) return { jobs, next, requests };
    cursor = page.nextCursor;
  }
}
