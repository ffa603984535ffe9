/**
 * The channel board (`/hume-jobs board`): one message the app keeps editing so the channel
 * always shows what Hume is doing: what is queued and running now, what finished in the last
 * hour and day, the oldest waiting job, and failures by cause. Pure: the keeper decides when.
 */
import type { Job, SourceName } from '../jobs/job';
import { groupFailures } from '../reports/failure-groups';
import { totalOf, type RecentActivity } from '../reports/recent-activity';
import { context, header, section, type Message, type MessageBlock } from './blocks';
import { describeInputs, describeSubject, kindsOf, nounOf, shortIdCode } from './job-parts';
import { fitMessage } from './limits';
import { formatDuration, packLines, plural, slackDate, userLink } from './mrkdwn';
import { statusText } from './status';
import { countParts, countsLine, countsWords, failureGroupsText } from './summary-message';

/** What the board shows: the store's recent activity (counts by status, failures, what is active), in the source's words. */
export type BoardInput = RecentActivity & { source?: SourceName };

export interface BoardMessage {
  message: Message;
  /**
   * What the board shows apart from its "updated" time: equal content means an edit would
   * change nothing a reader cares about, so none is made.
   */
  content: string;
}

const ACTIVE_LINES = 5;
export const BOARD_TITLE = 'Hume jobs: live board';

/**
 * Whole minutes: the board is edited when what it says changes, and seconds would change it on
 * every look.
 */
function roughDuration(ms: number): string {
  return ms < 60_000 ? 'under a minute' : formatDuration(Math.floor(ms / 60_000) * 60_000);
}

/** "running for 12 min", from when the job started (or was created, while it waits). */
export function activeLine(job: Job, now: number): string {
  const since = job.status === 'running' ? (job.startedAt ?? job.createdAt) : job.createdAt;
  const age = since === null ? '' : ` for ${roughDuration(now - since)}`;
  return `${statusText(job)}${age}  ${shortIdCode(job.id)}  ${describeSubject(job, 60)}`;
}

function oldestWaiting(active: readonly Job[], now: number): string {
  const waiting = active.filter((j) => j.status === 'queued' && j.createdAt !== null);
  const oldest = waiting.reduce<Job | null>((a, b) => (a === null || b.createdAt! < a.createdAt! ? b : a), null);
  if (oldest === null) return '*Oldest waiting:* nothing is waiting.';
  return `*Oldest waiting:* ${shortIdCode(oldest.id)} queued for ${roughDuration(now - oldest.createdAt!)} · ${describeInputs(oldest.inputs, 60)}`;
}

export function buildBoard(input: BoardInput): BoardMessage {
  const { day, hour, active, now } = input;
  const source = input.source ?? 'batch';
  const runs = source === 'runs';
  const kinds = kindsOf(source);
  const noun = nounOf(source);
  const queued = active.filter((j) => j.status === 'queued').length;
  const running = active.length - queued;
  const idle = runs ? 'nothing is running.' : 'nothing is queued or running.';
  const nowLine = `*Now:* ${countsLine(countParts({ queued, running, completed: 0, failed: 0 }, 0, false)) || idle}`;
  const lines = active.map((job) => activeLine(job, now));
  const body: MessageBlock[] = [
    header(BOARD_TITLE),
    section(
      [
        nowLine,
        `*Last hour:* ${plural(totalOf(hour), noun)} · ${countsLine(countParts(hour.counts, hour.completedWithErrors, true, kinds))}`,
        `*Last 24 hours:* ${plural(totalOf(day), noun)} · ${countsLine(countParts(day.counts, day.completedWithErrors, true, kinds))}`,
        // Runs are never queued: nothing ever waits.
        ...(runs ? [] : [oldestWaiting(active, now)]),
      ].join('\n'),
    ),
  ];
  if (lines.length > 0) body.push(section(`*${runs ? 'Running' : 'Queued and running'}*\n${packLines(lines.slice(0, ACTIVE_LINES), 2000, lines.length)}`));
  const causes = groupFailures(input.failures);
  if (causes.length > 0) body.push(section(failureGroupsText(causes, noun)));
  const content = JSON.stringify(body);
  const footer = context(`Kept current by hume-jobs (at most every 30 s) · \`/hume-jobs board off\` stops it · Updated ${slackDate(now)}`);
  const dayWords = countsWords(countParts(day.counts, day.completedWithErrors, false)) || `no ${noun}s`;
  const text = `${BOARD_TITLE}: ${runs ? '' : `${queued} queued, `}${running} running; last 24 h ${dayWords}`;
  return { message: fitMessage({ text, blocks: [...body, footer] }), content };
}

/** What a board message becomes when it stops being kept current. */
export function buildBoardEnded(reason: { stoppedBy: string } | 'moved' | 'gone', now: number): Message {
  const why =
    reason === 'moved'
      ? 'This board moved to a newer message below.'
      : reason === 'gone'
        ? 'This board is no longer kept current.'
        : `This board was stopped by ${userLink(reason.stoppedBy)}.`;
  return fitMessage({
    text: `${BOARD_TITLE} (no longer updated)`,
    blocks: [section(`:pause_button: ${why} \`/hume-jobs board\` posts a new one.`), context(`Last changed ${slackDate(now)}`)],
  });
}
