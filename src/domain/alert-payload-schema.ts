/**
 * The alert payloads as zod schemas, so the store checks an outbox row's JSON when it reads it
 * instead of the deliverer casting `unknown`. Objects are loose: a field a newer version added
 * stays in the payload (nothing read is dropped), while every field this version uses is checked.
 */
import { z } from 'zod';
import { STATUS_KINDS, type Job } from '../jobs/job';
import type { AlertPayload } from './alert-payload';

const statusKind = z.enum(STATUS_KINDS as [Job['status'], ...Job['status'][]]);
const ms = z.number();
const nullableMs = ms.nullable();

const jobSchema = z.looseObject({
  id: z.string(),
  source: z.enum(['batch', 'runs']),
  status: statusKind,
  rawStatus: z.string(),
  createdAt: nullableMs,
  startedAt: nullableMs,
  endedAt: nullableMs,
  inputs: z.looseObject({
    files: z.array(z.looseObject({ name: z.string().nullable(), contentType: z.string().nullable(), md5: z.string().nullable() })),
    urls: z.array(z.string()),
    textCount: z.number(),
  }),
  models: z.array(z.looseObject({ name: z.string(), options: z.record(z.string(), z.unknown()) })),
  endpoint: z.string().nullable(),
  mode: z.string().nullable(),
  numPredictions: nullableMs,
  numErrors: nullableMs,
  errorMessage: z.string().nullable(),
  userId: z.string().nullable(),
  problems: z.looseObject({ counts: z.record(z.string(), z.number()), capped: z.boolean() }).optional(),
  unreadable: z.looseObject({ since: ms, failures: z.number(), reason: z.string() }).optional(),
});

const change = z.looseObject({ job: jobSchema, from: statusKind.nullable(), to: statusKind, fromSeenAt: ms.optional() });
const mention = z.string().nullable();

const jobAlert = z.looseObject({ type: z.literal('job'), change, mention });

const digest = z.looseObject({
  type: z.literal('digest'),
  changes: z.array(change),
  catchUp: z.boolean(),
  mention,
  snooze: z.looseObject({ startedAt: ms, endedAt: ms, endedBy: z.string().nullable() }).optional(),
  mute: z
    .looseObject({ startedAt: ms, endedAt: ms, endedBy: z.string().nullable(), cause: z.string(), example: z.string(), mutedBy: z.string().nullable() })
    .optional(),
  overdue: z.array(z.looseObject({ job: jobSchema, ageMs: ms })).optional(),
  overdueRule: z.looseObject({ typicalMs: nullableMs, limitMs: nullableMs }).optional(),
});

const overdue = z.looseObject({
  type: z.literal('overdue'),
  job: jobSchema,
  ageMs: ms,
  typicalMs: nullableMs,
  limitMs: nullableMs.optional(),
  mention,
  threadOnly: z.boolean().optional(),
});

const direct = z.looseObject({
  type: z.literal('dm'),
  userId: z.string(),
  reason: z.enum(['watch', 'rule']),
  changes: z.array(change).min(1),
  mention: z.null(),
});

const alertPayload = z.discriminatedUnion('type', [jobAlert, digest, overdue, direct]);

export type PayloadCheck = { ok: true; payload: AlertPayload } | { ok: false; reason: string };

/** Checks a payload read back from the store: the payload, or one line saying what is wrong. */
export function checkAlertPayload(value: unknown): PayloadCheck {
  const result = alertPayload.safeParse(value);
  if (result.success) return { ok: true, payload: result.data };
  const issue = result.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return { ok: false, reason: `unreadable payload${where}: ${issue?.message ?? 'invalid'}` };
}
