/** `/hume-jobs …` lists: statuses, page size, times, sort, runs-only filters, public. */
import { DAY, HOUR, MIDNIGHT, MINUTE, NOW, filterWith, listFilter, parse } from './parse-helpers';
import type { JobFilter } from '../../../src/jobs/filter';

describe('list filters', () => {
  test.each<[string, Partial<JobFilter>]>([
    ['', {}],
    ['   ', {}],
    ['failed since 2h limit 5', { statuses: ['failed'], since: NOW - 2 * HOUR, limit: 5 }],
    ['limit 5 since 2h failed', { statuses: ['failed'], since: NOW - 2 * HOUR, limit: 5 }],
    ['status:failed since:2h limit:5', { statuses: ['failed'], since: NOW - 2 * HOUR, limit: 5 }],
    ['since: 2h', { since: NOW - 2 * HOUR }],
    // Status words: kind names, source names, upper case, several folded and ordered.
    ['queued', { statuses: ['queued'] }],
    ['running', { statuses: ['running'] }],
    ['in_progress', { statuses: ['running'] }],
    ['in-progress', { statuses: ['running'] }],
    ['IN_PROGRESS', { statuses: ['running'] }],
    ['live', { statuses: ['running'] }],
    ['completed', { statuses: ['completed'] }],
    ['complete', { statuses: ['completed'] }],
    ['ended', { statuses: ['completed'] }],
    ['FAILED', { statuses: ['failed'] }],
    ['errored', { statuses: ['failed'] }],
    ['failed running queued', { statuses: ['queued', 'running', 'failed'] }],
    ['failed errored FAILED', { statuses: ['failed'] }],
    ['live in_progress running', { statuses: ['running'] }],
    ['status failed status:queued', { statuses: ['queued', 'failed'] }],
    // Page size.
    ['limit 20', { limit: 20 }],
    ['limit:1', { limit: 1 }],
    ['25', { limit: 25 }],
    ['failed 3', { statuses: ['failed'], limit: 3 }],
    ['limit 5 limit:5', { limit: 5 }],
    // Relative times and calendar words.
    ['since 30m', { since: NOW - 30 * MINUTE }],
    ['since 3d', { since: NOW - 3 * DAY }],
    ['since 1w', { since: NOW - 7 * DAY }],
    ['since 90s', { since: NOW - 90_000 }],
    ['since 1h30m', { since: NOW - 90 * MINUTE }],
    ['since 2 hours', { since: NOW - 2 * HOUR }],
    ['since 2 hours ago', { since: NOW - 2 * HOUR }],
    ['since 2h ago', { since: NOW - 2 * HOUR }],
    ['since 45mins', { since: NOW - 45 * MINUTE }],
    ['after 2h', { since: NOW - 2 * HOUR }],
    ['since today', { since: MIDNIGHT }],
    ['before yesterday', { before: MIDNIGHT - DAY }],
    ['since yesterday before today', { since: MIDNIGHT - DAY, before: MIDNIGHT }],
    ['SINCE TODAY', { since: MIDNIGHT }],
    // Absolute times.
    ['since 2026-11-01', { since: Date.UTC(2026, 10, 1) }],
    ['since 2026-11-01T09:30', { since: Date.UTC(2026, 10, 1, 9, 30) }],
    ['since 2026-11-01t09:30:15z', { since: Date.UTC(2026, 10, 1, 9, 30, 15) }],
    ['since 2026-11-01T09:30:15.250Z', { since: Date.UTC(2026, 10, 1, 9, 30, 15, 250) }],
    ['since 2026-11-01T09:30+02:00', { since: Date.UTC(2026, 10, 1, 7, 30) }],
    ['since 2026-11-01T09:30-0530', { since: Date.UTC(2026, 10, 1, 15, 0) }],
    ['since 2026-11-01T00:30+01', { since: Date.UTC(2026, 9, 31, 23, 30) }],
    ['since 2026-11-01 09:30', { since: Date.UTC(2026, 10, 1, 9, 30) }],
    ['since 2026-11-01 09:30Z failed', { since: Date.UTC(2026, 10, 1, 9, 30), statuses: ['failed'] }],
    ['since:2026-11-01T09:30:00Z', { since: Date.UTC(2026, 10, 1, 9, 30) }],
    ['since 2028-02-29', { since: Date.UTC(2028, 1, 29) }],
    ['since 2000-02-29', { since: Date.UTC(2000, 1, 29) }],
    ['since 1795000000000', { since: 1795000000000 }],
    ['since 100000000000', { since: 1e11 }],
    [
      'since 2026-11-01 before 2026-11-03',
      { since: Date.UTC(2026, 10, 1), before: Date.UTC(2026, 10, 3) },
    ],
    // Sort and direction.
    ['sort ended', { sort: 'ended' }],
    ['sort:started', { sort: 'started' }],
    ['sort CREATED', { sort: 'created' }],
    ['oldest', { direction: 'asc' }],
    ['asc', { direction: 'asc' }],
    ['newest', { direction: 'desc' }],
    ['desc', { direction: 'desc' }],
    ['sort oldest', { direction: 'asc' }],
    ['direction:asc', { direction: 'asc' }],
    ['completed since yesterday sort ended', { statuses: ['completed'], since: MIDNIGHT - DAY, sort: 'ended' }],
    ['running oldest', { statuses: ['running'], direction: 'asc' }],
    // Runs-only filters land in the filter; the source decides whether it can apply them.
    ['mode realtime', { mode: 'realtime' }],
    ['mode:file', { mode: 'file' }],
    ['endpoint audio', { endpoint: 'audio' }],
    ['endpoint:VIDEO', { endpoint: 'video' }],
    ['user abc', { userId: 'abc' }],
    ['user:Abc_12-x', { userId: 'Abc_12-x' }],
    ['user:help', { userId: 'help' }],
    // Slack and phone noise.
    ['failed\u00a0since\u00a02h', { statuses: ['failed'], since: NOW - 2 * HOUR }],
    ['“failed”, “running”.', { statuses: ['running', 'failed'] }],
    ['failed,running', { statuses: ['running', 'failed'] }],
    ['  failed \t\n limit   5  ', { statuses: ['failed'], limit: 5 }],
    ['ｆａｉｌｅｄ', { statuses: ['failed'] }],
    ['fai\u200bled', { statuses: ['failed'] }],
    ['failed!', { statuses: ['failed'] }],
  ])('%j', (text, changes) => {
    expect(listFilter(text)).toEqual(filterWith(changes));
  });
});

describe('public', () => {
  test.each<[string, boolean]>([
    ['failed', false],
    ['failed public', true],
    ['PUBLIC failed', true],
    ['public public', true],
  ])('%j → public %s', (text, expected) => {
    const command = parse(text);
    expect(command).toMatchObject({ kind: 'list', public: expected });
  });
});
