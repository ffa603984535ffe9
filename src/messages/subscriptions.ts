/**
 * Replies about a channel's alerts: `subscribe`, `unsubscribe`, `subscriptions [all]`, and the
 * "invite the app first" answer. What subscribe and unsubscribe changed is told in
 * subscription-changes.ts; mentions are described in words (subscription-words.ts), never pinged.
 */
import { isAnyJob } from '../jobs/job-match';
import { byChannel } from '../alerts/plan-alerts';
import type { ChannelProblem, GivenUpAlerts, Snooze, Subscription } from '../domain/channel';
import type { Mute } from '../domain/alert-actions';
import { muteLines } from './alert-actions';
import type { SettingChange } from '../domain/setting-change';
import { context, header, section, type Message, type MessageBlock } from './blocks';
import { fitMessage } from './limits';
import { clip, code, formatDuration, packLines, plural, slackDate } from './mrkdwn';
import { overdueLine } from './overdue-setting';
import { changeSentence, whoWords } from './setting-changes';
import { snoozeLine } from './snooze';
import { alertsPhrase, capitalize, isPlain, matchWords, mentionWords, MANAGED_BY_FILE, numberedLines } from './subscription-words';

export { buildAlreadySubscribed, buildNothingToUnsubscribe, buildSubscribed, buildUnsubscribed } from './subscription-changes';

const INVITE = '`/invite @hume-jobs`';
/** Slack channel ids (public, private, DM); anything else is shown as text, never as a link. */
const CHANNEL_ID = /^[CGD][A-Z0-9]{1,20}$/;
/** Room for the `all` list; each section holds at most 3,000 characters. */
const ALL_BUDGET = 8000;
const SECTION_BUDGET = 2900;
/** Subscriptions described on one channel's line of `subscriptions all`. */
const LINE_SUBSCRIPTIONS = 5;
const HOW_TO_SUBSCRIBE =
  '`/hume-jobs subscribe` turns alerts on here (completed and failed jobs); `/hume-jobs subscribe failed mention @team` alerts on failures and mentions a group.';

/** `<#C123>` for a real channel id, escaped text for anything else. */
export function channelLink(channelId: string): string {
  return CHANNEL_ID.test(channelId) ? `<#${channelId}>` : clip(channelId, 40);
}

/** What to do about a channel the app cannot post to, by Slack's error code. */
function problemAdvice(error: string): string {
  switch (error) {
    case 'not_in_channel':
      return `invite the app with ${INVITE}`;
    case 'channel_not_found':
      return `if it is a private channel, invite the app with ${INVITE}`;
    case 'is_archived':
      return 'the channel is archived: unarchive it';
    default:
      return 'check that the app may post there';
  }
}

/** Delivery skips a channel with a problem until someone subscribes again there. */
const RETRY = 'then run `/hume-jobs subscribe` again';

function problemLine(problem: ChannelProblem): string {
  return `:warning: Can't post here: ${code(problem.error, 80)} — ${problemAdvice(problem.error)}, ${RETRY} (since ${slackDate(problem.at)}).`;
}

/** "3 alerts" and their reasons: what Slack refused for good here (retrying could never post them). */
function givenUpWords(givenUp: readonly GivenUpAlerts[]): string {
  const total = givenUp.reduce((sum, g) => sum + g.count, 0);
  const reasons = givenUp.map((g) => `${code(g.reason, 60)}${g.count > 1 ? ` ×${g.count}` : ''}`).join(', ');
  return `${plural(total, 'alert')} given up (${reasons})`;
}

function givenUpLine(givenUp: readonly GivenUpAlerts[]): string {
  const last = Math.max(...givenUp.map((g) => g.lastAt));
  return `:no_entry: ${capitalize(givenUpWords(givenUp))}, last ${slackDate(last)}: Slack refused them for good, so they were not retried.`;
}

/**
 * Who set the channel up and when, and its latest change: settings belong to the channel, so
 * these are only history (nothing changes when that person leaves Slack).
 */
function historyLine(sub: Subscription | undefined, latest: SettingChange | undefined): string {
  const setUp = sub ? `Subscribed since ${slackDate(sub.createdAt)}${sub.createdBy !== null ? ` by ${whoWords(sub.createdBy)}` : ''}` : null;
  const last = latest ? `last change ${slackDate(latest.at)}: ${changeSentence(latest)}` : null;
  return [setUp, last].filter((part) => part !== null).join(' · ');
}

