/**
 * The replies of the personal commands (`watch`, `unwatch`, `notify me`, `link`): short, to the
 * caller only, saying what now applies to them and how to change it. Ids and texts from Hume or
 * from the person are escaped (code spans, clip).
 */
import type { Job, StatusKind } from '../jobs/job';
import { isAnyJob, sameMatch, type JobMatch } from '../jobs/job-match';
import type { HumeLink, LinkedRule, NotifyRule, Watch } from '../domain/personal';
import { orList } from '../text/or-list';
import type { Message } from './blocks';
import { buildNotice } from './replies';
import { clip, code, plural, slackDate } from './mrkdwn';
import { shortIdCode } from './job-parts';
import { statusText } from './status';
import { kindsWords } from './subscription-words';

const MAX_LISTED = 15;

/** "with mode `realtime`, endpoint `audio`" or "" for a rule about every job. */
function matchWords(match: JobMatch, mine: boolean, humeUserId: string | null): string {
  const parts: string[] = [];
  if (match.mode) parts.push(`mode ${code(match.mode, 20)}`);
  if (match.endpoint) parts.push(`endpoint ${code(match.endpoint, 20)}`);
  if (match.model) parts.push(`model ${code(match.model, 60)}`);
  if (match.userId) parts.push(`user ${code(match.userId, 80)}`);
  const whose = mine ? ` of your own runs (${humeUserId === null ? 'no Hume user linked yet' : code(humeUserId, 80)})` : '';
  return `${parts.length > 0 ? ` with ${orList(parts).replace(/ or /g, ' and ')}` : ''}${whose}`;
}

function ruleWords(kinds: readonly StatusKind[], match: JobMatch, mine: boolean, humeUserId: string | null): string {
  return `a DM for each ${isAnyJob(match) && !mine ? '' : 'matching '}job that is ${kindsWords(kinds)}${matchWords(match, mine, humeUserId)}`;
}

const STOP_RULE = '`/hume-jobs notify me off` stops them.';

/** `before`: the rule it replaced; the same rule again changes nothing, and says so. */
export function buildRuleSet(rule: LinkedRule, before: NotifyRule | null): Message {
  const { kinds, match, mine } = rule.rule;
  const replaced = before !== null;
  if (before && before.mine === mine && sameMatch(before.match, match) && before.kinds.join() === kinds.join()) {
    return buildNotice(`Nothing changed: you already get ${ruleWords(kinds, match, mine, rule.humeUserId)}.`, STOP_RULE);
  }
  const lead = replaced ? 'Your notifications changed: you now get' : 'You will get';
  return buildNotice(`:bell: ${lead} ${ruleWords(kinds, match, mine, rule.humeUserId)}.`, `${replaced ? 'It replaces your earlier rule. ' : ''}${STOP_RULE}`);
}

export function buildRuleShown(rule: LinkedRule | null, watches: number): Message {
  const watching = watches > 0 ? ` You also watch ${plural(watches, 'job')} (\`/hume-jobs watch\` lists them).` : '';
  if (rule === null) {
    return buildNotice(`:no_bell: You get no DMs for job changes.${watching}`, '`/hume-jobs notify me failed` sends you one for each failure; add `mine` (after `link usr_…`) for your own runs only.');
  }
  const { kinds, match, mine } = rule.rule;
  const dormant = mine && rule.humeUserId === null ? ' Nothing matches until you `link usr_…` your Hume user.' : '';
  return buildNotice(`:bell: You get ${ruleWords(kinds, match, mine, rule.humeUserId)}.${dormant}${watching}`, `Set on ${slackDate(rule.rule.createdAt)}. ${STOP_RULE}`);
}

export function buildRuleOff(removed: boolean): Message {
  return removed
    ? buildNotice(':no_bell: Your notifications are off: no more DMs for job changes.', 'Watches (`/hume-jobs watch`) still end with their DM.')
    : buildNotice('Nothing changed: you get no DMs for job changes.', '`/hume-jobs notify me failed` turns them on.');
}

export function buildMineNeedsLink(): Message {
  return buildNotice('`mine` means your own runs, and I do not know which Hume user you are: run `/hume-jobs link usr_…` first (your runs\' `user_id`).');
}

/** "`1a2b3c4d` (:arrows_counterclockwise: Running)" */
function jobWords(job: Job): string {
  return `${shortIdCode(job.id)} (${statusText(job)})`;
}

