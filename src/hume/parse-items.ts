/**
 * Lists are validated item by item, so one item Hume sends in a shape this app cannot read is
 * skipped (and logged) instead of failing the whole page. Shared by the batch and runs clients.
 */
import { z } from 'zod';
import { boundJson } from './bounded-json';
import type { HumeLogger } from './http';
import { describeSchemaError } from './http-errors';

export interface DroppedItem {
  /** Position in the list Hume sent. */
  index: number;
  /** The item's id (`job_id`, `run_id`) when it had a readable one, shortened. */
  jobId: string | null;
  reason: string;
}

export interface ParsedItems<T> {
  items: T[];
  dropped: DroppedItem[];
}

export function parseEach<T>(items: readonly unknown[], schema: z.ZodType<T>, idKey: string): ParsedItems<T> {
  const parsed: T[] = [];
  const dropped: DroppedItem[] = [];
  items.forEach((item, index) => {
    const result = schema.safeParse(boundJson(item));
    if (result.success) parsed.push(result.data);
    else dropped.push({ index, jobId: idOf(item, idKey), reason: describeSchemaError(result.error) });
  });
  return { items: parsed, dropped };
}

/**
 * The schema applied to what `boundJson` keeps of the body: for single-item answers (one job,
 * one run, a page of events), so what is stored is bounded however Hume answered.
 */
export function bounded<T>(schema: z.ZodType<T>): z.ZodType<T> {
  return z.preprocess((value) => boundJson(value), schema);
}

/** One warning per skipped item: the operator learns Hume changed its payload, the list still shows. */
export function warnDropped(logger: HumeLogger | undefined, dropped: readonly DroppedItem[], what: string): void {
  for (const item of dropped) logger?.warn({ ...item }, `Hume sent ${what} this app cannot read; skipped it`);
}

function idOf(item: unknown, idKey: string): string | null {
  if (typeof item !== 'object' || item === null || !(idKey in item)) return null;
  const id = (item as Record<string, unknown>)[idKey];
  return typeof id === 'string' ? id.slice(0, 64) : null;
}