function thisChannel(
  subs: readonly Subscription[],
  problem: ChannelProblem | undefined,
  snooze: Snooze | undefined,
  now: number,
  givenUp: readonly GivenUpAlerts[],
  latest: SettingChange | undefined,
  mutes: readonly Mute[],
): Message {
  const [first] = subs;
  const plain = isPlain(subs);
  const gets =
    first === undefined
      ? `:no_bell: This channel gets no job alerts.\n${HOW_TO_SUBSCRIBE}`
      : plain
        ? `:bell: This channel gets ${alertsPhrase(first)}${first.managedBy === 'file' ? ` _${capitalize(MANAGED_BY_FILE)}._` : ''}`
        : `:bell: This channel has ${plural(subs.length, 'subscription')}:\n${numberedLines(subs, { setBy: true })}`;
  const blocks: MessageBlock[] = sectionsOf(gets);
  if (snooze) blocks.push(section(snoozeLine(snooze, now)));
  if (mutes.length > 0) blocks.push(section(muteLines(mutes)));
  // The learnt limit needs history to describe; a limit the channel set is shown as set.
  if (first && first.overdueMs !== null) blocks.push(section(overdueLine(subs, null)));
  if (problem) blocks.push(section(problemLine(problem)));
  if (givenUp.length > 0) blocks.push(section(givenUpLine(givenUp)));
  // Who set up a plain subscription is said here; several are each listed with who set them.
  const history = historyLine(plain ? first : undefined, latest);
  const lead = history === '' ? '' : `${history} · `;
  if (first && plain) blocks.push(context(`${lead}\`/hume-jobs unsubscribe\` stops them; \`/hume-jobs changes\` lists every change.`));
  else if (first) blocks.push(context(`${lead}\`/hume-jobs unsubscribe ${Math.min(2, subs.length)}\` stops one by its number, \`/hume-jobs unsubscribe all\` stops every one.`));
  else if (history !== '') blocks.push(context(`${history} · \`/hume-jobs changes\` lists every change.`));
  const base = first === undefined ? 'This channel gets no job alerts' : plain ? `This channel gets job alerts: ${first.kinds.join(', ')}` : `This channel has ${plural(subs.length, 'subscription')} to job alerts`;
  const text = snooze ? `${base} (snoozed until ${new Date(snooze.endsAt).toISOString()})` : base;
  return fitMessage({ text: problem ? `${text} (can't post here: ${clip(problem.error, 80)})` : text, blocks });
}

/** " · overdue after 45 min", " · overdue alerts off", or nothing for the learnt rule. */
function overdueWords(sub: Subscription): string {
  if (sub.overdueMs === null) return '';
  return sub.overdueMs === 0 ? ' · overdue alerts off' : ` · overdue after ${formatDuration(sub.overdueMs)}`;
}

/** "failed · failures mention …", with its filters in brackets when it has any. */
function subscriptionWords(sub: Subscription): string {
  const filters = isAnyJob(sub.match) ? '' : ` (${matchWords(sub.match)})`;
  const mention = sub.mention ? ` · failures mention ${mentionWords(sub.mention)}` : '';
  return `${sub.kinds.join(', ')}${filters}${mention}${sub.managedBy === 'file' ? ` · ${MANAGED_BY_FILE}` : ''}`;
}

function channelLine(
  subs: readonly Subscription[],
  problem: ChannelProblem | undefined,
  current: string,
  snooze: Snooze | undefined,
  givenUp: readonly GivenUpAlerts[],
  latest: SettingChange | undefined,
): string {
  const first = subs[0]!;
  const here = first.channelId === current ? ' (this channel)' : '';
  const snoozed = snooze ? ` · :zzz: snoozed until ${slackDate(snooze.endsAt)}` : '';
  const trouble = problem ? ` · :warning: can't post: ${code(problem.error, 80)} — ${problemAdvice(problem.error)}` : '';
  const refused = givenUp.length > 0 ? ` · :no_entry: ${givenUpWords(givenUp)}` : '';
  const by = latest ? ` · last changed by ${whoWords(latest.by, latest.source)} ${slackDate(latest.at, '{date_short}', 'date')}` : '';
  // A line stays a line: past a few subscriptions, the channel's own `subscriptions` lists them all.
  const shown = subs.slice(0, LINE_SUBSCRIPTIONS).map(subscriptionWords);
  const each = [...shown, ...(subs.length > shown.length ? [`and ${subs.length - shown.length} more`] : [])].join('; ');
  return `• ${channelLink(first.channelId)}${here} — ${each}${overdueWords(first)}${snoozed}${trouble}${refused}${by}`;
}

