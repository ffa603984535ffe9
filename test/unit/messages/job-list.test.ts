import type { Job } from '../../../src/jobs/job';
import type { Section } from '../../../src/messages/blocks';
import { buildJobList, type JobListInput, type PageInfo } from '../../../src/messages/job-list';
import { blockTextLength, LIMITS } from '../../../src/messages/limits';
import { slackDate } from '../../../src/messages/mrkdwn';
import { allTexts, unsafeMarkup, validateMessage } from '../../support/block-kit-validator';
import { batchJob, hostileJob, NOW, runJobs, seedJob } from './jobs';
import { expectToContainAll } from './text';

const firstPage: PageInfo = { index: 0, hasPrev: false, hasNext: true, prevValue: null, nextValue: 'page-2' };

function list(jobs: readonly Job[], overrides: Partial<JobListInput> = {}) {
  return buildJobList({ jobs, title: 'Recent jobs', now: NOW, page: firstPage, totalShownBefore: 0, ...overrides });
}

function entries(blocks: readonly { block_id?: string }[]): Section[] {
  return blocks.filter((b) => b.block_id?.startsWith('entry-')) as Section[];
}

function entryText(message: ReturnType<typeof list>, i: number): string {
  return entries(message.blocks)[i]?.text?.text ?? '';
}

