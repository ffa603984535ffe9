/** One page of a job list as a message, shared by the command and the Next/Previous buttons. */
import type { Clock } from '../../clock';
import { describeFilter } from '../../messages/describe-filter';
import { buildJobList } from '../../messages/job-list';
import { buildNoMatches } from '../../messages/empty-list';
import type { JobSource } from '../../sources/source';
import { encodePageState, nextPage, previousPage, type PageState } from '../page-state';
import type { CommandResponse } from './command-response';

export async function renderListPage(source: JobSource, clock: Clock, state: PageState, signal?: AbortSignal): Promise<CommandResponse> {
  const page = await source.listPage(state.filter, state.cursor, { signal });
  const title = describeFilter(state.filter, undefined, source.name === 'runs' ? 'runs' : 'jobs');
  if (page.jobs.length === 0 && state.index === 0) return buildNoMatches(title, state.filter, source.name, clock.now());
  return buildJobList({
    jobs: page.jobs,
    title,
    now: clock.now(),
    page: {
      index: state.index,
      hasPrev: state.index > 0,
      hasNext: page.nextCursor !== null,
      prevValue: encodePageState(previousPage(state)),
      nextValue: page.nextCursor !== null ? encodePageState(nextPage(state, page.nextCursor)) : '',
    },
    totalShownBefore: state.index * state.filter.limit,
  });
}
