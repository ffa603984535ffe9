/** Builds normalized jobs for unit tests: realistic defaults, overridable per test. */
import type { Job } from '../../src/jobs/job';

let counter = 0;

export function makeJob(overrides: Partial<Job> = {}): Job {
  counter += 1;
  const created = Date.UTC(2026, 10, 28, 9, 0, 0) + counter * 1000;
  return {
    id: `${String(counter).padStart(8, '0')}-3d0e-4eb2-9913-99abc1f48cd2`,
    source: 'batch',
    status: 'completed',
    rawStatus: 'COMPLETED',
    createdAt: created,
    startedAt: created + 2_000,
    endedAt: created + 62_000,
    inputs: { files: [], urls: ['https://hume-tutorials.s3.amazonaws.com/faces.zip'], textCount: 0 },
    models: [{ name: 'face', options: { fps_pred: 3 } }],
    endpoint: null,
    mode: null,
    numPredictions: 10,
    numErrors: 0,
    errorMessage: null,
    userId: null,
    ...overrides,
  };
}
