/**
 * One job in full: the whole request, the timeline, counts, the error and, for runs,
 * the problem events. The same blocks serve the Details modal and the `/hume-jobs job <id>` reply.
 */
import { shortId, type InputFile, type Job, type ModelRequest, type ProblemSummary } from '../jobs/job';
import { divider, header, plain, section, type Message, type MessageBlock, type Modal } from './blocks';
import { counts, dateOrUnknown, placedAt, timing, type Span } from './job-parts';
import { fitMessage, fitModal } from './limits';
import { clip, code, escapeMrkdwn, formatDuration, packLines, truncate } from './mrkdwn';
import { statusText, statusWord } from './status';

/**
 * Character allowances per part. Together they stay under the 10,000 budget, so the fitter in
 * limits.ts is only a safety net here and every list ends with an honest "and N more".
 */
const BUDGET = { files: 1500, urls: 1200, models: 2000, problems: 1000, error: 1500 } as const;
/** Lines rendered before packing; anything past this is only counted. */
const MAX_LISTED = 60;

function fileLine(file: InputFile): string {
  const type = clip(file.contentType ?? 'unknown type', 80);
  const md5 = file.md5 ? code(file.md5, 48) : 'unknown';
  return `• ${clip(file.name ?? 'unnamed file', 150)} — ${type} · md5 ${md5}`;
}

/** Option values as compact text: nulls are unset options and are left out. */
function optionValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? typeof value;
}

function modelLine(model: ModelRequest): string {
  const options = Object.entries(model.options)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${optionValue(v)}`)
    .join(', ');
  return `• *${clip(model.name, 60)}* — ${options === '' ? 'default options' : clip(options, 600)}`;
}

/** A bold label over a capped list, or nothing when the list is empty. */
function listSection(label: string, lines: readonly string[], total: number, budget: number): MessageBlock[] {
  if (total === 0) return [];
  const title = `*${label}* (${total})`;
  return [section(`${title}\n${packLines(lines.slice(0, MAX_LISTED), budget - title.length - 1, total)}`)];
}

function summarySection(job: Job): MessageBlock {
  return section(
    [statusText(job), `*ID* ${code(job.id, 300)}`, `*Source* ${job.source} · status ${code(job.rawStatus, 60)}`].join('\n'),
  );
}

function requestBlocks(job: Job): MessageBlock[] {
  const { files, urls, textCount } = job.inputs;
  const blocks = [
    ...listSection('Files', files.slice(0, MAX_LISTED).map(fileLine), files.length, BUDGET.files),
    ...listSection('URLs', urls.slice(0, MAX_LISTED).map((u) => `• ${code(u, 300)}`), urls.length, BUDGET.urls),
    ...listSection('Models', job.models.slice(0, MAX_LISTED).map(modelLine), job.models.length, BUDGET.models),
  ];
  // A batch job with nothing listed says so; a run has no inputs to list (its endpoint follows).
  if (textCount > 0 || (blocks.length === 0 && job.source === 'batch')) blocks.push(section(`*Texts* ${textCount}`));
  if (job.source === 'runs') {
    const run = [
      `Endpoint: ${clip(job.endpoint ?? 'unknown', 60)}`,
      `Mode: ${clip(job.mode ?? 'unknown', 60)}`,
      `User: ${job.userId ? code(job.userId, 100) : 'unknown'}`,
    ];
    blocks.push(section(`*Run*\n${run.join(' · ')}`));
  }
  return blocks;
}

function spanText(span: Span): string {
  return `${formatDuration(span.ms)}${span.ongoing ? ' so far' : ''}`;
}

function timelineSection(job: Job, now: number): MessageBlock {
  const notYet = job.status === 'queued' || job.status === 'running' ? 'not yet' : 'unknown';
  const lines: string[] = [];
  if (job.source === 'batch') lines.push(`Created: ${dateOrUnknown(job.createdAt)}`);
  lines.push(`Started: ${job.startedAt === null ? notYet : dateOrUnknown(job.startedAt)}`);
  lines.push(`Ended: ${job.endedAt === null ? notYet : dateOrUnknown(job.endedAt)}`);
  const { wait, run } = timing(job, now);
  if (wait) lines.push(`Queue wait: ${spanText(wait)}`);
  if (run) lines.push(`Run time: ${spanText(run)}`);
  return section(`*Timeline*\n${lines.join('\n')}`);
}

/**
 * The error as plain text: escaping stops mentions and links, but only plain_text also stops
 * `*bold*` and `_italic_` in a message we do not control.
 */
function errorBlocks(job: Job): MessageBlock[] {
  if (!job.errorMessage) return [];
  return [section('*Error*'), { type: 'section', text: plain(truncate(escapeMrkdwn(job.errorMessage), BUDGET.error)) }];
}

/** A run's problem events counted by kind, saying when the log was capped (runs only). */
export function problemBlocks(problems: ProblemSummary | undefined): MessageBlock[] {
  if (problems === undefined) return [];
  const entries = Object.entries(problems.counts).sort(([, a], [, b]) => b - a);
  const label = `*Problems*${problems.capped ? ' (log capped: counts are lower bounds)' : ''}`;
  if (entries.length === 0) return [section(`${label}\nNone reported.`)];
  const lines = entries.slice(0, MAX_LISTED).map(([kind, n]) => `• ${code(kind, 80)}: ${n}`);
  return [section(`${label}\n${packLines(lines, BUDGET.problems - label.length - 1, entries.length)}`)];
}

/** Hume's answers for this job could not be read (the poller's mark): what is shown is its last readable state. */
function unreadableBlocks(job: Job): MessageBlock[] {
  const mark = job.unreadable;
  if (!mark) return [];
  const why = truncate(escapeMrkdwn(mark.reason), 300);
  return [section(`:warning: *Unreadable:* Hume's answers for this job could not be read since ${dateOrUnknown(mark.since)} (${why}). Shown as last read.`)];
}

