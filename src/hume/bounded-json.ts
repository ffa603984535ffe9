/**
 * What the app keeps of one item Hume sent (a job, a run, an event), bounded in depth and size
 * at read time. Everything read is stored as the job's snapshot and copied into each channel's
 * outbox row, so one hostile or broken item must not be able to:
 * - overflow the stack of JSON.stringify at commit (a `request.models` nested 20,000 deep),
 * - grow the database by megabytes per channel (a 5 MB `state.message` copied into 20 rows).
 * Alerts show at most 1,500 characters of any text, so a few KB of a string loses nothing shown.
 * Pure and non-recursive beyond `maxDepth`: it never fails, whatever the value.
 */

export interface JsonBounds {
  /** Objects and arrays nested deeper than this become the string TOO_DEEP. */
  maxDepth: number;
  /** Strings longer than this are cut (with a trailing "…"). */
  maxStringChars: number;
  /** Arrays keep their first `maxArrayItems` items. */
  maxArrayItems: number;
  /** Objects keep their first `maxObjectKeys` keys. */
  maxObjectKeys: number;
  /**
   * The whole item, as JSON, stays under this: when it is bigger, the string and array limits
   * are halved until it fits, so short fields (ids, statuses, times) survive and the bulk shrinks.
   */
  maxItemChars: number;
}

export const ITEM_BOUNDS: JsonBounds = {
  // Real model options nest three or four levels; 32 leaves room for any honest payload.
  maxDepth: 32,
  maxStringChars: 4_000,
  maxArrayItems: 1_000,
  maxObjectKeys: 1_000,
  maxItemChars: 64_000,
};

export const TOO_DEEP = '[nested too deep]';
const MIN_STRING_CHARS = 64;
const MIN_ARRAY_ITEMS = 8;

/** The value with every limit of `bounds` applied; values within them come back equal. */
export function boundJson(value: unknown, bounds: JsonBounds = ITEM_BOUNDS): unknown {
  let limits = { ...bounds };
  let bounded = boundValue(value, limits, 0);
  for (;;) {
    const size = JSON.stringify(bounded)?.length ?? 0;
    if (size <= bounds.maxItemChars) return bounded;
    if (limits.maxStringChars <= MIN_STRING_CHARS && limits.maxArrayItems <= MIN_ARRAY_ITEMS) {
      // Even the smallest limits do not fit (e.g. thousands of keys): keep nothing of the bulk.
      return boundValue(value, { ...limits, maxObjectKeys: MIN_ARRAY_ITEMS, maxDepth: 3 }, 0);
    }
    limits = {
      ...limits,
      maxStringChars: Math.max(MIN_STRING_CHARS, Math.floor(limits.maxStringChars / 2)),
      maxArrayItems: Math.max(MIN_ARRAY_ITEMS, Math.floor(limits.maxArrayItems / 2)),
    };
    bounded = boundValue(value, limits, 0);
  }
}

function boundValue(value: unknown, bounds: JsonBounds, depth: number): unknown {
  if (typeof value === 'string') return cut(value, bounds.maxStringChars);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= bounds.maxDepth) return TOO_DEEP;
  if (Array.isArray(value)) return value.slice(0, bounds.maxArrayItems).map((item: unknown) => boundValue(item, bounds, depth + 1));
  const out: Record<string, unknown> = {};
  let keys = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (keys++ >= bounds.maxObjectKeys) break;
    // defineProperty: a key named "__proto__" (from JSON.parse) stays a plain key, not a prototype.
    Object.defineProperty(out, cut(key, bounds.maxStringChars), {
      value: boundValue((value as Record<string, unknown>)[key], bounds, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
