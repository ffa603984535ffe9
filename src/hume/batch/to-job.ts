/**
 * A batch job as the app's one job model. Deliberately lossy where the raw job is risky or
 * bulky: `callback_url` may hold a secret and `text` whole passages, so neither is kept.
 */
import type { Job, ModelRequest, StatusKind } from '../../jobs/job';
import type { BatchJob, BatchStatus } from './schemas';

export const BATCH_STATUS_KIND: Readonly<Record<BatchStatus, StatusKind>> = {
  QUEUED: 'queued',
  IN_PROGRESS: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
};

export const KIND_BATCH_STATUS: Readonly<Record<StatusKind, BatchStatus>> = {
  queued: 'QUEUED',
  running: 'IN_PROGRESS',
  completed: 'COMPLETED',
  failed: 'FAILED',
};

export function batchJobToJob(raw: BatchJob): Job {
  const { state } = raw;
  const request = raw.request ?? {};
  return {
    id: raw.job_id,
    source: 'batch',
    status: BATCH_STATUS_KIND[state.status],
    rawStatus: state.status,
    createdAt: state.created_timestamp_ms ?? null,
    startedAt: state.started_timestamp_ms ?? null,
    endedAt: state.ended_timestamp_ms ?? null,
    inputs: {
      files: (request.files ?? []).map((file) => ({
        name: file.filename ?? null,
        contentType: file.content_type ?? null,
        md5: file.md5sum ?? null,
      })),
      urls: request.urls ?? [],
      textCount: request.text?.length ?? 0,
    },
    models: modelsOf(request.models),
    endpoint: null,
    mode: null,
    numPredictions: state.num_predictions ?? null,
    numErrors: state.num_errors ?? null,
    errorMessage: state.message ?? null,
    userId: raw.user_id ?? null,
  };
}

/** Requested models with their options. A `null` model was not requested; a `null` option was not set. */
function modelsOf(models: Record<string, unknown> | null | undefined): ModelRequest[] {
  return Object.entries(models ?? {})
    .filter(([, options]) => options !== null && options !== undefined)
    .map(([name, options]) => ({ name, options: isRecord(options) ? withoutNulls(options) : {} }));
}

function withoutNulls(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== null));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
