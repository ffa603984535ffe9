import { batchJobSchema, batchPredictionsSchema, parseJobList } from '../../../src/hume/batch/schemas';
import { readFixtures } from '../../support/fixtures';

/** A minimal job as the API could send it; tests change one thing at a time. */
function job(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    job_id: '7fcc8e26-e1ef-4cf7-9910-4794cdefcf6a',
    type: 'INFERENCE',
    request: { files: [], urls: ['https://example.com/a.mp4'], text: [], models: { face: {} } },
    state: { status: 'QUEUED', created_timestamp_ms: 1712587158717 },
    ...overrides,
  };
}

describe('batch schemas accept every shared fixture', () => {
  const fixtures = readFixtures('batch-');

  it('finds the four batch fixtures', () => {
    expect(fixtures.map((f) => f.name)).toEqual([
      'batch-job-details.json',
      'batch-job-predictions.json',
      'batch-list-jobs.sdk.json',
      'batch-list-jobs.seed.json',
    ]);
  });

  it.each(fixtures.filter((f) => f.name.startsWith('batch-list-')).map((f) => [f.name, f.json]))('%s: every item parses', (_name, json) => {
    expect(Array.isArray(json)).toBe(true);
    const { jobs, dropped } = parseJobList(json as unknown[]);
    expect(dropped).toEqual([]);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.job_id).toBe('job_id'); // the placeholder is a valid id
    expect(jobs[0]?.request?.files?.[0]?.md5sum).toBe('md5sum');
    expect(jobs[0]?.state).toMatchObject({ status: 'COMPLETED', num_predictions: 10, num_errors: 0 });
  });

  it('batch-job-details.json parses as one job', () => {
    const details = fixtures.find((f) => f.name === 'batch-job-details.json');
    const parsed = batchJobSchema.safeParse(details?.json);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.state.ended_timestamp_ms).toBe(1712590462252);
  });

  it('batch-job-predictions.json parses', () => {
    const predictions = fixtures.find((f) => f.name === 'batch-job-predictions.json');
    const parsed = batchPredictionsSchema.safeParse(predictions?.json);
    expect(parsed.success).toBe(true);
    expect(parsed.data?.[0]?.source).toMatchObject({ type: 'url' });
    expect(parsed.data?.[0]?.results?.predictions?.[0]?.file).toBe('faces/100.jpg');
  });
});

describe('batch job schema tolerance', () => {
  it.each([
    ['null optional fields', job({ type: null, user_id: null, request: { files: null, urls: null, text: null, models: null, callback_url: null, notify: null } })],
    ['null state fields', job({ state: { status: 'FAILED', created_timestamp_ms: 1, started_timestamp_ms: null, ended_timestamp_ms: null, message: null } })],
    ['no type (as in hume-python-sdk issue #48)', job({ type: undefined })],
    ['an unknown type', job({ type: 'TL_INFERENCE' })],
    ['no files', job({ request: { urls: [], models: {} } })],
    ['no request at all', job({ request: undefined })],
    ['null models', job({ request: { files: [], models: { face: null, prosody: { granularity: 'utterance', window: null } } } })],
    ['files without optional metadata', job({ request: { files: [{ md5sum: 'md5sum' }, { filename: null, content_type: null, md5sum: null }] } })],
  ])('accepts %s', (_case, raw) => {
    expect(batchJobSchema.safeParse(raw).success).toBe(true);
  });

  it('keeps fields it does not know', () => {
    const parsed = batchJobSchema.parse(job({ user_id: 'u-1', region: 'eu', state: { status: 'QUEUED', created_timestamp_ms: 1, priority: 3 } }));
    expect(parsed).toMatchObject({ user_id: 'u-1', region: 'eu', state: { priority: 3 } });
  });

  it.each([
    ['no job_id', job({ job_id: undefined })],
    ['a numeric job_id', job({ job_id: 42 })],
    ['an unknown status', job({ state: { status: 'CANCELLED', created_timestamp_ms: 1 } })],
    ['no state', job({ state: undefined })],
  ])('rejects %s', (_case, raw) => {
    expect(batchJobSchema.safeParse(raw).success).toBe(false);
  });
});

describe('parseJobList', () => {
  it('drops unreadable items one by one and keeps the rest in order', () => {
    const items = [
      job({ job_id: 'a' }),
      job({ job_id: undefined }),
      job({ job_id: 'c', state: { status: 'PAUSED', created_timestamp_ms: 1 } }),
      'not a job',
      job({ job_id: 'e', type: 'SOMETHING_NEW' }),
    ];
    const { jobs, dropped } = parseJobList(items);
    expect(jobs.map((j) => j.job_id)).toEqual(['a', 'e']);
    expect(dropped.map((d) => [d.index, d.jobId])).toEqual([
      [1, null],
      [2, 'c'],
      [3, null],
    ]);
    expect(dropped[0]?.reason).toMatch(/^job_id: /);
    expect(dropped[1]?.reason).toMatch(/^state\.status: /);
  });
});