export function buildWatching(job: Job, already: boolean): Message {
  if (already) return buildNotice(`Nothing changed: you already watch job ${jobWords(job)}.`, '`/hume-jobs unwatch <id>` ends a watch.');
  return buildNotice(`:eyes: You will get one DM when job ${jobWords(job)} completes or fails.`, `\`/hume-jobs unwatch ${clip(job.id.slice(0, 8), 40)}\` ends the watch.`);
}

/** The job ended before it was watched: its end now, instead of a DM later. */
export function buildAlreadyEnded(job: Job): Message {
  const error = job.status === 'failed' && job.errorMessage ? `: ${clip(job.errorMessage, 300)}` : '';
  const when = job.endedAt === null ? '' : ` on ${slackDate(job.endedAt)}`;
  return buildNotice(`Job ${shortIdCode(job.id)} has already ended${when}: ${statusText(job)}${error}. There is nothing to watch.`, `\`/hume-jobs job ${clip(job.id.slice(0, 8), 40)}\` shows it in full.`);
}

export function buildWatchList(watches: readonly Watch[]): Message {
  if (watches.length === 0) return buildNotice('You watch no jobs.', '`/hume-jobs watch <id>` sends you one DM when that job completes or fails.');
  const lines = watches.slice(0, MAX_LISTED).map((w) => `• ${shortIdCode(w.jobId)} since ${slackDate(w.createdAt)}`);
  const more = watches.length > MAX_LISTED ? `\n…and ${watches.length - MAX_LISTED} more` : '';
  return buildNotice(`:eyes: You watch ${plural(watches.length, 'job')}; each sends you one DM when it ends:\n${lines.join('\n')}${more}`, '`/hume-jobs unwatch <id>` or `unwatch all` ends them.');
}

export function buildUnwatched(jobIds: readonly string[]): Message {
  if (jobIds.length === 0) return buildNotice('Nothing changed: you watch no jobs.');
  const which = jobIds.length === 1 ? `job ${shortIdCode(jobIds[0]!)}` : plural(jobIds.length, 'job');
  return buildNotice(`You no longer watch ${which}: no DM will come for it.`);
}

export function buildNotWatching(id: string, matches: readonly string[]): Message {
  if (matches.length > 1) {
    return buildNotice(`${code(id, 40)} matches ${matches.length} of your watches (${matches.slice(0, 5).map((m) => code(m.slice(0, 12), 20)).join(', ')}): type more of the id.`);
  }
  return buildNotice(`You do not watch a job ${code(id, 40)}: \`/hume-jobs watch\` lists the jobs you watch.`);
}

export function buildLinkSet(link: string, before: HumeLink | null): Message {
  if (before?.humeUserId === link) return buildNotice(`Nothing changed: you are already linked to the Hume user ${code(link, 80)}.`);
  const was = before ? ` (it was ${code(before.humeUserId, 80)})` : '';
  return buildNotice(`:link: You are now the Hume user ${code(link, 80)}${was}: \`mine\` in \`/hume-jobs notify me failed mine\` means runs with that \`user_id\`.`, '`/hume-jobs link off` forgets it.');
}

export function buildLinkShown(link: HumeLink | null): Message {
  if (!link) return buildNotice('You are linked to no Hume user.', '`/hume-jobs link usr_…` says which one you are, so `mine` means your runs.');
  return buildNotice(`:link: You are the Hume user ${code(link.humeUserId, 80)} (since ${slackDate(link.createdAt)}).`, '`/hume-jobs link off` forgets it.');
}

export function buildLinkOff(before: HumeLink | null, ruleUsesMine: boolean): Message {
  if (!before) return buildNotice('Nothing changed: you were linked to no Hume user.');
  const rule = ruleUsesMine ? ' Your `notify me … mine` rule matches nothing until you link again.' : '';
  return buildNotice(`You are no longer linked to the Hume user ${code(before.humeUserId, 80)}.${rule}`);
}

/** Slack will not take a DM to this person from the app, said before anything is stored. */
export function buildCannotDm(error: string): Message {
  const why: Record<string, string> = {
    missing_scope: 'the app lacks the `im:write` scope: an admin reinstalls it from the current manifest.yml',
    messages_tab_disabled: "the app's Messages tab is off: an admin turns on App Home → Messages Tab (manifest.yml has it on)",
    cannot_dm_bot: 'you are a bot user',
    user_disabled: 'your account is deactivated',
  };
  return buildNotice(`:warning: I cannot send you DMs: ${why[error] ?? `Slack answered ${code(error, 60)}`}. Nothing was set.`);
}
