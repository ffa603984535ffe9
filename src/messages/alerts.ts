/**
 * Channel alerts: one message per job, edited in place as the job moves on, one short
 * line in its thread for each later change, and one digest when many jobs change at once.
 * Only failures mention anybody; everything from Hume is escaped.
 */
import { NO_ACTIONS, type AlertActionState } from '../domain/alert-actions';
import type { DigestPayload, JobAlertPayload, JobChange, OverduePayload } from '../domain/alert-payload';
import { completedWithErrors, shortId, zeroCounts, type Job, type StatusKind } from '../jobs/job';
import { groupFailures } from '../reports/failure-groups';
import { OVERDUE_CAUSE } from '../alerts/alert-cause';
import { ACTION_DETAILS } from './action-ids';
import { alertActionBlocks, causeWords } from './alert-actions';
import { button, context, header, plain, section, type Message, type MessageBlock } from './blocks';
import { counts, describeJob, describeSubject, durations, shortIdCode, timing } from './job-parts';
import { problemBlocks } from './job-details';
import { fitMessage } from './limits';
import { clip, code, escapeMrkdwn, formatDuration, packLines, plural, slackDate, truncate, userLink } from './mrkdwn';
import { kindLabel, statusLabel, statusText, statusWord } from './status';
import { countParts, countsLine, countsWords, failureGroupsText } from './summary-message';

/** How much of each variable part an alert shows. */
const CAPS = { input: 200, work: 200, error: 1500, threadError: 500, fallbackError: 300, digestInput: 60 } as const;
/** Jobs a digest lists one line each; the rest are counted. */
const DIGEST_LISTED = 15;
/** Room for the digest's job lines, under the 3,000 a section may hold. */
const DIGEST_LINES_BUDGET = 2800;
const JOBS_LABEL = '*Jobs*';

const SUBTEAM_MENTION = /^<!subteam\^[A-Z0-9]+>$/;
const USER_MENTION = /^<@[UW][A-Z0-9]+>$/;
const BROADCAST_MENTIONS: ReadonlySet<string> = new Set(['<!here>', '<!channel>']);
/** Two or more words, one space between each. */
const MENTIONS = /^\S+(?: \S+)+$/;

/**
 * A subscription's mention as mrkdwn. Only the canonical forms the command stores are inserted
 * as markup: `<!subteam^ID>`, `<@U…>`, `<!here>`, `<!channel>` ping (docs.slack.dev
 * messaging/formatting-message-text). Anything else is shown as escaped text: that includes a
 * plain `@handle` stored by versions before mentions were resolved to IDs, which pings nobody
 * (`subscriptions` says so, and subscribing again with it stores the ID).
 */
export function mentionMarkup(mention: string): string {
  // Several subscriptions' mentions come joined by single spaces (alerts/mentions.ts): each is its own.
  if (MENTIONS.test(mention)) return mention.split(' ').map(mentionMarkup).join(' ');
  return SUBTEAM_MENTION.test(mention) || USER_MENTION.test(mention) || BROADCAST_MENTIONS.has(mention) ? mention : clip(mention, 100);
}

/** The mention to put in front of a message: only when something failed and one is set. */
function failureMention(mention: string | null, failed: boolean): string | null {
  return failed && mention !== null && mention.trim() !== '' ? mentionMarkup(mention) : null;
}

function withMention(mention: string | null, text: string): string {
  return mention === null ? text : `${mention} ${text}`;
}

function jobName(job: Job): string {
  return `Job ${clip(shortId(job.id), 40)}`;
}

function joinPresent(parts: readonly (string | null)[], separator: string): string {
  return parts.filter((p): p is string => p !== null && p !== '').join(separator);
}

/** "Created … · Started … · Ended …" as date tokens; runs have no creation time of their own. */
function timeline(job: Job): string {
  const points: [string, number | null][] = [
    ['Created', job.source === 'batch' ? job.createdAt : null],
    ['Started', job.startedAt],
    ['Ended', job.endedAt],
  ];
  return joinPresent(
    points.map(([label, at]) => (at === null ? null : `${label} ${slackDate(at)}`)),
    ' · ',
  );
}

