/**
 * `/hume-jobs summary since 24h`, read from Hume itself (not from what the poller saw), so it is
 * right with alerts off too. The walk is capped: a summary over a huge window says it is partial.
 */
import type { Clock } from '../../clock';
import { formatUtc } from '../../messages/describe-filter';
import { defaultFilter } from '../../jobs/filter';
import type { Job } from '../../jobs/job';
import { buildSummary } from '../../messages/summary-message';
import { summarize } from '../../reports/summarize-jobs';
import type { JobSource } from '../../sources/source';
import type { CommandResponse } from './command-response';

/** At most this many jobs are read for one summary. */
export const SUMMARY_JOB_CAP = 1000;
/** Bigger pages than a list shows: a summary is read, not displayed, job by job. */
const SUMMARY_PAGE_SIZE = 100;

export async function renderSummary(source: JobSource, clock: Clock, since: number, signal?: AbortSignal): Promise<CommandResponse> {
  const until = clock.now();
  const filter = { ...defaultFilter(), since, limit: SUMMARY_PAGE_SIZE };
  const jobs: Job[] = [];
  let cursor: string | null = null;
  do {
    const page = await source.listPage(filter, cursor, { signal });
    jobs.push(...page.jobs);
    cursor = page.nextCursor;
  } while (cursor !== null && jobs.length < SUMMARY_JOB_CAP);
  const title = `${source.name === 'runs' ? 'Runs' : 'Jobs'} since ${formatUtc(since, until)}`;
  return buildSummary(summarize(jobs.slice(0, SUMMARY_JOB_CAP), since, until), { title, capped: cursor !== null, source: source.name });
}
