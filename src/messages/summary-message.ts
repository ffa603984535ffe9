/**
 * `/hume-jobs summary`: counts by status, typical durations and failures grouped by
 * cause over a window. The count and failure phrases are shared with the alert digest, so a
 * summary and a digest read the same.
 */
import { STATUS_KINDS, type SourceName, type StatusKind } from '../jobs/job';
import type { FailureGroup } from '../reports/failure-groups';
import type { Summary } from '../reports/summarize-jobs';
import { context, header, mrkdwn, section, type Message, type MessageBlock } from './blocks';
import { fitMessage, LIMITS } from './limits';
import { kindsOf, nounOf } from './job-parts';
import { clip, formatDuration, packLines, plural, slackDate } from './mrkdwn';
import { kindLabel } from './status';

/** How many causes a summary lists; the rest are counted in "and N more". */
const MAX_CAUSES = 10;
/** Room for the causes section, under the 3,000 a section may hold. */
const CAUSES_BUDGET = 2500;
/** One example message per cause: enough to recognise it, short enough for ten of them. */
const EXAMPLE_MAX = 220;

export interface CountPart {
  kind: StatusKind;
  /** "30 completed (2 with errors)" */
  words: string;
}

/**
 * Counts per status kind, in the kinds' order; kinds with none are left out unless `showZero`.
 * `kinds` are the source's own (`kindsOf`): runs are never queued, so no "0 queued" for them.
 */
export function countParts(
  counts: Record<StatusKind, number>,
  withErrors: number,
  showZero: boolean,
  kinds: readonly StatusKind[] = STATUS_KINDS,
): CountPart[] {
  return kinds.filter((kind) => showZero || counts[kind] > 0).map((kind) => {
    const errors = kind === 'completed' && withErrors > 0 ? ` (${withErrors.toLocaleString('en-US')} with errors)` : '';
    return { kind, words: `${counts[kind].toLocaleString('en-US')} ${kind}${errors}` };
  });
}

/** ":white_check_mark: 30 completed (2 with errors) · :x: 5 failed", for mrkdwn. */
export function countsLine(parts: readonly CountPart[]): string {
  return parts.map((p) => `${kindLabel(p.kind).emoji} ${p.words}`).join(' · ');
}

/** "30 completed, 5 failed", for fallback text. */
export function countsWords(parts: readonly CountPart[]): string {
  return parts.map((p) => p.words).join(', ');
}

/**
 * "*Failures by cause*" and one line per cause, largest first: how many jobs, and one real
 * message of the group, escaped. Causes past `MAX_CAUSES` or the budget end in "and N more".
 */
export function failureGroupsText(groups: readonly FailureGroup[], noun: 'job' | 'run' = 'job'): string {
  const title = `*Failures by cause* (${plural(groups.length, 'cause')})`;
  const lines = groups.slice(0, MAX_CAUSES).map((g) => `• ${plural(g.count, noun)}: ${clip(g.example, EXAMPLE_MAX)}`);
  return `${title}\n${packLines(lines, CAUSES_BUDGET - title.length - 1, groups.length)}`;
}

function durationOrNone(ms: number | null): string {
  return ms === null ? 'no data yet' : formatDuration(ms);
}

function windowLine(summary: Summary, capped: boolean, source: SourceName): string {
  const window = `From ${slackDate(summary.since)} to ${slackDate(summary.until)}`;
  if (!capped) return window;
  return `${window} · based on the latest ${plural(summary.total, nounOf(source))}; a shorter \`since\` gives complete counts`;
}

/** "Median queue wait · median run time" (batch), or the run time alone: a run has no queue. */
export function typicalDurations(summary: Pick<Summary, 'medianQueueWaitMs' | 'medianRunTimeMs'>, source: SourceName): { label: string; value: string }[] {
  const run = { label: 'Median run time', value: durationOrNone(summary.medianRunTimeMs) };
  return source === 'runs' ? [run] : [{ label: 'Median queue wait', value: durationOrNone(summary.medianQueueWaitMs) }, run];
}

function bodyBlocks(summary: Summary, source: SourceName): MessageBlock[] {
  const noun = nounOf(source);
  if (summary.total === 0) return [section(`:mag: No ${noun}s were ${source === 'runs' ? 'started' : 'created'} in this window.`)];
  const parts = countParts(summary.counts, summary.completedWithErrors, true, kindsOf(source));
  const blocks: MessageBlock[] = [
    section(`*${plural(summary.total, noun)}*\n${countsLine(parts)}`),
    { type: 'section', fields: typicalDurations(summary, source).map(({ label, value }) => mrkdwn(`*${label}*\n${value}`)) },
  ];
  if (summary.failures.length > 0) blocks.push(section(failureGroupsText(summary.failures, noun)));
  return blocks;
}

function fallbackText(summary: Summary, title: string, capped: boolean, source: SourceName): string {
  const name = clip(title, 200);
  const noun = nounOf(source);
  if (summary.total === 0) return `${name}: no ${noun}s`;
  const counted = `${plural(summary.total, noun)} — ${countsWords(countParts(summary.counts, summary.completedWithErrors, false))}`;
  return `${name}: ${counted}${capped ? ` (the latest ${noun}s only)` : ''}`;
}

export function buildSummary(summary: Summary, options: { title: string; capped: boolean; source?: SourceName }): Message {
  const source = options.source ?? 'batch';
  return fitMessage({
    text: fallbackText(summary, options.title, options.capped, source),
    blocks: [header(clip(options.title, LIMITS.header)), ...bodyBlocks(summary, source), context(windowLine(summary, options.capped, source))],
  });
}
