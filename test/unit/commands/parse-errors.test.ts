/**
 * Everything that is refused. Each answer is one line, `what was wrong: what would work`, with
 * what was typed and what would work as code spans; a likely typo names the nearest word.
 */
import { parseFails } from './parse-helpers';

/** Every error the grammar produces, by kind, with the exact line a person reads. */
const LINES: Record<string, [string, string][]> = {
  "unknown words and typos": [
    ["faild", "`faild` isn't a word I know: did you mean `failed`?"],
    ["FAILD", "`FAILD` isn't a word I know: did you mean `failed`?"],
    ["in_porgress", "`in_porgress` isn't a word I know: did you mean `in_progress`?"],
    ["jobs", "`jobs` isn't a word I know: did you mean `job`?"],
    ["limt 5", "`limt` isn't a word I know: did you mean `limit`?"],
    ["limt:5", "`limt` isn't a word I know: did you mean `limit`?"],
    ["sicne 2h", "`sicne` isn't a word I know: did you mean `since`?"],
    ["failed oldset", "`oldset` isn't a word I know: did you mean `oldest`?"],
    ["error", "`error` isn't a word I know: did you mean `errored`?"],
    ["sort endd", "`endd` isn't a sort key: did you mean `ended`?"],
    ["since yesterdy", "`yesterdy` isn't a time: did you mean `yesterday`?"],
    ["subscribe mention team", "`team` isn't a user group or person to mention: did you mean `@team`?"],
    ["banana", "`banana` isn't a word I know."],
    ["x", "`x` isn't a word I know."],
    ["eror", "`eror` isn't a word I know."],
    ["done", "`done` isn't a word I know."],
    ["last", "`last` isn't a word I know."],
  ],
  "page sizes": [
    ["limit 0", "`limit 0` is out of range: a page holds 1 to 25 jobs, e.g. `limit 10`."],
    ["limit 26", "`limit 26` is out of range: a page holds 1 to 25 jobs, e.g. `limit 10`."],
    ["limit:-1", "`limit:-1` is out of range: a page holds 1 to 25 jobs, e.g. `limit 10`."],
    ["limit 2.5", "`limit 2.5` isn't a whole number: a page holds 1 to 25 jobs, e.g. `limit 10`."],
    ["limit ten", "`limit ten` isn't a number: a page holds 1 to 25 jobs, e.g. `limit 10`."],
    ["limit", "`limit` needs a page size: a page holds 1 to 25 jobs, e.g. `limit 10`."],
    ["failed limit", "`limit` needs a page size: a page holds 1 to 25 jobs, e.g. `limit 10`."],
    ["30", "`30` is out of range: a page holds 1 to 25 jobs, e.g. `limit 10`."],
    ["0", "`0` is out of range: a page holds 1 to 25 jobs, e.g. `limit 10`."],
  ],
  "times": [
    ["since", "`since` needs a time: `30m`, `2h`, `3d`, `1w`, `today`, `yesterday`, `2026-11-01`, `2026-11-01T09:30Z` or Unix ms, e.g. `since 2h`."],
    ["since failed", "`since` needs a time: `30m`, `2h`, `3d`, `1w`, `today`, `yesterday`, `2026-11-01`, `2026-11-01T09:30Z` or Unix ms, e.g. `since 2h`."],
    ["since 2x", "`2x` isn't a time: use `30m`, `2h`, `3d`, `1w`, `today`, `yesterday`, `2026-11-01`, `2026-11-01T09:30Z` or Unix ms, e.g. `since 2h`."],
    ["after 2x", "`2x` isn't a time: use `30m`, `2h`, `3d`, `1w`, `today`, `yesterday`, `2026-11-01`, `2026-11-01T09:30Z` or Unix ms, e.g. `after 2h`."],
    ["since 2 fortnights", "`2` isn't a time: use `30m`, `2h`, `3d`, `1w`, `today`, `yesterday`, `2026-11-01`, `2026-11-01T09:30Z` or Unix ms, e.g. `since 2h`."],
    ["since 3mo", "`3mo` isn't a time: use `30m`, `2h`, `3d`, `1w`, `today`, `yesterday`, `2026-11-01`, `2026-11-01T09:30Z` or Unix ms, e.g. `since 2h`."],
    ["since 2026-02-30", "`2026-02-30` isn't a real date: months go 01 to 12 and days to the month's last, e.g. `2026-11-01`."],
    ["since 2026-04-31", "`2026-04-31` isn't a real date: months go 01 to 12 and days to the month's last, e.g. `2026-11-01`."],
    ["since 2026-11-01T24:00", "`2026-11-01T24:00` isn't a real time: hours go 00 to 23, minutes 00 to 59 and offsets to ±23:59, e.g. `2026-11-01T09:30Z`."],
    ["since 2026-11-01 09:30+25:00", "`2026-11-01 09:30+25:00` isn't a real time: hours go 00 to 23, minutes 00 to 59 and offsets to ±23:59, e.g. `2026-11-01T09:30Z`."],
    ["since 1969-12-31", "`1969-12-31` is outside the times I can use: pick one from 1970 to the year 275760, e.g. `since 2h`."],
    ["since 99999999999w", "`99999999999w` is outside the times I can use: pick one from 1970 to the year 275760, e.g. `since 2h`."],
    ["since 1700000000", "`1700000000` looks like Unix seconds: times here are Unix milliseconds, e.g. `1700000000000`."],
    ["before 1700000000", "`1700000000` looks like Unix seconds: times here are Unix milliseconds, e.g. `1700000000000`."],
    ["2026-02-30", "`2026-02-30` isn't a real date: months go 01 to 12 and days to the month's last, e.g. `2026-11-01`."],
    ["before 2x", "`2x` isn't a time: use `30m`, `2h`, `3d`, `1w`, `today`, `yesterday`, `2026-11-01`, `2026-11-01T09:30Z` or Unix ms, e.g. `before 2h`."],
    ["since today before yesterday", "`since today` must be earlier than `before yesterday`: the start comes first, e.g. `since 2d before 1d`."],
  ],
  "times written another way point to since": [
    ["last 2h", "`last 2h` isn't how a time is written here: write `since 2h`."],
    ["past 3 days", "`past 3 days` isn't how a time is written here: write `since 3 days`."],
    ["last:2h", "`last:2h` isn't how a time is written here: write `since 2h`."],
    ["since=2h", "`since=2h` has an `=`: write `since 2h` (a space or `:` after `since`)."],
    ["limit=5", "`limit=5` has an `=`: write `limit 5` (a space or `:` after `limit`)."],
    ["2h", "`2h` is a time without its key: write `since 2h` (or `before 2h`)."],
    ["failed yesterday", "`yesterday` is a time without its key: write `since yesterday` (or `before yesterday`)."],
    ["2026-11-01", "`2026-11-01` is a time without its key: write `since 2026-11-01` (or `before 2026-11-01`)."],
    ["2 hours", "`2 hours` is a time without its key: write `since 2 hours` (or `before 2 hours`)."],
    ["2 hours failed", "`2 hours` is a time without its key: write `since 2 hours` (or `before 2 hours`)."],
    ["summary 3d", "`3d` is a time without its key: write `since 3d` (or `before 3d`)."],
    ["failed for 2h", "`for 2h` goes with `snooze` or `overdue`: for jobs of the last 2h, write `since 2h`."],
  ],
  "choices and ids": [
    ["sort", "`sort` needs a sort key: `ended`, `started` or `created`, e.g. `sort ended`."],
    ["sort size", "`size` isn't a sort key: use `ended`, `started` or `created`, e.g. `sort ended`."],
    ["mode stream", "`stream` isn't a mode: use `realtime` or `file`, e.g. `mode realtime`."],
    ["endpoint text", "`text` isn't an endpoint: use `audio` or `video`, e.g. `endpoint audio`."],
    ["status done", "`done` isn't a status: use `failed`, `queued`, `running` or `completed` (or a source's own word like `live`), e.g. `status failed`."],
    ["direction up", "`up` isn't an order: use `newest` or `oldest` (or `desc`, `asc`), e.g. `direction newest`."],
    ["audio", "`audio` needs its key: write `endpoint audio`."],
    ["user", "`user` needs a user id: a Hume user id (letters, digits, `-` and `_`), e.g. `user usr_1a2b3c`."],
    ["user a/b", "`a/b` isn't a user id: use a Hume user id (letters, digits, `-` and `_`), e.g. `user usr_1a2b3c`."],
    ["job", "`job` needs a job id: the 8-character id from a list or the full one, e.g. `job 1a2b3c4d`."],
    ["job public", "`job` needs a job id: the 8-character id from a list or the full one, e.g. `job 1a2b3c4d`."],
    ["job a.b", "`a.b` isn't a job id: use the 8-character id from a list or the full one, e.g. `job 1a2b3c4d`."],
    [`job:${'a'.repeat(65)}`, `\`${'a'.repeat(59)}…\` isn't a job id: use the 8-character id from a list or the full one, e.g. \`job 1a2b3c4d\`.`],
  ],
  "mentions": [
    // Typed, not resolved by Slack (typed `<` arrives as `&lt;`): never stored as a mention.
    ["subscribe mention &lt;!subteam^SZZZ&gt;", "`＜!subteam^SZZZ＞` isn't a user group or person to mention: use @team, @name, @here or @channel, e.g. `mention @team`."],
    ["subscribe mention &lt;@UFAKE&gt;", "`＜@UFAKE＞` isn't a user group or person to mention: use @team, @name, @here or @channel, e.g. `mention @team`."],
    ["subscribe mention", "`mention` needs a user group or person to mention: @team, @name, @here or @channel, e.g. `mention @team`."],
    ["subscribe mention @everyone", "`@everyone` isn't a user group or person to mention: use @team, @name, @here or @channel, e.g. `mention @team`."],
    ["subscribe mention <#C123|general>", "`#general` isn't a user group or person to mention: use @team, @name, @here or @channel, e.g. `mention @team`."],
    ["subscribe mention <!subteam^X1|@t>", "`@t` isn't a user group or person to mention: use @team, @name, @here or @channel, e.g. `mention @team`."],
    ["@", "`@` isn't a user group or person to mention: use @team, @name, @here or @channel, e.g. `mention @team`."],
    ["<@U1>", "`<@U1>` isn't a user group or person to mention: use @team, @name, @here or @channel, e.g. `mention @team`."],
  ],
  "conflicts": [
    ["oldest newest", "`oldest` and `newest` both set the order: keep one."],
    ["asc sort:desc", "`asc` and `sort:desc` both set the order: keep one."],
    ["limit 5 20", "`limit 5` and `20` both set the page size: keep one."],
    ["since 2h after 3h", "`since 2h` and `after 3h` both set the start time: keep one."],
    ["user a user b", "`user a` and `user b` both set the user: keep one."],
    ["job 1a2b3c4d 9f8e7d6c", "`job 1a2b3c4d` and `9f8e7d6c` both set the job: keep one."],
    ["summary subscribe", "`summary` and `subscribe` both set the command: keep one."],
    ["unsubscribe all failed", "`all` and `failed` both set the statuses: keep one."],
    ["subscribe mention @a @b", "`mention @a` and `@b` both set whom to mention: keep one."],
    ["snooze 2h until 9:00", "`2h` and `until 9:00` both set when the snooze ends: keep one."],
    ["snooze off 2h", "`off` and `2h` both set when the snooze ends: keep one."],
    ["overdue auto off", "`auto` and `off` both set the overdue limit: keep one."],
    ["overdue 45m auto", "`45m` and `auto` both set the overdue limit: keep one."],
  ],
  "words of another command": [
    ["job 1a2b3c4d public limit 5", "`limit 5` doesn't go with `job`: use it with job lists, e.g. `/hume-jobs limit 5`."],
    ["summary before 2h", "`before 2h` doesn't go with `summary`: use it with job lists, e.g. `/hume-jobs before 2h`."],
    ["summary failed", "`failed` doesn't go with `summary`: use it with job lists, subscribe, unsubscribe or notify me, e.g. `/hume-jobs failed`."],
    ["1a2b3c4d failed", "`failed` doesn't go with the job id `1a2b3c4d`: use it with job lists, subscribe, unsubscribe or notify me, e.g. `/hume-jobs failed`."],
    ["failed all", "`all` doesn't go with a job list: use it with unsubscribe, subscriptions, changes or unwatch, e.g. `/hume-jobs unsubscribe all`."],
    ["failed @team", "`@team` doesn't go with a job list: use it with subscribe, e.g. `/hume-jobs subscribe @team`."],
    ["subscribe public", "`public` doesn't go with `subscribe`: use it with job lists, job or summary, e.g. `/hume-jobs public`."],
    ["subscribe since 2h", "`since 2h` doesn't go with `subscribe`: a subscription has no time window: it alerts on each change from now on. Leave it out, e.g. `subscribe failed`."],
    ["subscriptions failed", "`failed` doesn't go with `subscriptions`: use it with job lists, subscribe, unsubscribe or notify me, e.g. `/hume-jobs failed`."],
    ["summary 1a2b3c4d", "`1a2b3c4d` doesn't go with `summary`: use it with job, watch or unwatch, e.g. `/hume-jobs job 1a2b3c4d`."],
    ["subscribe auto", "`auto` doesn't go with `subscribe`: use it with overdue, e.g. `/hume-jobs overdue auto`."],
    ["failed off", "`off` doesn't go with a job list: use it with board, snooze, overdue, notify me or link, e.g. `/hume-jobs board off`."],
    ["until 9:00", "`until 9:00` doesn't go with a job list: use it with snooze, e.g. `/hume-jobs snooze until 9:00`."],
    ["snooze failed", "`failed` doesn't go with `snooze`: use it with job lists, subscribe, unsubscribe or notify me, e.g. `/hume-jobs failed`."],
    ["snooze since 2h", "`since 2h` doesn't go with `snooze`: use it with job lists, summary or changes, e.g. `/hume-jobs since 2h`."],
    ["overdue until 9:00", "`until 9:00` doesn't go with `overdue`: use it with snooze, e.g. `/hume-jobs snooze until 9:00`."],
  ],
  "snooze and overdue": [
    ["snooze 30s", "`30s` is too short: a snooze lasts at least 1 minute, e.g. `snooze 30m`."],
    ["snooze 8d", "`8d` is too long: a snooze lasts at most 1 week (`unsubscribe` stops alerts for longer), e.g. `snooze 1w`."],
    ["snooze until 2026-11-27", "`until 2026-11-27` has already passed: give a time still to come, e.g. `until 9:00`."],
    ["snooze until 2026-12-25", "`until 2026-12-25` is too far away: a snooze lasts at most 1 week (`unsubscribe` stops alerts for longer), e.g. `snooze 1w`."],
    ["snooze until 25:00", "`25:00` isn't a real time of day: hours go 0 to 23 (1 to 12 with `am` or `pm`), minutes 00 to 59 and offsets to ±14:00, e.g. `until 9:00`."],
    ["snooze until 13pm", "`13pm` isn't a real time of day: hours go 0 to 23 (1 to 12 with `am` or `pm`), minutes 00 to 59 and offsets to ±14:00, e.g. `until 9:00`."],
    ["snooze until 2026-02-30", "`2026-02-30` isn't a real date: months go 01 to 12 and days to the month's last, e.g. `2026-11-01`."],
    ["snooze until 99999999999999999", "`99999999999999999` isn't a time: use `9:00`, `17:30`, `9am`, `9:00z`, `2026-11-30T09:00Z` or Unix ms, e.g. `until 9:00`."],
    ["snooze until 1969-12-31", "`1969-12-31` is outside the times I can use: pick one from 1970 to the year 275760, e.g. `until 9:00`."],
    ["snooze until 2026-11-30T25:00", "`2026-11-30T25:00` isn't a real time: hours go 00 to 23, minutes 00 to 59 and offsets to ±23:59, e.g. `2026-11-01T09:30Z`."],
    ["snooze until 9", "`9` isn't a time: use `9:00`, `17:30`, `9am`, `9:00z`, `2026-11-30T09:00Z` or Unix ms, e.g. `until 9:00`."],
    ["snooze until 2h", "`2h` is a length of time: write `snooze 2h`, or give a time, e.g. `until 9:00`."],
    ["snooze until", "`until` needs a time: `9:00`, `17:30`, `9am`, `9:00z`, `2026-11-30T09:00Z` or Unix ms, e.g. `until 9:00`."],
    ["snooze for", "`for` needs a length of time: `30m`, `2h`, `1h30m` or `2 hours`, e.g. `for 2h`."],
    ["snooze for 9:00", "`9:00` isn't a length of time: use `30m`, `2h`, `1h30m` or `2 hours`, e.g. `for 2h`."],
    ["snooze 2y", "`2y` isn't a length of time or an end: use `30m`, `2h`, `1w`, `until 9:00` or `off`, e.g. `snooze 2h`."],
    ["overdue banana", "`banana` isn't an overdue limit: use a length of time (`45m`, `2h`, `3d`), `auto` or `off`, e.g. `overdue 45m`."],
    ["failed <!subteam^S0ONCALL|@oncall>", "`@oncall` doesn't go with a job list: use it with subscribe, e.g. `/hume-jobs subscribe @oncall`."],
    ["overdue 10s", "`10s` is too short: an overdue limit is at least 1 minute, e.g. `overdue 45m`."],
    ["overdue 31d", "`31d` is too long: an overdue limit is at most 30 days (`overdue off` stops overdue alerts), e.g. `overdue 30d`."],
  ],
};