/** The error as plain text, so a message we do not control cannot bold or italicise either. */
function errorSection(job: Job): MessageBlock {
  const message = job.errorMessage ?? 'No error message was given.';
  return { type: 'section', text: plain(`Error: ${truncate(escapeMrkdwn(message), CAPS.error)}`) };
}

/** ": <message>" after a failure in fallback text, or nothing. */
function errorSuffix(job: Job): string {
  return job.status === 'failed' && job.errorMessage ? `: ${clip(job.errorMessage, CAPS.fallbackError)}` : '';
}

function alertFallback(job: Job): string {
  switch (job.status) {
    case 'failed':
      return `${jobName(job)} failed${errorSuffix(job)}`;
    case 'completed':
      return `${jobName(job)} ${statusWord(job).toLowerCase()}`;
    case 'running':
    case 'queued':
      return `${jobName(job)} is ${job.status}`;
  }
}

/**
 * The job's one message in the channel. It is edited in place on every change, so it always
 * describes the job as it is now, and says when that was. A failure carries the alert buttons;
 * who took it (`actions`) stays on the message whatever the job does next.
 */
export function buildJobAlert(payload: JobAlertPayload, now: number, actions: AlertActionState = NO_ACTIONS): Message {
  const { job } = payload.change;
  const failed = job.status === 'failed';
  const mention = failureMention(payload.mention, failed);
  const { emoji, word } = statusLabel(job);
  const main = joinPresent(
    [
      mention,
      `${emoji} *${word}*  ${shortIdCode(job.id)}`,
      describeJob(job, CAPS),
      job.status === 'completed' ? counts(job) : null,
    ],
    '\n',
  );
  const blocks: MessageBlock[] = [section(main, button('Details', ACTION_DETAILS, job.id))];
  if (failed) blocks.push(errorSection(job), ...problemBlocks(job.problems));
  blocks.push(...alertActionBlocks(job.id, failed ? actions : { ...actions, mute: null }, now, failed));
  blocks.push(context(joinPresent([timeline(job), durations(job, now), `Updated ${slackDate(now)}`], ' · ')));
  return fitMessage({ text: withMention(mention, alertFallback(job)), blocks });
}

/** Runs' five-minute silence rule: an errored run that speaks again is live. */
function isRecovery(change: JobChange): boolean {
  return change.from === 'failed' && change.to === 'running';
}

/** When the change happened, as far as the job says; a recovery has no timestamp of its own. */
function changedAt(change: JobChange, now: number): number {
  const { job } = change;
  const at: Record<StatusKind, number | null> = {
    queued: job.createdAt,
    running: isRecovery(change) ? null : job.startedAt,
    completed: job.endedAt,
    failed: job.endedAt,
  };
  return at[change.to] ?? now;
}

/** The span that ended with this change: the queue wait on starting, the run on finishing. */
function spanPhrase(change: JobChange, now: number): string | null {
  const { wait, run } = timing(change.job, now);
  if (change.to === 'running') return wait && !wait.ongoing ? `waited ${formatDuration(wait.ms)}` : null;
  if (change.to === 'completed' || change.to === 'failed') return run ? `ran ${formatDuration(run.ms)}` : null;
  return null;
}

function recoveryWords(job: Job): string {
  return job.source === 'runs' ? 'the run is live again' : 'the job is running again';
}

/**
 * One short line for the job's thread: "Running → Completed · ran 3 min 5 s · <date>". A failure
 * carries its error and the mention (an edit does not notify, this reply does).
 */
export function buildThreadLine(payload: JobAlertPayload, now: number): Message {
  const { change } = payload;
  const { job } = change;
  const failed = change.to === 'failed';
  const recovered = isRecovery(change);
  const mention = failureMention(payload.mention, failed);
  const move = change.from === null ? statusWord(job) : `${kindLabel(change.from).word} → ${statusWord(job)}`;
  const line = joinPresent(
    [recovered ? `Recovered: ${recoveryWords(job)}` : null, move, spanPhrase(change, now), slackDate(changedAt(change, now))],
    ' · ',
  );
  const error = failed ? `Error: ${clip(job.errorMessage ?? 'no error message given', CAPS.threadError)}` : null;
  const text = joinPresent([withMention(mention, `${statusLabel(job).emoji} ${line}`), error], '\n');
  const fallback = recovered ? `${jobName(job)} recovered: ${recoveryWords(job)}` : `${jobName(job)}: ${move}${errorSuffix(job)}`;
  return fitMessage({ text: withMention(mention, fallback), blocks: [section(text)] });
}

