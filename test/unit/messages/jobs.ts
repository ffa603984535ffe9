/**
 * Job objects for the message tests: realistic ones, the API reference's example, and hostile ones.
 * Batch jobs start from support/jobs.ts's makeJob (the one factory) and fix what messages show.
 */
import type { Job } from '../../../src/jobs/job';
import { makeJob } from '../../support/jobs';

export const NOW = Date.UTC(2026, 10, 28, 12, 0, 0);

/** A finished batch job with three files, as a team would see it. */
export function batchJob(overrides: Partial<Job> = {}): Job {
  return makeJob({
    id: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
    createdAt: Date.UTC(2026, 10, 28, 9, 14, 0),
    startedAt: Date.UTC(2026, 10, 28, 9, 14, 2, 500),
    endedAt: Date.UTC(2026, 10, 28, 9, 17, 7, 500),
    inputs: {
      files: [
        { name: 'faces.zip', contentType: 'application/zip', md5: '0cc175b9c0f1b6a831c399e269772661' },
        { name: 'call-1.wav', contentType: 'audio/wav', md5: '92eb5ffee6ae2fec3ad71c777531578f' },
        { name: 'call-2.wav', contentType: 'audio/wav', md5: '4a8a08f09d37b73795649038408b5f33' },
      ],
      urls: [],
      textCount: 0,
    },
    models: [
      { name: 'face', options: { fps_pred: 3, identify_faces: false } },
      { name: 'prosody', options: { granularity: 'utterance' } },
    ],
    numPredictions: 42,
    ...overrides,
  });
}

/**
 * `test/fixtures/batch-list-jobs.seed.json` (the API reference's example), mapped by
 * hand the way the batch source maps it: nulls kept in options, placeholder strings as given.
 */
export function seedJob(): Job {
  return makeJob({
    id: 'job_id',
    createdAt: 1712587158717,
    startedAt: 1712587158800,
    endedAt: 1712587159274,
    inputs: {
      files: [{ name: 'filename', contentType: 'content_type', md5: 'md5sum' }],
      urls: ['https://hume-tutorials.s3.amazonaws.com/faces.zip'],
      textCount: 0,
    },
    models: [
      { name: 'burst', options: {} },
      {
        name: 'face',
        options: {
          descriptions: null,
          facs: null,
          fps_pred: 3,
          identify_faces: false,
          min_face_size: 60,
          prob_threshold: 0.99,
          save_faces: false,
        },
      },
      { name: 'facemesh', options: {} },
      { name: 'language', options: { granularity: 'word', identify_speakers: false, sentiment: null, toxicity: null } },
      { name: 'ner', options: { identify_speakers: false } },
      { name: 'prosody', options: { granularity: 'utterance', identify_speakers: false, window: null } },
    ],
    numPredictions: 10,
  });
}

/** Runs from `runs-list.json`: live, errored (close code 1011), ended. */
export function runJobs(): Job[] {
  const base = {
    source: 'runs' as const,
    inputs: { files: [], urls: [], textCount: 0 },
    models: [],
    numPredictions: null,
    numErrors: null,
    errorMessage: null,
  };
  return [
    {
      ...base,
      id: '5f0c9a52-8a1e-4a53-9d43-2f7a64c1b0e1',
      status: 'running',
      rawStatus: 'live',
      createdAt: Date.parse('2026-11-28T09:14:03.512Z'),
      startedAt: Date.parse('2026-11-28T09:14:03.512Z'),
      endedAt: null,
      endpoint: 'audio',
      mode: 'realtime',
      userId: 'usr_7Hq2',
    },
    {
      ...base,
      id: 'b2d4e6f8-0a1c-4e3f-9b7d-5c6a8e0f2d41',
      status: 'failed',
      rawStatus: 'errored',
      createdAt: Date.parse('2026-11-28T09:02:40.004Z'),
      startedAt: Date.parse('2026-11-28T09:02:40.004Z'),
      endedAt: Date.parse('2026-11-28T09:07:12.880Z'),
      endpoint: 'video',
      mode: 'realtime',
      errorMessage: 'The run closed with an internal error (close code 1011).',
      userId: 'usr_7Hq2',
      problems: { counts: { invalid_image_frame: 1, rate_limited: 1 }, capped: false },
    },
    {
      ...base,
      id: '0e9d1d35-3d1e-4d66-9a2f-8c7e0f6b3e21',
      status: 'completed',
      rawStatus: 'ended',
      createdAt: Date.parse('2026-11-28T08:59:59.100Z'),
      startedAt: Date.parse('2026-11-28T08:59:59.100Z'),
      endedAt: Date.parse('2026-11-28T09:00:01.950Z'),
      endpoint: 'audio',
      mode: 'file',
      userId: 'usr_P0m1',
    },
  ];
}

/** 5,000 characters of markup that would ping a channel if it reached mrkdwn unescaped. */
export const HOSTILE = '<!channel>&'.repeat(455).slice(0, 5000);

/**
 * A job whose every string is HOSTILE, with many files, URLs, models and problem kinds, in
 * each status and source so every branch of every builder sees it.
 */
export function hostileJob(i: number): Job {
  const kinds = ['queued', 'running', 'completed', 'failed'] as const;
  const status = kinds[i % kinds.length] ?? 'failed';
  const h = `${i}${HOSTILE}`.slice(0, 5000);
  return {
    id: h,
    source: i % 2 === 0 ? 'batch' : 'runs',
    status,
    rawStatus: h,
    createdAt: NOW - 3_600_000,
    startedAt: status === 'queued' ? null : NOW - 1_800_000,
    endedAt: status === 'completed' || status === 'failed' ? NOW - 60_000 : null,
    inputs: {
      files: Array.from({ length: 40 }, () => ({ name: h, contentType: h, md5: h })),
      urls: Array.from({ length: 40 }, () => h),
      textCount: 7,
    },
    models: Array.from({ length: 12 }, () => ({ name: h, options: { [h]: h, nested: { [h]: [h] } } })),
    endpoint: h,
    mode: h,
    numPredictions: 1_000_000,
    numErrors: status === 'completed' ? 12 : null,
    errorMessage: h,
    userId: h,
    problems: {
      counts: Object.fromEntries(Array.from({ length: 30 }, (_, k) => [`${k}${h}`, k])),
      capped: true,
    },
  };
}
