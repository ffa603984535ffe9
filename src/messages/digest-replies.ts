/**
 * Replies about a channel's scheduled digest. Setting and stopping one are posted for the whole
 * channel (it changes what everyone there gets); asking about it is answered to the caller only.
 */
import { cadenceWords, nextDueAt, type DigestSchedule } from '../domain/digest-schedule';
import { context, section, type Message } from './blocks';
import { fitMessage } from './limits';
import { clip, slackDate, userLink } from './mrkdwn';

const HOW = '`/hume-jobs digest daily 9:00`, `digest weekdays 9:00` or `digest weekly mon 9:00` posts a summary here at that time, yours.';
const WHAT = 'Counts by status since the last digest, typical wait and run time, failures by cause, the slowest jobs and what is running now.';

/** "every day at 09:00 (America/New_York)": the zone name came from Slack, so it is escaped. */
export function scheduleWords(schedule: Pick<DigestSchedule, 'cadence' | 'weekday' | 'minutes' | 'timeZone'>): string {
  return `${cadenceWords(schedule)} (${clip(schedule.timeZone, 60)})`;
}

/** One line for `subscriptions` and App Home: shown whenever a channel has a digest. */
export function digestLine(schedule: DigestSchedule, now: number): string {
  return `:calendar: Digest ${scheduleWords(schedule)}; next ${slackDate(nextDueAt(schedule, now))}.`;
}

/** A reply (`subscriptions`) with the channel's digest line under it. */
export function withDigestLine(message: Message, schedule: DigestSchedule, now: number): Message {
  return fitMessage({ ...message, blocks: [...message.blocks, section(digestLine(schedule, now))] });
}

export interface DigestSetInput {
  schedule: DigestSchedule;
  replaced: DigestSchedule | null;
  now: number;
  /** Why the zone is not the caller's own, when it is not (`UTC: I could not read your time zone`). */
  zoneNote: string | null;
}

export function buildDigestSet(input: DigestSetInput): Message {
  const { schedule, replaced, now } = input;
  const by = schedule.createdBy === null ? 'Someone' : userLink(schedule.createdBy);
  const verb = replaced ? `changed this channel's digest (was ${scheduleWords(replaced)}) to` : 'set a digest for this channel:';
  const note = input.zoneNote ? ` (${clip(input.zoneNote, 120)})` : '';
  const next = nextDueAt(schedule, now);
  return fitMessage({
    text: `This channel gets a digest ${cadenceWords(schedule)} (${schedule.timeZone})`,
    blocks: [
      section(`:calendar: ${by} ${verb} ${scheduleWords(schedule)}${note}. The first comes ${slackDate(next)}, with what happened from now on.`),
      context(`${WHAT} \`/hume-jobs digest off\` stops it.`),
    ],
  });
}

/** The same schedule again: nothing changes, and only the caller hears it. */
export function buildDigestUnchanged(schedule: DigestSchedule, now: number): Message {
  return fitMessage({ text: 'This channel already has that digest', blocks: [section(`${digestLine(schedule, now)} That is already this channel's digest.`)] });
}

export function buildDigestStopped(by: string, stopped: DigestSchedule): Message {
  return fitMessage({
    text: "This channel's digest is stopped",
    blocks: [section(`:no_bell: ${userLink(by)} stopped this channel's digest (${scheduleWords(stopped)}).`)],
  });
}

export function buildNoDigest(): Message {
  return fitMessage({ text: 'This channel has no digest', blocks: [section(`:calendar: This channel has no digest. ${HOW}`)] });
}

/** `digest` alone: the channel's schedule, or how to set one. */
export function buildDigestStatus(schedule: DigestSchedule | null, now: number): Message {
  if (schedule === null) return buildNoDigest();
  const last = schedule.lastDueAt === null ? 'none yet' : slackDate(schedule.lastDueAt);
  return fitMessage({
    text: "This channel's digest",
    blocks: [section(`${digestLine(schedule, now)} Last one: ${last}.`), context(`${WHAT} \`/hume-jobs digest off\` stops it.`)],
  });
}
