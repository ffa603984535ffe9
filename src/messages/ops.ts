/**
 * The app's own health in words: the one message an incident posts (edited as it evolves, and
 * once more when it ends), the recovery message, and App Home's section. Details come from Hume,
 * Slack or an error, so they are escaped; nobody is mentioned.
 */
import type { OpsIncident, OpsProblem } from '../domain/ops';
import { context, section, type Message, type MessageBlock } from './blocks';
import { fitMessage } from './limits';
import { clip, code, formatDuration, packLines, slackDate } from './mrkdwn';

const DETAIL_CHARS = 300;
const LINES_BUDGET = 2800;

/** One line per problem: what is wrong, and what it means for alerts. */
export function problemLine(problem: OpsProblem): string {
  const detail = clip(problem.detail, DETAIL_CHARS);
  const channel = problem.channelId ? `<#${problem.channelId}>` : 'a channel';
  switch (problem.kind) {
    case 'hume_key':
      return `:key: *Hume rejects the API key*: ${detail} No job is read, so no alert is sent.`;
    case 'hume_retired':
      return `:no_entry: *Hume retired the API*: ${detail} No job is read, so no alert is sent.`;
    case 'polling':
      return `:warning: *Polling Hume has failed since ${slackDate(problem.since)}*: ${detail}`;
    case 'channel':
      return `:mailbox_closed: *Cannot post in ${channel}*: Slack says ${code(problem.detail, 60)}. Its alerts wait: invite the app there, then run \`/hume-jobs subscribe\` in it.`;
    case 'delivery_late':
      return `:hourglass: *Alerts are late*: the oldest waiting (for ${channel}) was queued ${slackDate(problem.since)}.`;
  }
}

function problemLines(problems: readonly OpsProblem[]): string {
  return packLines(problems.map(problemLine), LINES_BUDGET);
}

/** What the incident's message shows: the problems while it lasts, struck through as resolved once it ended. */
export function buildOpsMessage(incident: OpsIncident, audience: 'ops' | 'channel'): Message {
  const resolvedAt = incident.resolvedAt;
  if (resolvedAt !== null) {
    const span = `${slackDate(incident.openedAt)} to ${slackDate(resolvedAt)} (${formatDuration(resolvedAt - incident.openedAt)})`;
    return fitMessage({
      text: 'Resolved: hume-jobs needed attention',
      blocks: [section(`:white_check_mark: *Resolved*: hume-jobs needed attention from ${span}.\n${problemLines(incident.problems)}`)],
    });
  }
  const whose = audience === 'ops' ? 'hume-jobs needs attention' : 'hume-jobs cannot send this channel its alerts right now';
  const blocks: MessageBlock[] = [
    section(`:rotating_light: *${whose}*\n${problemLines(incident.problems)}`),
    context(`Since ${slackDate(incident.openedAt)}. This message is kept up to date; another one says when all is well again.`),
  ];
  return fitMessage({ text: whose, blocks });
}

/** The one message that says the incident ended. */
export function buildOpsRecovery(incident: OpsIncident): Message {
  const ended = incident.resolvedAt ?? incident.openedAt;
  const what = incident.problems.map((p) => p.kind).includes('hume_key') ? 'Hume accepts the API key again' : 'every problem has cleared';
  return fitMessage({
    text: 'hume-jobs is working again',
    blocks: [section(`:white_check_mark: *hume-jobs is working again*: ${what}, after ${formatDuration(ended - incident.openedAt)}. Alerts are sent as usual.`)],
  });
}

/** App Home's section: the same incident everyone sees (App Home's own record), or all well. */
export function opsHomeBlocks(incident: OpsIncident | null): MessageBlock[] {
  if (incident && incident.resolvedAt === null && incident.version > 0) {
    return [section(`:rotating_light: *hume-jobs needs attention* (since ${slackDate(incident.openedAt)})\n${problemLines(incident.problems)}`)];
  }
  const since = incident && incident.version > 0 ? incident.resolvedAt : null;
  return [context(since === null ? ':white_check_mark: hume-jobs is working normally.' : `:white_check_mark: hume-jobs is working normally (last problem ended ${slackDate(since)}).`)];
}
