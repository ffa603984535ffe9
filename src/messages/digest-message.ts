/**
 * A channel's scheduled digest (`/hume-jobs digest daily 9:00`): what happened since the last one,
 * laid out to be glanced at. The counts by status are a `table` block (one per message, messages
 * only: limits.ts keeps both rules); the fallback text carries the same counts for clients that
 * show no table (notifications, older apps). Then typical durations, failures by cause, the
 * slowest jobs and what is queued or running now. Phrases are the summary's and the board's, so
 * a digest, a summary and a board read the same.
 */
import type { DigestReport } from '../domain/digest-schedule';
import { cadenceWords } from '../domain/digest-schedule';
import { activeLine } from './board';
import { context, header, mrkdwn, section, table, type Message, type MessageBlock } from './blocks';
import { describeSubject, kindsOf, nounOf, shortIdCode } from './job-parts';
import { fitMessage } from './limits';
import { clip, formatDuration, packLines, plural, slackDate } from './mrkdwn';
import { countParts, countsWords, failureGroupsText, typicalDurations } from './summary-message';
import { kindLabel } from './status';

/** Later than this after its time, a digest says it is late (the app was down, or Slack held it). */
const LATE_MS = 15 * 60_000;
const LIST_BUDGET = 1500;

const TITLES: Record<DigestReport['schedule']['cadence'], string> = {
  daily: 'Daily digest',
  weekdays: 'Daily digest',
  weekly: 'Weekly digest',
};

function percent(n: number, total: number): string {
  return total === 0 ? '—' : `${Math.round((n / total) * 100)}%`;
}

/** Status · count · share, one row per status the source has, and the total. */
function countsTable(report: DigestReport): MessageBlock {
  const { summary, source } = report;
  const rows = kindsOf(source).map((kind) => {
    const errors = kind === 'completed' && summary.completedWithErrors > 0 ? ` (${summary.completedWithErrors.toLocaleString('en-US')} with errors)` : '';
    return [`${kindLabel(kind).word}${errors}`, summary.counts[kind].toLocaleString('en-US'), percent(summary.counts[kind], summary.total)];
  });
  return table([['Status', `${nounOf(source) === 'run' ? 'Runs' : 'Jobs'}`, 'Share'], ...rows, ['Total', summary.total.toLocaleString('en-US'), percent(summary.total, summary.total)]], ['left', 'right', 'right']);
}

function slowestText(report: DigestReport): string | null {
  if (report.slowest.length === 0) return null;
  const lines = report.slowest.map(({ job, runMs }) => `• ${formatDuration(runMs)}  ${shortIdCode(job.id)}  ${describeSubject(job, 60)}`);
  const note = report.sampled ? ` (of the latest ${nounOf(report.source)}s)` : '';
  return `*Slowest${note}*\n${packLines(lines, LIST_BUDGET)}`;
}

function activeText(report: DigestReport): string {
  const noun = nounOf(report.source);
  if (report.activeCount === 0) return `*Running now:* nothing is queued or running.`;
  const lines = report.active.map((job) => `• ${activeLine(job, report.summary.until)}`);
  return `*Running now* (${plural(report.activeCount, noun)})\n${packLines(lines, LIST_BUDGET, report.activeCount)}`;
}

function windowLine(report: DigestReport): string {
  const { schedule, summary } = report;
  // The zone name came from Slack (users.info): escaped like anything not written here.
  const when = `${cadenceWords(schedule)} (${clip(schedule.timeZone, 60)})`;
  const late = summary.until - report.dueAt > LATE_MS ? ` · due ${slackDate(report.dueAt)}, posted late: the app was not running then` : '';
  return `Since ${slackDate(summary.since)} · ${when}${late} · \`/hume-jobs digest\` changes it`;
}

function fallbackText(report: DigestReport, title: string): string {
  const { summary, source } = report;
  const noun = nounOf(source);
  if (summary.total === 0) return `${title}: no new ${noun}s; ${plural(report.activeCount, noun)} queued or running`;
  const counts = countsWords(countParts(summary.counts, summary.completedWithErrors, false, kindsOf(source)));
  return `${title}: ${plural(summary.total, noun)} — ${counts}; ${plural(report.activeCount, noun)} queued or running`;
}

export function buildScheduledDigest(report: DigestReport): Message {
  const { summary, source } = report;
  const noun = nounOf(source);
  const title = TITLES[report.schedule.cadence];
  const verb = source === 'runs' ? 'started' : 'created';
  const blocks: MessageBlock[] = [header(`:calendar: ${title}: Hume ${noun}s`)];
  if (summary.total === 0) {
    blocks.push(section(`:mag: No ${noun}s were ${verb} since the last digest.`));
  } else {
    blocks.push(section(`*${plural(summary.total, noun)}* ${verb} since the last digest`), countsTable(report));
    blocks.push({ type: 'section', fields: typicalDurations(summary, source).map(({ label, value }) => mrkdwn(`*${label}*\n${value}`)) });
    if (summary.failures.length > 0) blocks.push(section(failureGroupsText(summary.failures, noun)));
    const slowest = slowestText(report);
    if (slowest !== null) blocks.push(section(slowest));
  }
  blocks.push(section(activeText(report)), context(windowLine(report)));
  return fitMessage({ text: fallbackText(report, title), blocks });
}
