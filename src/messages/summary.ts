/**
 * `/hume-jobs summary`: counts by status, typical durations and failures grouped by
 * cause over a window. The count and failure phrases are shared with the alert digest, so a
 * summary and a digest read the same.
 */
import { STATUS_KINDS, type StatusKind } from '../jobs/job';
import type { FailureGroup } from '../reports/failure-groups';
import type { Summary } from '../reports/summary';
import { context, header, mrkdwn, section, type Message, type MessageBlock } from './blocks';
import { fitMessage, LIMITS } from './limits';
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

/** Counts per status kind, in the kinds' order; kinds with none are left out unless `showZero`. */
export function countParts(counts: Record<StatusKind, number>, withErrors: number, showZero: boolean): CountPart[] {
  return STATUS_KINDS.filter((kind) => showZero || counts[kind] > 0).map((kind) => {
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
export function failureGroupsText(groups: readonly FailureGroup[]): string {
  const title = `*Failures by cause* (${plural(groups.length, 'cause')})`;
  const lines = groups.slice(0, MAX_CAUSES).map((g) => `• ${plural(g.count, 'job')}: ${clip(g.example, EXAMPLE_MAX)}`);
  return `${title}\n${packLines(lines, CAUSES_BUDGET - title.length - 1, groups.length)}`;
}

function durationOrNone(ms: number | null): string {
  return ms === null ? 'no data yet' : formatDuration(ms);
}

function windowLine(summary: Summary, capped: boolean): string {
  const window = `From ${slackDate(summary.since)} to ${slackDate(summary.until)}`;
  if (!capped) return window;
  return `${window} · based on the latest ${plural(summary.total, 'job')}; a shorter \`since\` gives complete counts`;
}

function bodyBlocks(summary: Summary): MessageBlock[] {
  if (summary.total === 0) return [section(':mag: No jobs were created in this window.')];
  const parts = countParts(summary.counts, summary.completedWithErrors, true);
  const blocks: MessageBlock[] = [
    section(`*${plural(summary.total, 'job')}*\n${countsLine(parts)}`),
    {
      type: 'section',
      fields: [
        mrkdwn(`*Median queue wait*\n${durationOrNone(summary.medianQueueWaitMs)}`),
        mrkdwn(`*Median run time*\n${durationOrNone(summary.medianRunTimeMs)}`),
      ],
    },
  ];
  if (summary.failures.length > 0) blocks.push(section(failureGroupsText(summary.failures)));
  return blocks;
}

function fallbackText(summary: Summary, title: string, capped: boolean): string {
  const name = clip(title, 200);
  if (summary.total === 0) return `${name}: no jobs`;
  const counted = `${plural(summary.total, 'job')} — ${countsWords(countParts(summary.counts, summary.completedWithErrors, false))}`;
  return `${name}: ${counted}${capped ? ' (the latest jobs only)' : ''}`;
}

export function buildSummary(summary: Summary, options: { title: string; capped: boolean }): Message {
  return fitMessage({
    text: fallbackText(summary, options.title, options.capped),
    blocks: [header(clip(options.title, LIMITS.header)), ...bodyBlocks(summary), context(windowLine(summary, options.capped))],
  });
}
