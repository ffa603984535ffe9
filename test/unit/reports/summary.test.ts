import { causeKey, groupFailures } from '../../../src/reports/failure-groups';
import { median, summarize } from '../../../src/reports/summarize-jobs';
import { makeJob } from '../../support/jobs';

describe('causeKey', () => {
  test.each([
    ['Failed to download media from URL https://x.test/a.mp4', 'Failed to download media from URL https://y.test/b.mp4'],
    ['File "a.wav" is 12.5 MB over the limit', "File 'b.wav' is 3 MB over the limit"],
    ['Job 5f0c9a52-8a1e-4a53-9d43-2f7a64c1b0e1 timed out after 300 s', 'Job 0e9d1d35-3d1e-4d66-9a2f-8c7e0f6b3e21 timed out after 12 s'],
    ['worker a3f9c2d1 crashed', 'worker 77b0e412 crashed'],
  ])('%j and %j share a cause', (a, b) => {
    expect(causeKey(a)).toBe(causeKey(b));
  });

  test('different causes stay apart', () => {
    expect(causeKey('Unsupported media type')).not.toBe(causeKey('Media too long'));
  });

  test.each([
    ['Request failed with status 401 Unauthorized', 'Request failed with status 503 Unauthorized'],
    ['Session closed (close code 1012)', 'Session closed (close code 4001)'],
    ['HTTP 500 from the model server', 'HTTP 404 from the model server'],
    ["Can't download media: server isn't available", "Can't run model: GPU isn't available"],
  ])('a status or a code, and words with apostrophes, keep %j and %j apart', (a, b) => {
    expect(causeKey(a)).not.toBe(causeKey(b));
  });
});

describe('groupFailures', () => {
  test('largest group first, with counts and ids; failures without a message have their own group', () => {
    const jobs = [
      makeJob({ status: 'failed', errorMessage: 'Media too long: 61 min' }),
      makeJob({ status: 'failed', errorMessage: 'Unsupported media type' }),
      makeJob({ status: 'failed', errorMessage: 'Media too long: 95 min' }),
      makeJob({ status: 'failed', errorMessage: null }),
      makeJob({ status: 'completed' }),
    ];
    const groups = groupFailures(jobs);
    expect(groups.map((g) => [g.example, g.count])).toEqual([
      ['Media too long: 61 min', 2],
      ['No error message', 1],
      ['Unsupported media type', 1],
    ]);
    expect(groups[0]!.jobIds).toEqual([jobs[0]!.id, jobs[2]!.id]);
  });
});

describe('summarize', () => {
  test('counts, medians and failures within the window only', () => {
    const t0 = Date.UTC(2026, 10, 28, 0);
    const jobs = [
      makeJob({ createdAt: t0 + 1000, startedAt: t0 + 3000, endedAt: t0 + 13_000, status: 'completed' }),
      makeJob({ createdAt: t0 + 2000, startedAt: t0 + 6000, endedAt: t0 + 36_000, status: 'completed', numErrors: 2 }),
      makeJob({ createdAt: t0 + 3000, startedAt: t0 + 9000, endedAt: t0 + 10_000, status: 'failed', errorMessage: 'boom' }),
      makeJob({ createdAt: t0 + 4000, startedAt: null, endedAt: null, status: 'queued' }),
      makeJob({ createdAt: t0 - 1, status: 'failed', errorMessage: 'too old' }),
    ];
    const summary = summarize(jobs, t0, t0 + 3_600_000);
    expect(summary.total).toBe(4);
    expect(summary.counts).toEqual({ queued: 1, running: 0, completed: 2, failed: 1 });
    expect(summary.completedWithErrors).toBe(1);
    expect(summary.medianQueueWaitMs).toBe(4000);
    expect(summary.medianRunTimeMs).toBe(10_000);
    expect(summary.failures).toEqual([{ example: 'boom', count: 1, jobIds: [jobs[2]!.id] }]);
  });

  test('median of nothing is null, of an even count the mean of the middle two', () => {
    expect(median([])).toBeNull();
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([5])).toBe(5);
  });
});
