/** List headers from filters: plain words, absolute UTC times, at most 120 characters. */
import { describeFilter, formatUtc } from '../../../src/messages/describe-filter';
import type { JobFilter } from '../../../src/jobs/filter';
import { NOW, filterWith, listFilter } from './parse-helpers';

describe('describeFilter', () => {
  test.each<[Partial<JobFilter>, string]>([
    [{}, 'Recent jobs'],
    [{ limit: 5 }, 'Recent jobs'],
    [{ statuses: ['failed'] }, 'Failed jobs'],
    [{ statuses: ['queued', 'running'] }, 'Queued or running jobs'],
    [{ statuses: ['queued', 'running', 'failed'] }, 'Queued, running or failed jobs'],
    [{ statuses: ['queued', 'running', 'completed', 'failed'] }, 'Recent jobs'],
    [{ direction: 'asc' }, 'Jobs, oldest first'],
    [{ statuses: ['failed'], since: Date.UTC(2026, 10, 28, 10, 0), direction: 'asc' }, 'Failed jobs since Nov 28, 2026 10:00 UTC, oldest first'],
    [
      { statuses: ['queued', 'running'], since: Date.UTC(2026, 10, 1), before: Date.UTC(2026, 10, 3) },
      'Queued or running jobs between Nov 1, 2026 and Nov 3, 2026',
    ],
    [{ before: Date.UTC(2025, 0, 2, 3, 4, 5) }, 'Jobs before Jan 2, 2025 03:04:05 UTC'],
    [{ sort: 'ended' }, 'Recent jobs, by end time'],
    [{ sort: 'started', direction: 'asc' }, 'Jobs, by start time, oldest first'],
    [{ mode: 'realtime', endpoint: 'audio', userId: 'abc' }, 'Recent jobs, realtime mode, audio endpoint, user abc'],
  ])('%j → %j', (changes, expected) => {
    expect(describeFilter(filterWith(changes))).toBe(expected);
  });

  test('with now, the current year is left out', () => {
    const filter = filterWith({ statuses: ['failed'], since: Date.UTC(2026, 10, 1), before: Date.UTC(2027, 0, 1) });
    expect(describeFilter(filter, NOW)).toBe('Failed jobs between Nov 1 and Jan 1, 2027');
  });

  test('a parsed command gives the header a person would write', () => {
    expect(describeFilter(listFilter('failed since 2026-11-01 oldest'), NOW)).toBe('Failed jobs since Nov 1, oldest first');
  });

  test('the longest filter still fits 120 characters, without mrkdwn', () => {
    const filter = filterWith({
      statuses: ['queued', 'running', 'failed'],
      since: Date.UTC(2026, 10, 1, 9, 30, 15),
      before: Date.UTC(2026, 10, 3, 9, 30, 15),
      sort: 'started',
      direction: 'asc',
      mode: 'realtime',
      endpoint: 'video',
      userId: 'u'.repeat(64),
    });
    const title = describeFilter(filter);
    expect(title.length).toBeLessThanOrEqual(120);
    expect(title).toMatch(/^Queued, running or failed jobs between /);
    expect(title).not.toMatch(/[*_~`<>]/);
    expect(describeFilter(filter)).toBe(title);
  });

  test('formatUtc shows a UTC midnight as a bare date', () => {
    expect(formatUtc(Date.UTC(2028, 1, 29), NOW)).toBe('Feb 29, 2028');
    expect(formatUtc(Date.UTC(2026, 1, 28, 23, 59), NOW)).toBe('Feb 28 23:59 UTC');
  });
});
