/**
 * Walking a JobSource listing page by page the way the Next button does, and the checks every
 * walk must pass whatever the source: each matching job once, in order, every page full but the
 * last, and a cursor that fits a Slack button value.
 */
import type { JobFilter } from '../../src/jobs/filter';
import type { Job } from '../../src/jobs/job';
import type { JobSource } from '../../src/sources/source';

/** Follows next cursors to the end; fails on a cursor of `maxCursorChars` or more. */
export async function walkPages(source: JobSource, f: JobFilter, maxCursorChars: number, maxPages = 200): Promise<Job[][]> {
  const pages: Job[][] = [];
  let cursor: string | null = null;
  for (let i = 0; i < maxPages; i++) {
    const page = await source.listPage(f, cursor);
    pages.push(page.jobs);
    if (page.nextCursor === null) return pages;
    expect(page.nextCursor.length).toBeLessThan(maxCursorChars);
    cursor = page.nextCursor;
  }
  throw new Error('paging did not end');
}

export function expectPaged(pages: Job[][], expected: string[], limit: number): void {
  const ids = pages.flat().map((job) => job.id);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids).toEqual(expected);
  pages.slice(0, -1).forEach((page) => expect(page).toHaveLength(limit));
  const last = pages.at(-1) ?? [];
  if (expected.length > 0) expect(last.length).toBeGreaterThan(0);
  expect(last.length).toBeLessThanOrEqual(limit);
}

/**
 * `count` start or creation times going back from a second before `now`, newest first;
 * `groupSizes` (cycled) says how many share each millisecond, and groups are up to `maxGapMs`
 * apart (spread pseudo-randomly, the same on every run).
 */
export function groupedTimes(now: number, count: number, groupSizes: number[], maxGapMs: number): number[] {
  const times: number[] = [];
  let ms = now - 1000;
  let group = 0;
  let left = groupSizes[0] ?? 1;
  for (let i = 0; i < count; i++) {
    if (left === 0) {
      group++;
      left = groupSizes[group % groupSizes.length] ?? 1;
      ms -= 1 + ((i * 7919) % maxGapMs);
    }
    left--;
    times.push(ms);
  }
  return times;
}
