/**
 * A list that matched nothing says what matched nothing, in the source's words ("No runs for
 * user `nobody`."); "Hume has no jobs for this API key yet" only when nothing was filtered. Pure.
 */
import { timeWindow } from './describe-filter';
import { orList } from '../text/or-list';
import type { JobFilter } from '../jobs/filter';
import { STATUS_KINDS, type SourceName } from '../jobs/job';
import { header, section, type Message } from './blocks';
import { nounOf } from './job-parts';
import { fitMessage, LIMITS } from './limits';
import { clip, code } from './mrkdwn';

/** "No failed runs for user `nobody` on the audio endpoint since Nov 1", or null when nothing was filtered. */
export function noMatchSentence(filter: JobFilter, source: SourceName, now: number): string | null {
  const kinds = STATUS_KINDS.filter((kind) => filter.statuses.includes(kind));
  const parts = [
    filter.userId !== null ? `for user ${code(filter.userId, 100)}` : null,
    filter.endpoint !== null ? `on the ${filter.endpoint} endpoint` : null,
    filter.mode !== null ? `in ${filter.mode} mode` : null,
    timeWindow(filter, now).trim() || null,
  ].filter((part): part is string => part !== null);
  if (kinds.length === 0 && parts.length === 0) return null;
  const what = [...(kinds.length > 0 ? [orList(kinds)] : []), `${nounOf(source)}s`].join(' ');
  return `No ${what}${parts.length > 0 ? ` ${parts.join(' ')}` : ''}.`;
}

export function buildNoMatches(title: string, filter: JobFilter, source: SourceName, now: number): Message {
  const sentence = noMatchSentence(filter, source, now);
  const noun = `${nounOf(source)}s`;
  const body = sentence === null ? `Hume has no ${noun} for this API key yet.` : `${sentence} Try a wider time range or fewer filters.`;
  return fitMessage({
    text: `${clip(title, 200)}: ${sentence === null ? `no ${noun} yet` : `no ${noun} matched`}`,
    // The body is built of escaped parts (the user's text is in a code span, at most 100 characters).
    blocks: [header(clip(title, LIMITS.header)), section(`:mag: ${body}`)],
  });
}
