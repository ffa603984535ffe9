/**
 * `snooze 2h`, `snooze until 9:00`, `snooze off`, `snooze`. A time of day is the caller's own:
 * their zone comes from Slack (users.info), and UTC is used, and said, when Slack cannot tell.
 */
import type { WebClient } from '@slack/web-api';
import type { Command, SnoozeEnd } from '../../commands/command';
import { resolveSnoozeEnd } from '../../commands/snooze-end';
import type { AlertPayload } from '../../domain/alert-payload';
import { summarizeSnooze } from '../../alerts/snooze-digest';
import { buildErrorMessage } from '../../messages/replies';
import { buildNothingToSnooze, buildNotSnoozed, buildSnoozed, buildSnoozeEnded, buildSnoozeStatus } from '../../messages/snooze';
import { fromChat, type ChannelContext } from './channel-context';
import { type CommandResponse, toCallerOnly } from './command-response';

type SnoozeCommand = Extract<Command, { kind: 'snooze' }>;

const NO_ALERTS = 'Alerts are off in this app (POLL_INTERVAL=off), so there is nothing to snooze.';

interface Zone {
  offsetMinutes: number;
  note: string;
}

function clockText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The caller's zone for a time of day typed without one; null when the end is not such a time. */
async function callerZone(client: WebClient, userId: string, end: SnoozeEnd): Promise<Zone | null> {
  if (end.type !== 'clock' || end.offsetMinutes !== null) return null;
  const at = clockText(end.minutes);
  try {
    const info = await client.users.info({ user: userId });
    const offset = info.user?.tz_offset;
    if (typeof offset === 'number' && Number.isFinite(offset)) {
      return { offsetMinutes: Math.round(offset / 60), note: `${at} in your time zone, ${info.user?.tz ?? 'as Slack has it'}` };
    }
  } catch {
    // No users:read scope, or Slack is down: UTC, and the reply says so.
  }
  return { offsetMinutes: 0, note: `${at} UTC: I could not read your time zone` };
}

/** What the summary will count: each job once, and each overdue job (none without a summary). */
function countUpdates(payload: AlertPayload | undefined): number {
  if (payload?.type !== 'digest') return 0;
  return payload.changes.length + (payload.overdue?.length ?? 0);
}

export async function answerSnooze(cmd: SnoozeCommand, ctx: ChannelContext, polling: boolean): Promise<CommandResponse> {
  const { store, channelId, userId, now } = ctx;
  switch (cmd.action) {
    case 'show':
      return buildSnoozeStatus((await store.listSnoozes(channelId))[0] ?? null, now);
    case 'off': {
      const ended = await store.endSnooze(channelId, now, false, (snooze, held) => summarizeSnooze(snooze, held, now, userId), fromChat(ctx));
      if (ended === null) return toCallerOnly(buildNotSnoozed());
      return buildSnoozeEnded(userId, countUpdates(ended.summary?.payload));
    }
    case 'set': {
      if (!polling) return toCallerOnly(buildErrorMessage(NO_ALERTS));
      const [subscription] = await store.listSubscriptions(channelId);
      if (subscription === undefined || subscription.kinds.length === 0) return toCallerOnly(buildNothingToSnooze());
      const zone = await callerZone(ctx.client, userId, cmd.end);
      const endsAt = resolveSnoozeEnd(cmd.end, now, zone?.offsetMinutes ?? 0);
      const existing = (await store.listSnoozes(channelId))[0];
      const snooze = await store.snooze({ channelId, startedAt: now, endsAt, createdBy: userId }, fromChat(ctx));
      return buildSnoozed({ snooze, by: userId, now, extended: existing !== undefined, zoneNote: zone?.note ?? null });
    }
  }
}
