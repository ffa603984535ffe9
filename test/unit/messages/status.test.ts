import { statusLabel, statusText, statusWord } from '../../../src/messages/status';
import { batchJob } from './jobs';

describe('status labels', () => {
  it.each([
    ['queued', 0, ':hourglass_flowing_sand: Queued'],
    ['running', 0, ':arrows_counterclockwise: Running'],
    ['completed', 0, ':white_check_mark: Completed'],
    ['completed', 1, ':warning: Completed with 1 error'],
    ['completed', 7, ':warning: Completed with 7 errors'],
    ['failed', 0, ':x: Failed'],
    // Errors on a failed job do not turn it into "completed with errors".
    ['failed', 3, ':x: Failed'],
  ] as const)('%s with %i errors → %s', (status, numErrors, expected) => {
    expect(statusText(batchJob({ status, numErrors }))).toBe(expected);
  });

  it('treats unknown error counts as none', () => {
    expect(statusText(batchJob({ status: 'completed', numErrors: null }))).toBe(':white_check_mark: Completed');
  });

  it('gives the word alone for fallback text', () => {
    expect(statusWord(batchJob({ status: 'completed', numErrors: 2 }))).toBe('Completed with 2 errors');
    expect(statusLabel(batchJob({ status: 'failed' }))).toEqual({ emoji: ':x:', word: 'Failed' });
  });
});
