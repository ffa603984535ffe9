/**
 * The App Home tab: what Hume is doing right now, for anyone on the team, without asking.
 * Jobs by status over the last day, what is running and for how long, failures by cause, and
 * which channels get alerts (with any delivery problem).
 */
import type { Job, SourceName } from '../jobs/job';
import type { Summary } from '../reports/summarize-jobs';
import type { ChannelProblem, Snooze, Subscription } from '../domain/channel';
import type { SettingChange } from '../domain/setting-change';
import { context, divider, header, section, type MessageBlock } from './blocks';
import { describeSubject, kindsOf, nounOf, shortIdCode } from './job-parts';
import { fitHome } from './limits';
import { formatDuration, packLines, plural, slackDate } from './mrkdwn';
import { changeLine } from './setting-changes';
import { statusText } from './status';
import { buildSubscriptionList } from './subscriptions';
import { countParts, countsLine, failureGroupsText, typicalDurations } from './summary-message';

export interface HomeInput {
  summary: Summary;
  /** Queued and running jobs, oldest first. */
  active: Job[];
  subscriptions: Subscription[];
  problems: ChannelProblem[];
  /** Snoozed channels, shown on their subscription line (none when left out). */
  snoozes?: Snooze[];
  /** The latest changes to alert settings, newest first (none when left out). */
  changes?: SettingChange[];
  now: number;
  /** False when POLL_INTERVAL=off: the tab then says why it knows nothing. */
  polling: boolean;
  /** Whose words the tab speaks (runs: no queue); batch when left out. */
  source?: SourceName;
}

export interface HomeView {
  type: 'home';
  blocks: MessageBlock[];
}

const ACTIVE_LINES = 15;

function activeLine(job: Job, now: number): string {
  const since = job.startedAt ?? job.createdAt;
  const age = since === null ? '' : ` for ${formatDuration(now - since)}`;
  return `${statusText(job)} ${shortIdCode(job.id)}${age} · ${describeSubject(job, 60)}`;
}

export function buildAppHome(input: HomeInput): HomeView {
  const { summary, active, now } = input;
  const blocks: MessageBlock[] = [header('Hume jobs right now')];
  if (!input.polling) {
    blocks.push(section(':zzz: Polling is off (`POLL_INTERVAL=off`), so this tab has nothing to show. Use `/hume-jobs` to list jobs.'));
    return { type: 'home', blocks: fitHome(blocks) };
  }
  const source = input.source ?? 'batch';
  const counts = countsLine(countParts(summary.counts, summary.completedWithErrors, true, kindsOf(source)));
  const typical = typicalDurations(summary, source).map(({ label, value }, i) => `${i === 0 ? label : label.toLowerCase()} ${value}`);
  blocks.push(
    section(`*Last 24 hours:* ${plural(summary.total, nounOf(source))}\n${counts}`),
    context(`${typical.join(' · ')} · updated ${slackDate(now)}`),
    divider(),
  );
  const lines = active.map((job) => activeLine(job, now));
  blocks.push(
    section(
      active.length === 0
        ? `*Running now:* nothing is ${source === 'runs' ? 'running' : 'queued or running'}.`
        : `*Running now* (${active.length})\n${packLines(lines.slice(0, ACTIVE_LINES), 2800, lines.length)}`,
    ),
  );
  if (summary.failures.length > 0) blocks.push(divider(), section(failureGroupsText(summary.failures, nounOf(source))));
  const subscriptions = buildSubscriptionList({
    subscriptions: input.subscriptions,
    problems: input.problems,
    snoozes: input.snoozes,
    channelId: '',
    all: true,
    now,
  });
  blocks.push(divider(), ...subscriptions.blocks.filter((b) => b.type !== 'header'));
  const changes = input.changes ?? [];
  if (changes.length > 0) {
    blocks.push(
      section(`*Recent changes to alert settings*\n${packLines(changes.map((c) => changeLine(c, true)), 2800)}`),
      context('`/hume-jobs changes` in a channel lists all of its changes of the last week.'),
    );
  }
  return { type: 'home', blocks: fitHome(blocks) };
}
