/** When a scheduled digest is due: a pure function of the schedule, its zone and the time. */
import {
  duePeriod,
  instantOfWallClock,
  latestDueAt,
  nextDueAt,
  type DigestSchedule,
} from '../../../src/domain/digest-schedule';

const utc = (y: number, mo: number, d: number, h: number, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString().slice(0, 16));

function schedule(fields: Partial<DigestSchedule>): DigestSchedule {
  return { channelId: 'C1', cadence: 'daily', weekday: null, minutes: 540, timeZone: 'UTC', createdBy: null, createdAt: 0, lastDueAt: null, coveredUntil: null, ...fields };
}

describe('next due time', () => {
  // 2026-11-28 is a Saturday.
  test.each<[string, Partial<DigestSchedule>, number, string]>([
    ['daily 09:00 UTC, before 09:00', {}, utc(2026, 11, 28, 8, 59), '2026-11-28T09:00'],
    ['daily 09:00 UTC, at 09:00 exactly: the next day', {}, utc(2026, 11, 28, 9), '2026-11-29T09:00'],
    ['daily 09:00 New York (EST, UTC−5)', { timeZone: 'America/New_York' }, utc(2026, 11, 28, 12), '2026-11-28T14:00'],
    ['daily 09:00 Tokyo, late in the UTC day', { timeZone: 'Asia/Tokyo' }, utc(2026, 11, 28, 23), '2026-11-29T00:00'],
    ['daily 09:00 Kolkata (UTC+5:30)', { timeZone: 'Asia/Kolkata' }, utc(2026, 11, 28, 12), '2026-11-29T03:30'],
    ['weekdays on Saturday: Monday', { cadence: 'weekdays' }, utc(2026, 11, 28, 12), '2026-11-30T09:00'],
    ['weekdays on Friday after 09:00: Monday', { cadence: 'weekdays' }, utc(2026, 11, 27, 10), '2026-11-30T09:00'],
    ['weekdays on Monday before 09:00: that day', { cadence: 'weekdays' }, utc(2026, 11, 30, 8), '2026-11-30T09:00'],
    // Saturday 19:00 in New York is already Sunday in UTC; Monday 09:00 there is 14:00 UTC.
    ['weekdays, Saturday evening in New York', { cadence: 'weekdays', timeZone: 'America/New_York' }, utc(2026, 11, 29, 0), '2026-11-30T14:00'],
    ['weekly Monday', { cadence: 'weekly', weekday: 1 }, utc(2026, 11, 28, 12), '2026-11-30T09:00'],
    ['weekly Saturday, after it: a week on', { cadence: 'weekly', weekday: 6 }, utc(2026, 11, 28, 12), '2026-12-05T09:00'],
    ['weekly Sunday 17:30 Paris (CET)', { cadence: 'weekly', weekday: 0, minutes: 1050, timeZone: 'Europe/Paris' }, utc(2026, 11, 28, 12), '2026-11-29T16:30'],
    // New York: clocks go forward on 2027-03-14 and back on 2026-11-01.
    ['09:00 New York the day before spring forward (EST)', { timeZone: 'America/New_York' }, utc(2027, 3, 13, 12), '2027-03-13T14:00'],
    ['09:00 New York on spring-forward day (EDT)', { timeZone: 'America/New_York' }, utc(2027, 3, 13, 15), '2027-03-14T13:00'],
    ['09:00 New York on fall-back day (EST again)', { timeZone: 'America/New_York' }, utc(2026, 10, 31, 14), '2026-11-01T14:00'],
    ['09:00 Sydney on its spring-forward day (AEDT, UTC+11)', { timeZone: 'Australia/Sydney' }, utc(2026, 10, 3, 0), '2026-10-03T22:00'],
    ['02:30 New York, a time that does not exist on spring-forward night: 03:30', { minutes: 150, timeZone: 'America/New_York' }, utc(2027, 3, 14, 5), '2027-03-14T07:30'],
    ['01:30 New York, twice on fall-back night: the first', { minutes: 90, timeZone: 'America/New_York' }, utc(2026, 11, 1, 4), '2026-11-01T05:30'],
  ])('%s', (_name, fields, now, expected) => {
    expect(iso(nextDueAt(schedule(fields), now))).toBe(expected);
  });
});

describe('latest due time', () => {
  test.each<[string, Partial<DigestSchedule>, number, string | null]>([
    ['daily, at the minute', {}, utc(2026, 11, 28, 9), '2026-11-28T09:00'],
    ['daily, before it: yesterday', {}, utc(2026, 11, 28, 8), '2026-11-27T09:00'],
    ['weekdays on Sunday: Friday', { cadence: 'weekdays' }, utc(2026, 11, 29, 12), '2026-11-27T09:00'],
    ['weekly Wednesday, on Tuesday: last week', { cadence: 'weekly', weekday: 3 }, utc(2026, 12, 1, 12), '2026-11-25T09:00'],
  ])('%s', (_name, fields, now, expected) => {
    expect(iso(latestDueAt(schedule(fields), now))).toBe(expected);
  });
});

describe('the period due now', () => {
  const daily = schedule({ createdAt: utc(2026, 11, 28, 8) });
  test.each<[string, DigestSchedule, number, string | null]>([
    ['before the first time: none', daily, utc(2026, 11, 28, 8, 59), null],
    ['at the first time', daily, utc(2026, 11, 28, 9), '2026-11-28T09:00'],
    ['set just after the time: not today', schedule({ createdAt: utc(2026, 11, 28, 9, 1) }), utc(2026, 11, 28, 12), null],
    ['after the last one, same day: none', schedule({ createdAt: daily.createdAt, lastDueAt: utc(2026, 11, 28, 9) }), utc(2026, 11, 28, 23), null],
    // Down for three days: one period, the latest, not three.
    ['after days away: only the latest', schedule({ createdAt: daily.createdAt, lastDueAt: utc(2026, 11, 28, 9) }), utc(2026, 12, 1, 15), '2026-12-01T09:00'],
  ])('%s', (_name, s, now, expected) => {
    expect(iso(duePeriod(s, now))).toBe(expected);
  });
});

test('a wall time maps back to itself across a year of days in zones with and without DST', () => {
  for (const zone of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'UTC']) {
    for (let day = 0; day < 366; day += 1) {
      const wall = Date.UTC(2026, 0, 1) + day * 86_400_000 + 9 * 3_600_000;
      const at = instantOfWallClock(wall, zone);
      const shown = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
      expect(shown).toBe('09:00');
    }
  }
});
