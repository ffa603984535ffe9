/** Everything that is refused: each answer names the word and, for a typo, the nearest one. */
import { parseFails } from './parse-helpers';

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
    expect(error.message).toContain(`“${word}”`);
    if (suggestion !== null) expect(error.message).toContain(`Did you mean “${suggestion}”?`);
  });

  test('the message of an unknown word is the documented sentence', () => {
    expect(parseFails('faild').message).toBe("I don't understand “faild”. Did you mean “failed”?");
  });
});

describe('values out of range or of the wrong kind', () => {
  test.each<[string, string, RegExp]>([
    ['limit 0', '0', /1 to 25/],
    ['limit 26', '26', /1 to 25/],
    ['limit:-1', '-1', /1 to 25/],
    ['limit 2.5', '2.5', /1 to 25/],
    ['limit ten', 'ten', /1 to 25/],
    ['limit', 'limit', /needs a page size.*1 to 25/],
    ['failed limit', 'limit', /needs a page size/],
    ['limit failed', 'limit', /needs a page size/],
    ['30', '30', /1 to 25/],
    ['0', '0', /1 to 25/],
    ['since', 'since', /needs a time/],
    ['since failed', 'since', /needs a time/],
    ['since 2x', '2x', /isn't a time/],
    ['since 2 fortnights', '2', /isn't a time/],
    ['since 3mo', '3mo', /isn't a time/],
    ['since 2026-02-30', '2026-02-30', /not a real date/],
    ['since 2026-02-29', '2026-02-29', /not a real date/],
    ['since 2100-02-29', '2100-02-29', /not a real date/],
    ['since 2026-13-01', '2026-13-01', /not a real date/],
    ['since 2026-04-31', '2026-04-31', /not a real date/],
    ['since 2026-11-01T24:00', '2026-11-01T24:00', /not a real time/],
    ['since 2026-11-01T09:60', '2026-11-01T09:60', /not a real time/],
    ['since 2026-11-01 09:30+25:00', '2026-11-01 09:30+25:00', /not a real time/],
    ['since 1969-12-31', '1969-12-31', /outside the times/],
    ['since 99999999999w', '99999999999w', /outside the times/],
    ['since 1700000000', '1700000000', /Unix seconds/],
    ['sort', 'sort', /needs a sort key: created, started or ended/],
    ['sort size', 'size', /isn't a sort key/],
    ['mode stream', 'stream', /isn't a mode; use realtime or file/],
    ['endpoint text', 'text', /isn't an endpoint/],
    ['status done', 'done', /isn't a status/],
    ['user', 'user', /needs a user id/],
    ['user a/b', 'a/b', /isn't a user id/],
    ['job', 'job', /needs a job id.*job <id>/],
    ['job public', 'job', /needs a job id/],
    ['job a.b', 'a.b', /isn't a job id/],
    [`job:${'a'.repeat(65)}`, 'a'.repeat(59) + '…', /isn't a job id/],
    ['subscribe mention', 'mention', /needs a user group/],
    ['subscribe mention team', 'team', /isn't a user group or person.*@team, @name, @here or @channel/],
    ['subscribe mention @everyone', '@everyone', /isn't a user group/],
    ['subscribe mention <#C123|general>', '<#C123|general>', /isn't a user group/],
    ['subscribe mention <!subteam^X1|@t>', '<!subteam^X1|@t>', /isn't a user group/],
  ])('%j → word %j', (text, word, message) => {
    const error = parseFails(text);
    expect(error.word).toBe(word);
    expect(error.message).toMatch(message);
  });

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
    expect(error.message).toContain(`“${first}”`);
    expect(error.message).toContain(`“${second}”`);
    expect(error.word).toBe(second);
  });
});

describe('words that belong to another command', () => {
  test.each<[string, string, RegExp]>([
    ['summary before 2h', 'before 2h', /doesn't go with “summary”; use it with job lists/],
    ['summary failed', 'failed', /doesn't go with “summary”/],
    ['summary limit 5', 'limit 5', /doesn't go with “summary”/],
    ['1a2b3c4d failed', 'failed', /doesn't go with the job id “1a2b3c4d”/],
    ['job 1a2b3c4d limit 5', 'limit 5', /doesn't go with “job”/],
    ['failed all', 'all', /doesn't go with a job list; use it with unsubscribe or subscriptions/],
    ['failed @team', '@team', /use it with subscribe/],
    ['subscribe public', 'public', /doesn't go with “subscribe”/],
    ['subscribe since 2h', 'since 2h', /doesn't go with “subscribe”/],
    ['subscriptions failed', 'failed', /doesn't go with “subscriptions”/],
    ['summary 1a2b3c4d', '1a2b3c4d', /use it with job$|use it with job\./],
  ])('%j → %j', (text, word, message) => {
    const error = parseFails(text);
    expect(error.word).toBe(word);
    expect(error.message).toMatch(message);
  });
});
