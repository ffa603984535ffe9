/**
 * `digest daily 9:00`, `digest weekdays 9:00`, `digest weekly mon 9:00`, `digest off`, `digest`.
 * The time is the caller's own: their zone comes from Slack (users.info) and is kept by name, so
 * the digest keeps its hour when clocks change; UTC is used, and said, when Slack cannot tell.
 */
import type { Command, DigestTiming } from '../../commands/command';
import { clockText, isKnownZone, type DigestSchedule } from '../../domain/digest-schedule';
import { buildDigestSet, buildDigestStatus, buildDigestStopped, buildDigestUnchanged, buildNoDigest } from '../../messages/digest-replies';
import { buildErrorMessage } from '../../messages/replies';
import { readCallerZone } from './caller-zone';
import { fromChat, type ChannelContext } from './channel-context';
import { buildManagedByFile } from '../../messages/managed-by-file';
import { type CommandResponse, toCallerOnly } from './command-response';

type DigestCommand = Extract<Command, { kind: 'digest' }>;

const NO_POLLING = 'Alerts are off in this app (POLL_INTERVAL=off): a digest sums up what the app records, so there would be nothing in it.';

/** A whole-hour offset as a zone name: `Etc/GMT-1` is UTC+1 (the Etc names count the other way). */
function zoneOfOffset(minutes: number): string | null {
  if (minutes === 0) return 'UTC';
  if (minutes % 60 !== 0 || Math.abs(minutes) > 14 * 60) return null;
  const hours = -minutes / 60;
  return `Etc/GMT${hours > 0 ? '+' : ''}${hours}`;
}

/** The zone a digest follows, and a note when it is not the caller's named zone. */
async function digestZone(ctx: ChannelContext, timing: DigestTiming): Promise<{ timeZone: string; note: string | null }> {
  if (timing.utc) return { timeZone: 'UTC', note: null };
  const zone = await readCallerZone(ctx.client, ctx.userId);
  if (zone?.tz && isKnownZone(zone.tz)) return { timeZone: zone.tz, note: null };
  const fixed = zone ? zoneOfOffset(zone.offsetMinutes) : null;
  if (fixed && isKnownZone(fixed)) return { timeZone: fixed, note: `your Slack time zone has no name I know, so a fixed ${fixed}` };
  return { timeZone: 'UTC', note: `${clockText(timing.minutes)} UTC: I could not read your time zone` };
}

function sameTiming(a: DigestSchedule, b: DigestSchedule): boolean {
  return a.cadence === b.cadence && a.weekday === b.weekday && a.minutes === b.minutes && a.timeZone === b.timeZone;
}

export async function answerDigest(cmd: DigestCommand, ctx: ChannelContext, polling: boolean): Promise<CommandResponse> {
  const { store, channelId, userId, now } = ctx;
  if (cmd.action !== 'show' && (await store.managedSettings(channelId)).includes('digest')) return toCallerOnly(buildManagedByFile('digest'));
  switch (cmd.action) {
    case 'show':
      return buildDigestStatus((await store.listDigestSchedules(channelId))[0] ?? null, now);
    case 'off': {
      const stopped = await store.removeDigestSchedule(channelId, fromChat(ctx));
      return stopped === null ? toCallerOnly(buildNoDigest()) : buildDigestStopped(userId, stopped);
    }
    case 'set': {
      if (!polling) return toCallerOnly(buildErrorMessage(NO_POLLING));
      const zone = await digestZone(ctx, cmd.schedule);
      const { cadence, weekday, minutes } = cmd.schedule;
      const schedule: DigestSchedule = { channelId, cadence, weekday, minutes, timeZone: zone.timeZone, createdBy: userId, createdAt: now, lastDueAt: null, coveredUntil: null };
      const [current] = await store.listDigestSchedules(channelId);
      if (current && sameTiming(current, schedule)) return toCallerOnly(buildDigestUnchanged(current, now));
      const replaced = await store.putDigestSchedule(schedule, fromChat(ctx));
      return buildDigestSet({ schedule, replaced, now, zoneNote: zone.note });
    }
  }
}
