/**
 * One page of jobs: a header naming the filter, one section per job with a Details
 * button, a context line saying which jobs are shown, and Previous/Next buttons.
 */
import type { Button } from '@slack/types';
import type { Direction, SortKey } from '../jobs/filter';
import { shortId, STATUS_KINDS, type Job } from '../jobs/job';
import { ACTION_DETAILS, ACTION_PAGE_NEXT, ACTION_PAGE_PREV } from './action-ids';
import { actions, button, context, header, section, type Message, type MessageBlock, type Section } from './blocks';
import { counts, dateOrUnknown, describeSubject, describeWork, durations, placedAt, shortIdCode } from './job-parts';
import { blockTextLength, entryBlockId, fitMessage, LIMITS } from './limits';
import { clip, code, plural } from './mrkdwn';
import { statusText } from './status';

export interface PageInfo {
  /** 0-based page number; it keeps block ids fresh when a page replaces the previous one. */
  index: number;
  hasPrev: boolean;
  hasNext: boolean;
  /** Opaque values the pagination listener gets back; a button shows only with its value. */
  prevValue: string | null;
  nextValue: string | null;
}

export interface JobListInput {
  jobs: readonly Job[];
  /** Names the filter, e.g. "Failed jobs since 2h". Escaped here: it may hold words a user typed. */
  title: string;
  now: number;
  page: PageInfo;
  /** How many jobs earlier pages showed, for "Showing 11–20". */
  totalShownBefore: number;
  /** The list's order, for the context line; left out when not given. */
  order?: { sort: SortKey; direction: Direction };
}

/** How much of each variable part an entry may show; later levels are for crowded pages. */
interface Caps {
  input: number;
  work: number;
  error: number;
}

const CAP_LEVELS: readonly [Caps, ...Caps[]] = [
  { input: 80, work: 100, error: 300 },
  { input: 60, work: 60, error: 150 },
  { input: 40, work: 40, error: 80 },
  { input: 24, work: 24, error: 40 },
];

/** Room kept for the "left out" line limits.ts adds if the page still does not fit. */
const NOTE_RESERVE = 200;

function entryText(job: Job, now: number, caps: Caps): string {
  const { label, at } = placedAt(job);
  // A run's first line says what was measured and how (it has no inputs); its second, by whom.
  const second = job.source === 'runs' ? (job.userId ? `user ${code(job.userId, caps.work)}` : 'unknown user') : describeWork(job, caps.work);
  const lines = [`${statusText(job)}  ${shortIdCode(job.id)}  ${describeSubject(job, caps.input)}`, `${second} · ${label} ${dateOrUnknown(at)}`];
  const timing = [durations(job, now), job.status === 'completed' ? counts(job) : ''].filter((s) => s !== '');
  if (timing.length > 0) lines.push(timing.join(' · '));
  if (job.status === 'failed') lines.push(`Error: ${clip(job.errorMessage ?? 'no error message given', caps.error)}`);
  return lines.join('\n');
}

function detailsButton(job: Job): Button {
  return button('Details', ACTION_DETAILS, job.id);
}

interface Entry {
  job: Job;
  level: number;
  block: Section;
}

/**
 * One section per job, shortened where needed so the page fits the text budget: the longest
 * entry gives up detail first, so a page of short jobs keeps every error message whole.
 */
function entrySections(jobs: readonly Job[], now: number, page: number, available: number): Section[] {
  const render = (job: Job, index: number, level: number): Section =>
    section(entryText(job, now, CAP_LEVELS[level] ?? CAP_LEVELS[0]), detailsButton(job), entryBlockId(page, index));
  const entries: Entry[] = jobs.map((job, i) => ({ job, level: 0, block: render(job, i, 0) }));
  const size = (e: Entry): number => blockTextLength([e.block]);
  while (blockTextLength(entries.map((e) => e.block)) > available) {
    const candidates = entries.filter((e) => e.level < CAP_LEVELS.length - 1);
    const longest = candidates.reduce<Entry | undefined>((a, e) => (a === undefined || size(e) > size(a) ? e : a), undefined);
    if (longest === undefined) break;
    longest.level += 1;
    longest.block = render(longest.job, entries.indexOf(longest), longest.level);
  }
  return entries.map((e) => e.block);
}

const ORDER_WORDS: Record<SortKey, Record<Direction, string>> = {
  created: { desc: 'newest first', asc: 'oldest first' },
  started: { desc: 'most recently started first', asc: 'earliest started first' },
  ended: { desc: 'most recently ended first', asc: 'earliest ended first' },
};

function showingLine(count: number, before: number, order: JobListInput['order']): string {
  const first = before + 1;
  const range =
    count === 0 ? 'No jobs on this page' : count === 1 ? `Showing ${first}` : `Showing ${first}–${before + count}`;
  return order ? `${range} · ${ORDER_WORDS[order.sort][order.direction]}` : range;
}

function navigation(page: PageInfo): MessageBlock[] {
  const buttons: Button[] = [];
  if (page.hasPrev && page.prevValue) buttons.push(button('Previous', ACTION_PAGE_PREV, page.prevValue));
  if (page.hasNext && page.nextValue) buttons.push(button('Next', ACTION_PAGE_NEXT, page.nextValue));
  return buttons.length > 0 ? [actions(buttons)] : [];
}

/** "Failed jobs since 2h — 10 failed jobs: `1a2b3c4d`, …" for notifications and screen readers. */
function fallbackText(title: string, jobs: readonly Job[]): string {
  const name = clip(title, 200);
  if (jobs.length === 0) return `${name}: no jobs on this page`;
  const kinds = STATUS_KINDS.map((kind) => ({ kind, n: jobs.filter((j) => j.status === kind).length })).filter(
    (k) => k.n > 0,
  );
  const only = kinds.length === 1 ? kinds[0] : undefined;
  const phrase = only
    ? `${jobs.length} ${only.kind} ${jobs.length === 1 ? 'job' : 'jobs'}`
    : `${plural(jobs.length, 'job')} (${kinds.map((k) => `${k.n} ${k.kind}`).join(', ')})`;
  return `${name} — ${phrase}: ${jobs.map((j) => clip(shortId(j.id), 40)).join(', ')}`;
}

export function buildJobList(input: JobListInput): Message {
  const { jobs, page } = input;
  const top = [header(clip(input.title, LIMITS.header))];
  const bottom = [context(showingLine(jobs.length, input.totalShownBefore, input.order)), ...navigation(page)];
  const available = LIMITS.textBudget - blockTextLength([...top, ...bottom]) - NOTE_RESERVE;
  const entries = entrySections(jobs, input.now, page.index, available);
  return fitMessage(
    { text: fallbackText(input.title, jobs), blocks: [...top, ...entries, ...bottom] },
    {
      omitted: (n) =>
        `${plural(n, 'more job')} on this page left out to fit Slack's message size limit; try a smaller \`limit\`.`,
    },
  );
}
