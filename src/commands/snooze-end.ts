/** When a snooze ends, as a moment: `until 9:00` is the next 9:00 on the caller's clock. */
import type { SnoozeEnd } from './command';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * `userOffsetMinutes` is the caller's zone (minutes east of UTC, from Slack's users.info); a
 * time typed with its own zone (`9:00z`) ignores it. The result is always after `now`.
 */
export function resolveSnoozeEnd(end: SnoozeEnd, now: number, userOffsetMinutes: number): number {
  switch (end.type) {
    case 'for':
      return now + end.ms;
    case 'at':
      return end.ms;
    case 'clock': {
      const offsetMs = (end.offsetMinutes ?? userOffsetMinutes) * MINUTE_MS;
      const localMidnight = Math.floor((now + offsetMs) / DAY_MS) * DAY_MS;
      const today = localMidnight + end.minutes * MINUTE_MS - offsetMs;
      return today > now ? today : today + DAY_MS;
    }
  }
}
