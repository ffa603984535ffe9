import type { Job } from '../../../src/jobs/job';
import type { Message } from '../../../src/messages/blocks';
import { blockTextLength, LIMITS } from '../../../src/messages/limits';
import { formatDuration, slackDate } from '../../../src/messages/mrkdwn';
import { buildSummary } from '../../../src/messages/summary-message';
import type { FailureGroup } from '../../../src/reports/failure-groups';
import { summarize, type Summary } from '../../../src/reports/summarize-jobs';
import { allTexts, unsafeMarkup, validateMessage } from '../../support/block-kit-validator';
import { batchJob, HOSTILE, hostileJob, NOW } from './jobs';
import { expectToContainAll, textOf } from './text';

const SINCE = NOW - 24 * 3_600_000;
const options = { title: 'Jobs since Nov 27 12:00 UTC', capped: false };

function summary(overrides: Partial<Summary> = {}): Summary {
  return {
    since: SINCE,
    until: NOW,
    total: 42,
    counts: { queued: 3, running: 4, completed: 30, failed: 5 },
    completedWithErrors: 2,
    medianQueueWaitMs: 2_500,
    medianRunTimeMs: 185_000,
    failures: [
      { example: 'Unsupported media type: audio/x-foo', count: 4, jobIds: ['a', 'b', 'c', 'd'] },
      { example: 'Quota exceeded for <!channel> & co', count: 1, jobIds: ['e'] },
    ],
    ...overrides,
  };
}

function causesOf(message: Message): string {
  return allTexts(message).find((t) => t.startsWith('*Failures by cause*')) ?? '';
}

function contextOf(message: Message): string {
  const last = message.blocks.at(-1);
  return last?.type === 'context' ? last.elements.map((e) => e.text).join(' ') : '';
}

describe('buildSummary', () => {
  const message = buildSummary(summary(), options);

  it('is a valid message headed by the title', () => {
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: options.title, emoji: true } });
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context']);
  });

  it('counts every status, zeros included, and the completed jobs that had errors', () => {
    expect(textOf(message)).toContain(
      '*42 jobs*\n:hourglass_flowing_sand: 3 queued · :arrows_counterclockwise: 4 running · :white_check_mark: 30 completed (2 with errors) · :x: 5 failed',
    );
    const quiet = buildSummary(summary({ total: 2, counts: { queued: 0, running: 0, completed: 2, failed: 0 }, completedWithErrors: 0, failures: [] }), options);
    expect(textOf(quiet)).toContain(':hourglass_flowing_sand: 0 queued · :arrows_counterclockwise: 0 running · :white_check_mark: 2 completed · :x: 0 failed');
    expect(textOf(quiet)).not.toContain('Failures by cause');
    expect(textOf(quiet)).not.toContain('with errors');
  });

  it('gives the median queue wait and run time as durations, or says there is no data', () => {
    expectToContainAll(textOf(message), [`*Median queue wait*\n${formatDuration(2_500)}`, '*Median run time*\n3 min 5 s']);
    const none = buildSummary(summary({ medianQueueWaitMs: null, medianRunTimeMs: null }), options);
    expectToContainAll(textOf(none), ['*Median queue wait*\nno data yet', '*Median run time*\nno data yet']);
  });

  it('groups failures by cause, largest first, with escaped examples', () => {
    expect(causesOf(message)).toBe(
      '*Failures by cause* (2 causes)\n• 4 jobs: Unsupported media type: audio/x-foo\n• 1 job: Quota exceeded for &lt;!channel&gt; &amp; co',
    );
    expect(unsafeMarkup(message)).toEqual([]);
  });

  it('lists the top 10 causes and counts the rest', () => {
    const failures: FailureGroup[] = Array.from({ length: 13 }, (_, i) => ({ example: `cause ${i}`, count: 13 - i, jobIds: [] }));
    const lines = causesOf(buildSummary(summary({ failures }), options)).split('\n');
    expect(lines[0]).toBe('*Failures by cause* (13 causes)');
    expect(lines.slice(1, 11)).toEqual(failures.slice(0, 10).map((g) => `• ${g.count} jobs: ${g.example}`));
    expect(lines[11]).toBe('and 3 more');
    expect(lines).toHaveLength(12);
  });

  it('gives the window as date tokens, and says when the summary is based on the latest jobs only', () => {
    expect(contextOf(message)).toBe(`From ${slackDate(SINCE)} to ${slackDate(NOW)}`);
    const capped = buildSummary(summary({ total: 1000 }), { ...options, capped: true });
    expect(contextOf(capped)).toContain('based on the latest 1,000 jobs');
    expect(capped.text).toContain('(the latest jobs only)');
    expect(message.text).not.toContain('latest');
  });

  it('has fallback text with the counts', () => {
    expect(message.text).toBe('Jobs since Nov 27 12:00 UTC: 42 jobs — 3 queued, 4 running, 30 completed (2 with errors), 5 failed');
  });

  it('says plainly when there were no jobs', () => {
    const empty = buildSummary(summary({ total: 0, counts: { queued: 0, running: 0, completed: 0, failed: 0 }, completedWithErrors: 0, failures: [] }), options);
    expect(validateMessage(empty)).toEqual([]);
    expect(textOf(empty)).toContain('No jobs were created in this window.');
    expect(textOf(empty)).not.toContain('Median');
    expect(empty.text).toBe('Jobs since Nov 27 12:00 UTC: no jobs');
  });

  it('reads a real summarize() result: failures with different numbers are one cause', () => {
    const jobs: Job[] = [
      batchJob(),
      batchJob({ numErrors: 1 }),
      batchJob({ status: 'failed', errorMessage: 'Timed out after 30 s' }),
      batchJob({ status: 'failed', errorMessage: 'Timed out after 45 s' }),
    ];
    const real = buildSummary(summarize(jobs, SINCE, NOW), options);
    expect(textOf(real)).toContain(':white_check_mark: 2 completed (1 with errors) · :x: 2 failed');
    expect(causesOf(real)).toBe('*Failures by cause* (1 cause)\n• 2 jobs: Timed out after 30 s');
  });

  it('escapes the title', () => {
    const escaped = buildSummary(summary(), { title: 'Jobs for <!here> & <@U1>', capped: false });
    expect(escaped.blocks[0]).toMatchObject({ text: { text: 'Jobs for &lt;!here&gt; &amp; &lt;@U1&gt;' } });
    expect(unsafeMarkup(escaped)).toEqual([]);
  });

  it('stays inside every limit with 1,000 hostile jobs, hundreds of 5,000-character causes and a hostile title', () => {
    const jobs = Array.from({ length: 1000 }, (_, i) => {
      const job = hostileJob(i);
      return { ...job, createdAt: NOW - 1000 - i, errorMessage: `${HOSTILE} ${'x'.repeat(i)}` };
    });
    const built = buildSummary(summarize(jobs, SINCE, NOW), { title: HOSTILE, capped: true });
    expect(validateMessage(built)).toEqual([]);
    expect(unsafeMarkup(built)).toEqual([]);
    expect(blockTextLength(built.blocks)).toBeLessThanOrEqual(LIMITS.textBudget);
    const causes = causesOf(built);
    const shown = causes.split('\n').filter((l) => l.startsWith('• ')).length;
    expect(causes.startsWith('*Failures by cause* (250 causes)')).toBe(true);
    expect(shown).toBeGreaterThan(0);
    expect(causes.endsWith(`and ${250 - shown} more`)).toBe(true);
    expect(contextOf(built)).toContain('based on the latest 1,000 jobs');
  });
});
