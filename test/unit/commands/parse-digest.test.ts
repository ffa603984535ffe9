/** digest: what each form means, and the one line each mistake gets. */
import type { Command } from '../../../src/commands/command';
import { parse, parseFails } from './parse-helpers';

const set = (cadence: 'daily' | 'weekdays' | 'weekly', minutes: number, weekday: number | null = null, utc = false): Command => ({
  kind: 'digest',
  action: 'set',
  schedule: { cadence, weekday, minutes, utc },
});

test.each<[string, Command]>([
  ['digest', { kind: 'digest', action: 'show' }],
  ['digest off', { kind: 'digest', action: 'off' }],
  ['digest daily 9:00', set('daily', 540)],
  ['digest daily 09:30', set('daily', 570)],
  ['daily digest 17:45', set('daily', 1065)],
  ['digest daily 9am', set('daily', 540)],
  ['digest daily 5:30pm', set('daily', 1050)],
  ['digest daily 5:30 PM', set('daily', 1050)],
  ['digest daily at 9:00', set('daily', 540)],
  ['digest 9:00 daily', set('daily', 540)],
  ['digest daily 9:00 utc', set('daily', 540, null, true)],
  ['digest daily 9:00z', set('daily', 540, null, true)],
  ['digest weekdays 9:00', set('weekdays', 540)],
  ['digest weekly mon 9:00', set('weekly', 540, 1)],
  ['digest weekly monday 9:00', set('weekly', 540, 1)],
  ['digest weekly on fri at 4pm', set('weekly', 960, 5)],
  ['digest sun 8:00', set('weekly', 480, 0)],
  ['digest weekly thurs 12:00', set('weekly', 720, 4)],
])('%j', (text, expected) => expect(parse(text)).toEqual(expected));

test.each<[string, string]>([
  ['digest daily', '`digest daily` needs a time of day: e.g. `digest daily 9:00` (your time zone).'],
  ['digest 9:00', '`digest 9:00` needs how often: `digest daily 9:00`, `digest weekdays 9:00` or `digest weekly mon 9:00`.'],
  ['digest weekly 9:00', '`weekly` needs a day: e.g. `digest weekly mon 9:00` (or `digest weekdays 9:00` for Monday to Friday).'],
  ['digest weekdays mon 9:00', "`weekdays` and `mon` don't go together: a day is for a weekly digest, e.g. `digest weekly mon 9:00`."],
  ['digest daily 25:00', "`25:00` isn't a real time of day: hours go 0 to 23 (1 to 12 with `am` or `pm`), minutes 00 to 59 and offsets to ±14:00, e.g. `digest daily 9:00`."],
  ['digest daily 9:00+01:00', '`9:00+01:00` has a fixed offset: a digest follows your Slack time zone (so it keeps its hour when clocks change); write `9:00`, or `9:00 utc` for UTC.'],
  // A bare hour is refused, as `snooze until 9` is: it is too easily 9 hours or the 9th.
  ['digest daily 9', "`9` alone is no time of day: write a time of day like `9:00` or `9am`, e.g. `digest daily 9:00`."],
  ['digest daily at 9', "`at 9` alone is no time of day: write a time of day like `9:00` or `9am`, e.g. `digest daily 9:00`."],
  ['digest weekly mon 17', "`17` alone is no time of day: write a time of day like `17:00` or `5pm`, e.g. `digest daily 17:00`."],
  ['digest daily 30', "`30` alone is no time of day: write a time of day like `9:00` or `9am`, e.g. `digest daily 9:00`."],
  ['digest daily at noon', '`at noon` needs a time of day: `9:00`, `17:30` or `5:30pm`, e.g. `digest daily at 9:00`.'],
  ['digest off daily 9:00', "`off` and `daily` both set this channel's digest: keep one."],
  ['digest daily weekly 9:00', '`daily` and `weekly` both set how often: keep one.'],
  ['digest mon fri 9:00', '`mon` and `fri` both set the day: keep one.'],
  ['digest hourly', "`hourly` isn't a digest schedule: use `daily 9:00`, `weekdays 9:00`, `weekly mon 9:00` or `off`, e.g. `digest daily 9:00`."],
  ['digest 2h', "`2h` doesn't go with `digest`: use it with snooze or overdue, e.g. `/hume-jobs snooze 2h`."],
  ['failed 9:00', "`9:00` doesn't go with a job list: use it with digest, e.g. `/hume-jobs digest daily 9:00`."],
  ['failed daily', "`daily` doesn't go with a job list: use it with digest, e.g. `/hume-jobs digest daily 9:00`."],
])('%j', (text, message) => expect(parseFails(text).message).toBe(message));

test('a typo of a digest word is suggested', () => {
  expect(parseFails('digest daly 9:00').suggestion).toBe('daily');
});
