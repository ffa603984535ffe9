/**
 * What the runs API sends (the runs API reference: list, run and events), read as loosely as the docs allow:
 * most of each body is undocumented, so unknown fields are kept, `ended_at`/`close_code` may be
 * null or absent, event kinds are open strings (the documented list was cut off), and
 * `next_cursor` may be null, absent or "" on the last page. Only what the app cannot work
 * without is required: a string `run_id`, a known `status` and a readable `started_at` (the
 * list's sort key).
 */
import { z } from 'zod';
import { parseEach, type ParsedItems } from '../parse-items';

export const RUN_STATUSES = ['live', 'ended', 'errored'] as const;
export const runStatusSchema = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const RUN_MODES = ['realtime', 'file'] as const;
export type RunMode = (typeof RUN_MODES)[number];
export const RUN_ENDPOINTS = ['audio', 'video'] as const;
export type RunEndpoint = (typeof RUN_ENDPOINTS)[number];

/** The kinds Hume's runs API reference lists; Hume may send others, which are kept as they come. */
export const KNOWN_EVENT_KINDS = [
  'invalid_audio_frame',
  'invalid_image_frame',
  'rate_limited',
  'inference_failed',
  'message_too_large',
  'video_recording_abandoned',
] as const;

const text = z.string().nullish();
const timestamp = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'not a date-time');

export const runSchema = z.looseObject({
  run_id: z.string().min(1),
  user_id: text,
  status: runStatusSchema,
  /** Open strings: a new endpoint or mode should show, not hide the run. */
  endpoint: text,
  mode: text,
  started_at: timestamp,
  ended_at: text,
  close_code: z.number().int().nullish(),
});
export type Run = z.infer<typeof runSchema>;

/** Runs are validated one by one (see `parseRunList`), so one odd run cannot hide the page. */
export const runListSchema = z.looseObject({
  runs: z.array(z.unknown()),
  next_cursor: text,
});

export const runEventSchema = z.looseObject({
  seq: z.number().int().nullish(),
  at: text,
  /** Open string; a missing kind is counted as `unknown` rather than losing the page. */
  kind: text,
});
export type RunEvent = z.infer<typeof runEventSchema>;

export const runEventsSchema = z.looseObject({
  events: z.array(runEventSchema),
  at_cap: z.boolean().nullish(),
  capped_kinds: z.array(z.string()).nullish(),
  gaps: z.boolean().nullish(),
  next_cursor: text,
});

/** The runs of one list page that could be read, and what was skipped (see `parseEach`). */
export function parseRunList(items: readonly unknown[]): ParsedItems<Run> {
  return parseEach(items, runSchema, 'run_id');
}

/** null, absent and "" all mean "this was the last page". */
export function cursorOrNull(cursor: string | null | undefined): string | null {
  return cursor ? cursor : null;
}