/** Everything about one job, in reading order. */
export function jobDetailBlocks(job: Job, now: number): MessageBlock[] {
  const result = counts(job);
  return [
    summarySection(job),
    ...unreadableBlocks(job),
    divider(),
    ...requestBlocks(job),
    timelineSection(job, now),
    ...(result === '' ? [] : [section(`*Results*\n${result}`)]),
    ...errorBlocks(job),
    ...problemBlocks(job.problems),
  ];
}

function jobName(id: string): string {
  return `Job ${clip(shortId(id), 40)}`;
}

/** The Details modal: read-only, so it has Close and no Submit. */
export function buildJobDetailsModal(job: Job, now: number): Modal {
  return fitModal({
    type: 'modal',
    title: plain(jobName(job.id)),
    close: plain('Close'),
    blocks: jobDetailBlocks(job, now),
  });
}

/** The `/hume-jobs job <id>` reply: the modal's content as a message. */
export function buildJobMessage(job: Job, now: number): Message {
  const { label, at } = placedAt(job);
  const error = job.errorMessage ? ` — ${clip(job.errorMessage, 300)}` : '';
  return fitMessage({
    text: `${jobName(job.id)}: ${statusWord(job)}, ${label} ${dateOrUnknown(at)}${error}`,
    blocks: [header(jobName(job.id)), ...jobDetailBlocks(job, now)],
  });
}

/**
 * Shown the moment Details is clicked: `trigger_id` expires after 3 seconds and Hume may be
 * slower, so the modal opens at once and the details replace it.
 */
export function buildLoadingModal(id: string): Modal {
  return fitModal({
    type: 'modal',
    title: plain(jobName(id)),
    close: plain('Close'),
    blocks: [section(`:hourglass_flowing_sand: Loading job ${code(id, 300)}…`)],
  });
}

/** What the modal says when the details cannot be shown; `sentence` is plain words for the user. */
export function buildModalError(sentence: string): Modal {
  return fitModal({
    type: 'modal',
    title: plain('Job details'),
    close: plain('Close'),
    blocks: [section(`:warning: ${clip(sentence, 2000)}`)],
  });
}
