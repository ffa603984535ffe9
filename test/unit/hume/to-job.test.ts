import { batchJobSchema, type BatchJob } from '../../../src/hume/batch/schemas';
import { batchJobToJob } from '../../../src/hume/batch/to-job';
import { completedWithErrors, type Job } from '../../../src/jobs/job';
import { readFixtures } from '../../support/fixtures';

const CREATED = 1764331200000;

function raw(state: Record<string, unknown>, extra: Record<string, unknown> = {}): BatchJob {
  return batchJobSchema.parse({
    job_id: '23834180-3d0e-4eb2-9913-99abc1f48cd2',
    request: { files: [], urls: ['https://example.com/a.mp4'], text: [], models: { face: {} } },
    state: { created_timestamp_ms: CREATED, ...state },
    ...extra,
  });
}

describe('batchJobToJob', () => {
  it.each<[string, Record<string, unknown>, Partial<Job>]>([
    ['QUEUED', { status: 'QUEUED' }, { status: 'queued', rawStatus: 'QUEUED', startedAt: null, endedAt: null }],
    ['IN_PROGRESS', { status: 'IN_PROGRESS', started_timestamp_ms: CREATED + 80 }, { status: 'running', startedAt: CREATED + 80, endedAt: null }],
    [
      'COMPLETED',
      { status: 'COMPLETED', started_timestamp_ms: CREATED + 80, ended_timestamp_ms: CREATED + 560, num_predictions: 10, num_errors: 0 },
      { status: 'completed', endedAt: CREATED + 560, numPredictions: 10, numErrors: 0, errorMessage: null },
    ],
    [
      'COMPLETED with errors',
      { status: 'COMPLETED', started_timestamp_ms: CREATED + 1, ended_timestamp_ms: CREATED + 2, num_predictions: 7, num_errors: 3 },
      { status: 'completed', numPredictions: 7, numErrors: 3 },
    ],
    [
      'FAILED',
      { status: 'FAILED', started_timestamp_ms: CREATED + 1, ended_timestamp_ms: CREATED + 2, message: 'Failed to download media from URL' },
      { status: 'failed', rawStatus: 'FAILED', errorMessage: 'Failed to download media from URL', numPredictions: null, numErrors: null },
    ],
  ])('%s', (_name, state, expected) => {
    const job = batchJobToJob(raw(state));
    expect(job).toMatchObject({ id: '23834180-3d0e-4eb2-9913-99abc1f48cd2', source: 'batch', createdAt: CREATED, endpoint: null, mode: null, ...expected });
  });

  it('reports completed-with-errors only when num_errors > 0', () => {
    const done = (numErrors: number) => batchJobToJob(raw({ status: 'COMPLETED', num_predictions: 5, num_errors: numErrors }));
    expect(completedWithErrors(done(2))).toBe(true);
    expect(completedWithErrors(done(0))).toBe(false);
  });

  it('keeps files and URLs, counts texts without keeping them, drops callback_url', () => {
    const job = batchJobToJob(
      raw(
        { status: 'QUEUED' },
        {
          user_id: '373da3c2-0000-4000-8000-000000000000',
          request: {
            callback_url: 'https://hooks.example.com/secret-token-123',
            files: [{ filename: 'call.wav', content_type: 'audio/wav', md5sum: '9e107d9d372bb6826bd81d3542a419d6' }, { md5sum: 'x' }],
            urls: ['https://example.com/b.zip'],
            text: ['a very private passage', 'another one'],
          },
        },
      ),
    );
    expect(job.inputs).toEqual({
      files: [
        { name: 'call.wav', contentType: 'audio/wav', md5: '9e107d9d372bb6826bd81d3542a419d6' },
        { name: null, contentType: null, md5: 'x' },
      ],
      urls: ['https://example.com/b.zip'],
      textCount: 2,
    });
    expect(job.userId).toBe('373da3c2-0000-4000-8000-000000000000');
    const serialized = JSON.stringify(job);
    expect(serialized).not.toContain('secret-token-123');
    expect(serialized).not.toContain('private passage');
  });

  it('maps the seed fixture: null options are dropped, set ones kept', () => {
    const [fixture] = readFixtures('batch-list-jobs.seed');
    const [item] = fixture?.json as unknown[];
    const job = batchJobToJob(batchJobSchema.parse(item));
    expect(job.models).toEqual([
      { name: 'burst', options: {} },
      { name: 'face', options: { fps_pred: 3, identify_faces: false, min_face_size: 60, prob_threshold: 0.99, save_faces: false } },
      { name: 'facemesh', options: {} },
      { name: 'language', options: { granularity: 'word', identify_speakers: false } },
      { name: 'ner', options: { identify_speakers: false } },
      { name: 'prosody', options: { granularity: 'utterance', identify_speakers: false } },
    ]);
    expect(job.inputs.files).toEqual([{ name: 'filename', contentType: 'content_type', md5: 'md5sum' }]);
  });

  it('skips models that were not requested (null)', () => {
    const job = batchJobToJob(raw({ status: 'QUEUED' }, { request: { models: { face: null, prosody: { granularity: 'word' }, burst: {} } } }));
    expect(job.models.map((m) => m.name)).toEqual(['prosody', 'burst']);
  });

  it('maps a job with no request and no timestamps to empty inputs and nulls', () => {
    const job = batchJobToJob(batchJobSchema.parse({ job_id: 'x', state: { status: 'QUEUED' } }));
    expect(job).toMatchObject({ createdAt: null, inputs: { files: [], urls: [], textCount: 0 }, models: [], userId: null });
  });
});
