/**
 * The caller's time zone, as their Slack profile has it (users.info: `tz`, an IANA name, and
 * `tz_offset`, seconds east of UTC now). `snooze until 9:00` and `digest daily 9:00` read a time
 * of day on the caller's own clock with it. Null when Slack cannot tell (no `users:read` scope,
 * Slack down): the replies then use UTC and say so.
 */
import type { WebClient } from '@slack/web-api';

export interface CallerZone {
  /** IANA name (`America/New_York`), when Slack gave one. */
  tz: string | null;
  /** Minutes east of UTC at this moment. */
  offsetMinutes: number;
}

export async function readCallerZone(client: WebClient, userId: string): Promise<CallerZone | null> {
  try {
    const info = await client.users.info({ user: userId });
    const offset = info.user?.tz_offset;
    if (typeof offset === 'number' && Number.isFinite(offset)) {
      const tz = info.user?.tz;
      return { tz: typeof tz === 'string' && tz !== '' ? tz : null, offsetMinutes: Math.round(offset / 60) };
    }
  } catch {
    // No users:read scope, or Slack is down: the caller's reply says UTC was used.
  }
  return null;
}