describe.each(Object.entries(LINES))('%s: one line that says what would work', (_kind, rows) => {
  test.each(rows)('%j', (text, line) => {
    const error = parseFails(text);
    expect(error.message).toBe(line);
    // One line, a problem and a way out, and no "I didn't understand" header.
    expect(error.message).not.toMatch(/\n|understand/);
    expect(error.message).toMatch(/^`[^`]+` .+[.?]$/);
    // What would work follows the colon; only a word nobody knows has the usage for that.
    if (!error.unknown) expect(error.message).toContain(': ');
  });
});

test('the usage is for a word nobody knows, not for a typo or a value out of range', () => {
  expect(parseFails('banana').unknown).toBe(true);
  for (const text of ['faild', 'limit 0', 'since 2x', 'last 2h', 'since=2h', 'sort size', 'summary failed']) {
    expect(parseFails(text).unknown).toBe(false);
  }
});

test('`last 2h` and `since=2h` point to `since 2h`', () => {
  expect(parseFails('last 2h').suggestion).toBe('since 2h');
  expect(parseFails('since=2h').suggestion).toBe('since 2h');
  expect(parseFails('past 3 days').suggestion).toBe('since 3 days');
});

describe('typos get the nearest word', () => {
  test.each<[string, string, string | null]>([
    ['faild', 'faild', 'failed'],
    ['FAILD', 'FAILD', 'failed'],
    ['fail', 'fail', 'failed'],
    ['runing', 'runing', 'running'],
    ['in_porgress', 'in_porgress', 'in_progress'],
    ['compelted', 'compelted', 'completed'],
    ['qeued', 'qeued', 'queued'],
    ['eror', 'eror', null],
    ['error', 'error', 'errored'],
    ['done', 'done', null],
    ['sumary', 'sumary', 'summary'],
    ['subscirbe failed', 'subscirbe', 'subscribe'],
    ['limt 5', 'limt', 'limit'],
    ['limt:5', 'limt', 'limit'],
    ['sicne 2h', 'sicne', 'since'],
    ['failed oldset', 'oldset', 'oldest'],
    ['jobs', 'jobs', 'job'],
    ['sort endd', 'endd', 'ended'],
    ['mode realtme', 'realtme', 'realtime'],
    ['endpoint audoi', 'audoi', 'audio'],
    ['status faild', 'faild', 'failed'],
    ['since yesterdy', 'yesterdy', 'yesterday'],
    ['banana', 'banana', null],
    ['x', 'x', null],
  ])('%j → word %j, suggestion %j', (text, word, suggestion) => {
    const error = parseFails(text);
    expect(error.word).toBe(word);
    expect(error.suggestion).toBe(suggestion);
  });
});

describe('suggestions for values', () => {
  test('a handle without @ gets the @', () => {
    expect(parseFails('subscribe mention oncall')).toMatchObject({ word: 'oncall', suggestion: '@oncall' });
  });

  test('Unix seconds suggest the same time in milliseconds', () => {
    expect(parseFails('since 1700000000').suggestion).toBe('1700000000000');
  });
});

describe('values typed without their key get the fix', () => {
  test.each<[string, string, string]>([
    ['2h', '2h', 'since 2h'],
    ['failed yesterday', 'yesterday', 'since yesterday'],
    ['2026-11-01', '2026-11-01', 'since 2026-11-01'],
    ['2 hours', '2 hours', 'since 2 hours'],
    ['audio', 'audio', 'endpoint audio'],
    ['realtime', 'realtime', 'mode realtime'],
    ['created', 'created', 'sort created'],
  ])('%j → %j', (text, word, suggestion) => {
    const error = parseFails(text);
    expect(error).toMatchObject({ word, suggestion });
  });
});

describe('conflicts name both words', () => {
  test.each<[string, string, string]>([
    ['oldest newest', 'oldest', 'newest'],
    ['asc sort:desc', 'asc', 'sort:desc'],
    ['sort ended sort started', 'sort ended', 'sort started'],
    ['limit 5 20', 'limit 5', '20'],
    ['limit:5 limit:6', 'limit:5', 'limit:6'],
    ['since 2h after 3h', 'since 2h', 'after 3h'],
    ['before today before yesterday', 'before today', 'before yesterday'],
    ['mode realtime mode file', 'mode realtime', 'mode file'],
    ['user a user b', 'user a', 'user b'],
    ['job 1a2b3c4d 9f8e7d6c', 'job 1a2b3c4d', '9f8e7d6c'],
    ['summary subscribe', 'summary', 'subscribe'],
    ['unsubscribe all failed', 'all', 'failed'],
    ['subscribe mention @a @b', 'mention @a', '@b'],
    ['since today before yesterday', 'since today', 'before yesterday'],
    ['since 2026-11-01 before 2026-11-01', 'since 2026-11-01', 'before 2026-11-01'],
  ])('%j', (text, first, second) => {
    const error = parseFails(text);
    expect(error.message).toMatch(new RegExp(`^\`${first}\` (and|must be earlier than) \`${second}\``));
    expect(error.word).toBe(second);
  });
});