describe('buildJobList: batch jobs', () => {
  const failed = batchJob({
    id: 'ffeeddcc-0000-4000-8000-000000000001',
    status: 'failed',
    rawStatus: 'FAILED',
    numPredictions: null,
    numErrors: null,
    errorMessage: 'Unsupported media type: audio/x-foo',
    inputs: { files: [], urls: [], textCount: 3 },
    models: [{ name: 'language', options: {} }],
  });
  const message = list([batchJob(), failed]);

  it('is a valid message with a header naming the filter, one section per job, context and navigation', () => {
    expect(validateMessage(message)).toEqual([]);
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'context', 'actions']);
    expect(message.blocks[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Recent jobs' } });
  });

  it('shows status, short id, inputs, models, created date token, wait, run time and counts', () => {
    const text = entryText(message, 0);
    expectToContainAll(text, [
      ':white_check_mark: Completed',
      '`1a2b3c4d`',
      'faces.zip +2 more',
      'face, prosody',
      `created ${slackDate(Date.UTC(2026, 10, 28, 9, 14, 0))}`,
      'waited 2 s · ran 3 min 5 s',
      '42 predictions · 0 errors',
    ]);
    expect(text).not.toContain('1a2b3c4d-5e6f');
  });

  it('shows the error message of a failed job, and text counts as inputs', () => {
    const text = entryText(message, 1);
    expectToContainAll(text, [':x: Failed', '3 texts', 'Error: Unsupported media type: audio/x-foo']);
    expect(text).not.toContain('predictions');
  });

  it('puts a Details button on every job carrying its full id', () => {
    expect(entries(message.blocks).map((s) => s.accessory)).toEqual([
      expect.objectContaining({ action_id: 'hume_jobs.details', value: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d' }),
      expect.objectContaining({ action_id: 'hume_jobs.details', value: 'ffeeddcc-0000-4000-8000-000000000001' }),
    ]);
  });

  it('summarises in the fallback text', () => {
    expect(message.text).toBe('Recent jobs — 2 jobs (1 completed, 1 failed): 1a2b3c4d, ffeeddcc');
    const failedOnly = list([failed, failed], { title: 'Failed jobs' });
    expect(failedOnly.text).toBe('Failed jobs — 2 failed jobs: ffeeddcc, ffeeddcc');
  });

  it('says "completed with errors" and keeps a running job counting up to now', () => {
    const withErrors = entryText(list([batchJob({ numErrors: 3 })]), 0);
    expect(withErrors).toContain(':warning: Completed with 3 errors');
    const running = batchJob({ status: 'running', endedAt: null, startedAt: NOW - 185_000, numPredictions: null, numErrors: null });
    expect(entryText(list([running]), 0)).toContain('running for 3 min 5 s');
    const queued = batchJob({ status: 'queued', startedAt: null, endedAt: null, createdAt: NOW - 42_000 });
    expect(entryText(list([queued]), 0)).toContain(':hourglass_flowing_sand: Queued');
    expect(entryText(list([queued]), 0)).toContain('waiting 42 s');
  });
});

describe('buildJobList: the API reference example (batch-list-jobs.seed.json)', () => {
  const message = list([seedJob()]);
  const text = entryText(message, 0);

  it('renders the placeholders and the URL as text, never as a link', () => {
    expect(validateMessage(message)).toEqual([]);
    expectToContainAll(text, [
      '`job_id`',
      'filename +1 more',
      'burst, face, facemesh, language, ner, prosody',
      `created ${slackDate(1712587158717)}`,
      'waited 83 ms · ran 474 ms',
      '10 predictions · 0 errors',
    ]);
    expect(message.blocks[1]).toMatchObject({ text: { type: 'mrkdwn', verbatim: true } });
  });

  it('shows a URL-only job by its first URL in a code span', () => {
    const job = seedJob();
    job.inputs.files = [];
    expect(entryText(list([job]), 0)).toContain('`https://hume-tutorials.s3.amazonaws.com/faces.zip`');
    expect(JSON.stringify(list([job]))).not.toContain('<https');
  });
});

describe('buildJobList: runs', () => {
  const message = list(runJobs(), { order: { sort: 'started', direction: 'desc' } });

  it('shows endpoint and mode, who ran it, the start time, and no queue wait or inputs', () => {
    expect(validateMessage(message)).toEqual([]);
    const live = entryText(message, 0);
    expectToContainAll(live, [':arrows_counterclockwise: Running', 'audio · realtime', `started ${slackDate(Date.parse('2026-11-28T09:14:03.512Z'))}`]);
    expect(live).toMatch(/^:arrows_counterclockwise: Running {2}`[0-9a-f]{8}` {2}audio · realtime\nuser `usr_[^`]+` · started /);
    expect(live).not.toContain('wait');
    expect(live).not.toContain('no inputs');
  });

  it('shows why an errored run failed', () => {
    expectToContainAll(entryText(message, 1), [
      ':x: Failed',
      'video · realtime',
      'Error: The run closed with an internal error (close code 1011).',
      'ran 4 min 32 s',
    ]);
  });

  it('names the order in the context line', () => {
    expect(allTexts(message)).toContain('Showing 1–3 · most recently started first');
  });
});

describe('buildJobList: paging', () => {
  const jobs = [batchJob()];
  const navButtons = (page: PageInfo) =>
    list(jobs, { page }).blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => [e.action_id, e.value]) : []));

  it.each([
    [{ index: 0, hasPrev: false, hasNext: true, prevValue: null, nextValue: 'n' }, [['hume_jobs.page_next', 'n']]],
    [{ index: 1, hasPrev: true, hasNext: true, prevValue: 'p', nextValue: 'n' }, [['hume_jobs.page_prev', 'p'], ['hume_jobs.page_next', 'n']]],
    [{ index: 2, hasPrev: true, hasNext: false, prevValue: 'p', nextValue: 'n' }, [['hume_jobs.page_prev', 'p']]],
    [{ index: 0, hasPrev: false, hasNext: false, prevValue: null, nextValue: null }, []],
    // A button without its value could not page: it is left out.
    [{ index: 0, hasPrev: false, hasNext: true, prevValue: null, nextValue: '' }, []],
  ])('%j → %j', (page, expected) => {
    expect(navButtons(page)).toEqual(expected);
  });

  it('has no actions block when there is nowhere to go', () => {
    const message = list(jobs, { page: { index: 0, hasPrev: false, hasNext: false, prevValue: null, nextValue: null } });
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('counts from the jobs earlier pages showed', () => {
    const ten = Array.from({ length: 10 }, () => batchJob());
    expect(allTexts(list(ten, { totalShownBefore: 10, order: { sort: 'created', direction: 'desc' } }))).toContain(
      'Showing 11–20 · newest first',
    );
    expect(allTexts(list([batchJob()], { totalShownBefore: 20 }))).toContain('Showing 21');
    expect(allTexts(list([], { totalShownBefore: 20 }))).toContain('No jobs on this page');
    expect(validateMessage(list([], { totalShownBefore: 20 }))).toEqual([]);
  });

  it('gives entries block ids that differ from page to page', () => {
    const a = list(jobs, { page: { ...firstPage, index: 0 } }).blocks[1]?.block_id;
    const b = list(jobs, { page: { ...firstPage, index: 1 } }).blocks[1]?.block_id;
    expect(a).toBeDefined();
    expect(a).not.toBe(b);
  });
});

describe('buildJobList: escaping', () => {
  const job = batchJob({
    inputs: { files: [{ name: '<!channel>', contentType: 'x', md5: 'y' }], urls: [], textCount: 0 },
    status: 'failed',
    errorMessage: 'Ask <@U1> & retry',
  });
  const message = list([job], { title: 'Jobs for <@U2>' });
  const json = JSON.stringify(message);

  it('shows a <!channel> file name and a <@U1> error only escaped', () => {
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<@U1>');
    expect(json).not.toContain('<@U2>');
    expect(json).toContain('&lt;!channel&gt;');
    expect(json).toContain('Ask &lt;@U1&gt; &amp; retry');
    expect(unsafeMarkup(message)).toEqual([]);
  });
});

describe('buildJobList: adversarial input', () => {
  const jobs = Array.from({ length: 25 }, (_, i) => hostileJob(i));
  const message = list(jobs, {
    title: jobs[0]?.id ?? '',
    page: { index: 3, hasPrev: true, hasNext: true, prevValue: 'p'.repeat(2000), nextValue: 'n'.repeat(2000) },
  });

  it('stays inside every Block Kit limit with 25 jobs of 5,000-character <!channel>& strings', () => {
    expect(validateMessage(message)).toEqual([]);
    expect(unsafeMarkup(message)).toEqual([]);
    expect(blockTextLength(message.blocks)).toBeLessThanOrEqual(LIMITS.textBudget);
  });

  it('keeps all 25 jobs by shortening them, and the header, context line and navigation', () => {
    expect(entries(message.blocks)).toHaveLength(25);
    expect(message.blocks[0]?.type).toBe('header');
    expect(message.blocks.at(-2)?.type).toBe('context');
    expect(message.blocks.at(-1)).toMatchObject({ type: 'actions', elements: [{ value: 'p'.repeat(2000) }, { value: 'n'.repeat(2000) }] });
  });

  it('drops a Details button whose id is too long to carry, rather than sending a broken one', () => {
    expect(entries(message.blocks).every((s) => s.accessory === undefined)).toBe(true);
  });

  it('leaves jobs out, and says so, only past what one message can hold', () => {
    const many = list(Array.from({ length: 60 }, (_, i) => hostileJob(i)));
    expect(validateMessage(many)).toEqual([]);
    expect(allTexts(many).some((t) => /^\d+ more jobs on this page left out/.test(t))).toBe(true);
  });
});
