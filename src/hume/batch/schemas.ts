/**
 * What the batch API sends, as loosely as it really sends it (real responses carry fields the published schema lacks, e.g. `user_id` in hume-python-sdk issue #48): extra fields are
 * kept, any optional field may be `null`, `type` and `files` may be missing, placeholders such
 * as "job_id" or "md5sum" are valid strings. Only what the app cannot work without is required:
 * a string `job_id` and a known `state.status`.
 */
import { z } from 'zod';
import { parseEach, type DroppedItem } from '../parse-items';

export const BATCH_STATUSES = ['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED'] as const;
export const batchStatusSchema = z.enum(BATCH_STATUSES);
export type BatchStatus = z.infer<typeof batchStatusSchema>;

const text = z.string().nullish();
const count = z.number().nullish();

const batchFileSchema = z.looseObject({ filename: text, content_type: text, md5sum: text });

/** Each model's value is its options object, or null/absent when it was not requested. */
const modelsSchema = z.record(z.string(), z.unknown());

const batchRequestSchema = z.looseObject({
  models: modelsSchema.nullish(),
  transcription: z.unknown().optional(),
  files: z.array(batchFileSchema).nullish(),
  urls: z.array(z.string()).nullish(),
  /** Only counted, never kept (it can hold whole passages). */
  text: z.array(z.unknown()).nullish(),
  callback_url: text,
  notify: z.boolean().nullish(),
});

/** One flat object rather than a union per status: fields missing for a status are simply null. */
const batchStateSchema = z.looseObject({
  status: batchStatusSchema,
  created_timestamp_ms: count,
  started_timestamp_ms: count,
  ended_timestamp_ms: count,
  num_predictions: count,
  num_errors: count,
  message: text,
});

export const batchJobSchema = z.looseObject({
  job_id: z.string(),
  type: text,
  user_id: text,
  request: batchRequestSchema.nullish(),
  state: batchStateSchema,
});
export type BatchJob = z.infer<typeof batchJobSchema>;

/** The list is validated item by item (see `parseJobList`), so one odd job cannot hide the rest. */
export const batchJobListSchema = z.array(z.unknown());

export type DroppedJob = DroppedItem;

export interface ParsedJobList {
  jobs: BatchJob[];
  dropped: DroppedJob[];
}

export function parseJobList(items: readonly unknown[]): ParsedJobList {
  const { items: jobs, dropped } = parseEach(items, batchJobSchema, 'job_id');
  return { jobs, dropped };
}

const predictionSourceSchema = z.looseObject({
  type: z.string(),
  url: text,
  filename: text,
  content_type: text,
  md5sum: text,
});

const predictionResultsSchema = z.looseObject({
  predictions: z.array(z.looseObject({ file: text, models: z.record(z.string(), z.unknown()).nullish() })).nullish(),
  errors: z.array(z.looseObject({ message: text, file: text })).nullish(),
});

export const batchPredictionsSchema = z.array(
  z.looseObject({
    source: predictionSourceSchema,
    results: predictionResultsSchema.nullish(),
    error: text,
  }),
);
export type BatchPredictions = z.infer<typeof batchPredictionsSchema>;