/** Lines into sections of at most SECTION_BUDGET characters each (every line is far shorter). */
function sectionsOf(text: string): MessageBlock[] {
  const chunks: string[] = [];
  for (const line of text.split('\n')) {
    const last = chunks.at(-1);
    if (last !== undefined && last.length + 1 + line.length <= SECTION_BUDGET) chunks[chunks.length - 1] = `${last}\n${line}`;
    else chunks.push(line);
  }
  return chunks.map((chunk) => section(chunk));
}

function everyChannel(
  subscriptions: readonly Subscription[],
  problems: Map<string, ChannelProblem>,
  current: string,
  snoozes: Map<string, Snooze>,
  givenUp: readonly GivenUpAlerts[],
  latest: Map<string, SettingChange>,
): Message {
  const title = 'Job alerts in every channel';
  if (subscriptions.length === 0) {
    return fitMessage({
      text: 'No channel gets job alerts yet',
      blocks: [header(title), section(`:no_bell: No channel gets job alerts yet.\n${HOW_TO_SUBSCRIBE}`)],
    });
  }
  // Channels that need attention first, then a stable order; a channel's subscriptions in theirs.
  const channels = [...byChannel(subscriptions.filter((s) => s.kinds.length > 0))].sort(
    ([a], [b]) => Number(problems.has(b)) - Number(problems.has(a)) || a.localeCompare(b),
  );
  const refusedIn = (channelId: string) => givenUp.filter((g) => g.channelId === channelId);
  const lines = channels.map(([channelId, subs]) =>
    channelLine(subs, problems.get(channelId), current, snoozes.get(channelId), refusedIn(channelId), latest.get(channelId)),
  );
  const troubled = channels.filter(([channelId]) => problems.has(channelId)).length;
  const counted = `${plural(channels.length, 'channel')} subscribed${troubled > 0 ? ` · ${troubled} can't be posted to` : ''}`;
  return fitMessage({
    text: `Job alerts: ${counted}`,
    blocks: [header(title), ...sectionsOf(packLines(lines, ALL_BUDGET)), context(counted)],
  });
}

export interface SubscriptionListInput {
  subscriptions: readonly Subscription[];
  problems: readonly ChannelProblem[];
  /** The channel the command was typed in. */
  channelId: string;
  /** `subscriptions all`: every channel, one line each. */
  all: boolean;
  /** Channels whose alerts are snoozed (none when left out). */
  snoozes?: readonly Snooze[];
  /** For "ends in 2 h"; only needed with snoozes. */
  now?: number;
  /** Alerts given up (a Slack answer no retry could change), by channel and reason. */
  givenUp?: readonly GivenUpAlerts[];
  /** Causes muted from alert buttons (this channel's are listed). */
  mutes?: readonly Mute[];
  /** The latest change of each channel's settings (none when left out). */
  latest?: readonly SettingChange[];
}

/** `/hume-jobs subscriptions [all]`: what this channel (or every channel) gets, and delivery problems. */
export function buildSubscriptionList(input: SubscriptionListInput): Message {
  const problems = new Map(input.problems.map((p) => [p.channelId, p]));
  const snoozes = new Map((input.snoozes ?? []).map((s) => [s.channelId, s]));
  const givenUp = input.givenUp ?? [];
  const latest = new Map((input.latest ?? []).map((c) => [c.channelId, c]));
  if (input.all) return everyChannel(input.subscriptions, problems, input.channelId, snoozes, givenUp, latest);
  const subs = input.subscriptions.filter((s) => s.channelId === input.channelId && s.kinds.length > 0);
  const here = givenUp.filter((g) => g.channelId === input.channelId);
  const mutes = (input.mutes ?? []).filter((m) => m.channelId === input.channelId);
  return thisChannel(subs, problems.get(input.channelId), snoozes.get(input.channelId), input.now ?? 0, here, latest.get(input.channelId), mutes);
}

/** `subscribe` in a channel the app cannot post to (a private channel it is not in, an archived one). */
export function buildCannotPostHere(channelId: string, error: string, outcome: 'subscribe' | 'board' = 'subscribe'): Message {
  const what = outcome === 'board' ? 'the board' : 'job alerts';
  const result = outcome === 'board' ? 'no board was posted' : 'nothing was subscribed';
  const retry = outcome === 'board' ? 'then run `/hume-jobs board` again' : RETRY;
  return fitMessage({
    text: `I can't post ${what} in this channel (${clip(error, 80)})`,
    blocks: [
      section(
        `:warning: I can't post in ${channelLink(channelId)} (${code(error, 80)}), so ${result}. ${capitalize(problemAdvice(error))}, ${retry}.`,
      ),
    ],
  });
}

