/**
 * The change log of alert settings in words: `/hume-jobs changes`, the last change under
 * `subscriptions`, and App Home's recent changes. Mentions are described, never inserted as ones
 * that ping (a list of changes notifies nobody); times are date tokens, read in each reader's zone.
 */
import type { StatusKind } from '../jobs/job';
import type { SettingChange, SettingChangeWhat } from '../domain/setting-change';
import { context, header, section, type Message, type MessageBlock } from './blocks';
import { fitMessage } from './limits';
import { code, formatDuration, packLines, slackDate, userLink } from './mrkdwn';
import { matchWords, mentionWords } from './subscription-words';
import { scheduleWords } from './digest-replies';
import { isAnyJob, type JobMatch } from '../jobs/job-match';

/** Slack user ids; anything else (a setting's name) is shown as text. */
const USER_ID = /^[UW][A-Z0-9]{2,20}$/;
/** Public and private channel ids, shown as links. */
const CHANNEL_ID = /^[CGD][A-Z0-9]{1,20}$/;
const LIST_BUDGET = 2900;
const HOW = 'kept for a year · `/hume-jobs changes since 30d` looks further back, `changes all` in every channel';

/** Who made a change: a person (`<@U…>`, Slack shows their name, even once deactivated), a setting, or the app. */
export function whoWords(by: string | null, source: SettingChange['source'] = 'chat'): string {
  if (by === null) return source === 'file' ? 'the configuration' : 'the app';
  return USER_ID.test(by) ? userLink(by) : code(by, 40);
}

function kindsList(kinds: readonly StatusKind[]): string {
  return kinds.join(', ');
}

/** "jobs with `endpoint audio`" for a filtered subscription; null for one about every job (or recorded before filters). */
function filterWords(match: JobMatch | undefined): string | null {
  return match === undefined || isAnyJob(match) ? null : `jobs with ${matchWords(match)}`;
}

/** What was said and, in brackets after it, the remarks there are: "failed (jobs with `model face`; still gets …)". */
function withRemarks(words: string, ...remarks: (string | null)[]): string {
  const said = remarks.filter((r): r is string => r !== null);
  return said.length === 0 ? words : `${words} (${said.join('; ')})`;
}

/**
 * What a change did, after the name of who did it: "subscribed to completed, failed", "snoozed
 * until …". Exhaustive: a new kind of change does not compile until it is described here.
 */
export function changeWords(what: SettingChangeWhat): string {
  switch (what.kind) {
    case 'subscribe': {
      const mention = what.mention === null ? '' : `mention ${mentionWords(what.mention)}`;
      const filters = filterWords(what.match);
      if (what.added.length === 0) return withRemarks(`set failures to ${mention}`, filters);
      const verb = withRemarks(what.added.length === what.kinds.length ? `subscribed to ${kindsList(what.added)}` : `added ${kindsList(what.added)}`, filters);
      return mention === '' ? verb : `${verb}, ${mention}`;
    }
    case 'unsubscribe': {
      const filters = filterWords(what.match);
      if (what.kinds.length === 0) return withRemarks('turned alerts off', filters);
      return withRemarks(`stopped ${kindsList(what.removed)}`, filters, `still gets ${kindsList(what.kinds)}`);
    }
    case 'snooze':
      return `snoozed until ${slackDate(what.until)}`;
    case 'snooze-off':
      return 'ended the snooze';
    case 'board':
      return what.on ? 'posted the board' : 'stopped the board';
    case 'overdue':
      if (what.overdueMs === null) return 'set overdue to auto (learnt from recent jobs)';
      return what.overdueMs === 0 ? 'turned overdue alerts off' : `set overdue to ${formatDuration(what.overdueMs)}`;
    case 'digest':
      return what.schedule === null ? 'stopped the scheduled digest' : `set the digest to ${scheduleWords(what.schedule)}`;
    case 'mute':
      return `muted ${code(what.cause, 60)} until ${slackDate(what.until)}`;
    case 'unmute':
      return `ended the mute of ${code(what.cause, 60)}`;
    case 'unknown':
      return `changed ${code(what.name, 40)}`;
  }
}

/** "<@U1> snoozed until …" */
export function changeSentence(change: SettingChange): string {
  return `${whoWords(change.by, change.source)} ${changeWords(change.what)}${change.source === 'file' ? ' (from configuration)' : ''}`;
}

function channelLink(channelId: string): string {
  return CHANNEL_ID.test(channelId) ? `<#${channelId}>` : code(channelId, 40);
}

/** One line of a list: when, who, what, and where when the list spans channels. */
export function changeLine(change: SettingChange, withChannel: boolean): string {
  const where = withChannel ? ` in ${channelLink(change.channelId)}` : '';
  return `• ${slackDate(change.at)} · ${changeSentence(change)}${where}`;
}

export interface ChangeListInput {
  changes: readonly SettingChange[];
  /** How many more changes matched than `changes` holds. */
  more: number;
  since: number;
  /** `changes all`: every channel's. */
  all: boolean;
}

/** `/hume-jobs changes [since 7d] [all]`: newest first, with "and N more" past the page. */
export function buildChangeList(input: ChangeListInput): Message {
  const where = input.all ? 'in any channel' : 'in this channel';
  const title = input.all ? 'Alert setting changes in every channel' : 'Alert setting changes here';
  const since = `since ${slackDate(input.since)}`;
  if (input.changes.length === 0) {
    return fitMessage({
      text: `No alert settings changed ${where}`,
      blocks: [header(title), section(`:scroll: No alert settings changed ${where} ${since}.`), context(HOW)],
    });
  }
  const lines = input.changes.map((c) => changeLine(c, input.all));
  const total = input.changes.length + input.more;
  const blocks: MessageBlock[] = [header(title), section(packLines(lines, LIST_BUDGET, total)), context(`${total} ${total === 1 ? 'change' : 'changes'} ${since}, newest first · ${HOW}`)];
  return fitMessage({ text: `${total} alert setting ${total === 1 ? 'change' : 'changes'} ${where}`, blocks });
}