/** Failures first: in a burst they are what someone has to act on. */
const DIGEST_ORDER: Record<StatusKind, number> = { failed: 0, completed: 1, running: 2, queued: 3 };

function digestLine(change: JobChange): string {
  const { job } = change;
  const recovered = isRecovery(change) ? ' (recovered)' : '';
  return `${statusText(job)}${recovered}  ${shortIdCode(job.id)}  ${describeSubject(job, CAPS.digestInput)}`;
}

function reachedCounts(changes: readonly JobChange[]): Record<StatusKind, number> {
  const reached = zeroCounts();
  for (const change of changes) reached[change.to] += 1;
  return reached;
}

/**
 * One message for a burst of changes, or for what changed while the app was down: counts by
 * the status reached, failures grouped by cause, then the jobs themselves, failures first.
 */
export function buildDigest(payload: DigestPayload, now: number): Message {
  const { changes, catchUp, snooze } = payload;
  const overdue = payload.overdue ?? [];
  const updates = plural(changes.length, 'job update');
  const overdueOnly = !snooze && !payload.mute && changes.length === 0 && overdue.length > 0;
  const title = snooze
    ? `While alerts were snoozed: ${updates}`
    : payload.mute
      ? `While a cause was muted: ${updates}`
      : overdueOnly
      ? `${plural(overdue.length, 'job')} overdue`
      : catchUp
        ? `While hume-jobs was away: ${updates}`
        : updates;
  const failedJobs = changes.filter((c) => c.to === 'failed').map((c) => c.job);
  const mention = failureMention(payload.mention, failedJobs.length > 0 || overdue.length > 0);
  const withErrors = changes.filter((c) => c.to === 'completed' && completedWithErrors(c.job)).length;
  const parts = countParts(reachedCounts(changes), withErrors, false);
  const groups = groupFailures(failedJobs);
  const ordered = [...changes].sort((a, b) => DIGEST_ORDER[a.to] - DIGEST_ORDER[b.to]);
  const lines = ordered.slice(0, DIGEST_LISTED).map(digestLine);
  const blocks: MessageBlock[] = [
    header(title),
    section(joinPresent([mention, parts.length > 0 ? countsLine(parts) : overdueOnly ? overdueSummary(payload) : 'No jobs changed.'], '\n')),
    ...(groups.length > 0 ? [section(failureGroupsText(groups))] : []),
    ...(overdue.length > 0 ? [section(overdueLines(overdue, overdueOnly ? 'has been' : 'was'))] : []),
    ...(lines.length > 0 ? [section(`${JOBS_LABEL}\n${packLines(lines, DIGEST_LINES_BUDGET - JOBS_LABEL.length - 1, changes.length)}`)] : []),
    context(`${digestWhy(payload)} ${code('/hume-jobs job <id>', 40)} shows one job in full. As of ${slackDate(now)}.`),
  ];
  const fallback = parts.length > 0 ? `${title} — ${countsWords(parts)}` : overdueOnly ? `${title} — ${overdueStates(overdue)}` : title;
  return fitMessage({ text: withMention(mention, fallback), blocks });
}

