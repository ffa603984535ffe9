import { findOverdue, MIN_SAMPLES, overdueRule } from '../../../src/alerts/overdue';
import { makeJob } from '../../support/jobs';

const T = Date.UTC(2026, 10, 28, 12);
const finished = (ms: number) => makeJob({ status: 'completed', createdAt: T - 86_400_000, endedAt: T - 86_400_000 + ms });

describe('overdueRule', () => {
  test('too few recent jobs say nothing about what is usual', () => {
    expect(overdueRule(Array.from({ length: MIN_SAMPLES - 1 }, () => finished(60_000)))).toBeNull();
  });

  test('three times the median, and never below the 95th percentile or a minute', () => {
    expect(overdueRule(Array.from({ length: 20 }, () => finished(120_000)))).toEqual({ typicalMs: 120_000, thresholdMs: 360_000 });
    const skewed = [...Array.from({ length: 18 }, () => finished(10_000)), finished(3_600_000), finished(3_600_000)];
    expect(overdueRule(skewed)).toEqual({ typicalMs: 10_000, thresholdMs: 3_600_000 });
    expect(overdueRule(Array.from({ length: 20 }, () => finished(1_000)))).toEqual({ typicalMs: 1_000, thresholdMs: 60_000 });
  });

  test('jobs still running or without times are not samples', () => {
    const jobs = [...Array.from({ length: 9 }, () => finished(60_000)), makeJob({ status: 'running', endedAt: null }), makeJob({ createdAt: null })];
    expect(overdueRule(jobs)).toBeNull();
  });
});

describe('findOverdue', () => {
  test('queued or running jobs older than the threshold, with their age', () => {
    const old = makeJob({ status: 'running', createdAt: T - 181_000 });
    const young = makeJob({ status: 'queued', createdAt: T - 179_000 });
    const done = makeJob({ status: 'completed', createdAt: T - 999_000 });
    expect(findOverdue([old, young, done], 180_000, T)).toEqual([{ job: old, ageMs: 181_000 }]);
  });
});