function digestWhy(payload: DigestPayload): string {
  const { snooze, mute } = payload;
  if (mute) {
    const span = `from ${slackDate(mute.startedAt)} to ${slackDate(mute.endedAt)}`;
    const ended = mute.endedBy ? ` (ended early by ${userLink(mute.endedBy)})` : '';
    const by = mute.mutedBy ? ` by ${userLink(mute.mutedBy)}` : '';
    const what = mute.cause === OVERDUE_CAUSE ? 'Overdue alerts were' : `Alerts of ${causeWords(mute)} were`;
    return `${what} muted here${by} ${span}${ended}; this is what they held, and they alert again.`;
  }
  if (snooze) {
    const span = `from ${slackDate(snooze.startedAt)} to ${slackDate(snooze.endedAt)}`;
    const ended = snooze.endedBy ? ` (ended early by ${userLink(snooze.endedBy)})` : '';
    return `Alerts here were snoozed ${span}${ended}; this is what happened meanwhile, and alerts are back on.`;
  }
  if (payload.overdueRule && payload.changes.length === 0) {
    return "Many jobs went overdue at once (Hume's queue may be stalled), so they are summed up in one message; jobs with a message here also get a line in its thread.";
  }
  return payload.catchUp
    ? 'These jobs changed while hume-jobs was not running, so they are summed up here.'
    : 'Many jobs changed at once, so they are summed up in one message.';
}

/** Overdue jobs a snooze held (`was`) or that went overdue at once (`has been`), one line each. */
function overdueLines(overdue: readonly { job: Job; ageMs: number }[], verb: 'was' | 'has been'): string {
  const lines = overdue.map(({ job, ageMs }) => `:alarm_clock: ${shortIdCode(job.id)} ${verb} ${job.status === 'queued' ? 'queued' : 'running'} for ${formatDuration(ageMs)}`);
  return `*Overdue*\n${packLines(lines.slice(0, DIGEST_LISTED), 1500, lines.length)}`;
}

/** "12 queued, 18 running" */
function overdueStates(overdue: readonly { job: Job }[]): string {
  const queued = overdue.filter(({ job }) => job.status === 'queued').length;
  return joinPresent([queued > 0 ? `${queued} queued` : null, queued < overdue.length ? `${overdue.length - queued} running` : null], ', ');
}

/** The digest's first line for jobs gone overdue at once: how many in each state, and why overdue. */
function overdueSummary(payload: DigestPayload): string {
  const rule = payload.overdueRule ?? { typicalMs: null, limitMs: null };
  const why = overdueReason({ typicalMs: rule.typicalMs, limitMs: rule.limitMs }).line;
  return `:alarm_clock: ${overdueStates(payload.overdue ?? [])} for too long. ${why}`;
}

/** Why the job counts as overdue: the channel's own limit, or what is usual here. */
function overdueReason(payload: Pick<OverduePayload, 'typicalMs' | 'limitMs'>): { line: string; short: string } {
  if (payload.limitMs) {
    const limit = formatDuration(payload.limitMs);
    const usual = payload.typicalMs === null ? '' : ` Jobs here usually take ${formatDuration(payload.typicalMs)}.`;
    return { line: `This channel's overdue limit is ${limit}.${usual}`, short: `limit ${limit}` };
  }
  const typical = formatDuration(payload.typicalMs ?? 0);
  return { line: `Jobs here usually take ${typical} from submission to end.`, short: `usually ${typical}` };
}

/**
 * A job queued or running far longer than this account's jobs usually take (or than the
 * channel's own limit). It mentions like a failure does: a stuck job is trouble someone should
 * look at.
 */
export function buildOverdueAlert(payload: OverduePayload, now: number, actions: AlertActionState = NO_ACTIONS): Message {
  const { job } = payload;
  const mention = failureMention(payload.mention, true);
  const state = job.status === 'queued' ? 'queued' : 'running';
  const reason = overdueReason(payload);
  const main = joinPresent(
    [
      mention,
      `:alarm_clock: *Overdue*  ${shortIdCode(job.id)} has been ${state} for ${formatDuration(payload.ageMs)}`,
      reason.line,
      describeJob(job, CAPS),
    ],
    '\n',
  );
  const blocks: MessageBlock[] = [
    section(main, button('Details', ACTION_DETAILS, job.id)),
    ...alertActionBlocks(job.id, actions, now, true),
    context(joinPresent([timeline(job), `Checked ${slackDate(now)}`], ' · ')),
  ];
  const text = `${jobName(job)} is overdue: ${state} for ${formatDuration(payload.ageMs)} (${reason.short})`;
  return fitMessage({ text: withMention(mention, text), blocks });
}
