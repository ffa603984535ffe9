/**
 * The envelope of every source's cursor token (each source's cursor.ts fills it): base64url
 * JSON, so it travels as one opaque word (a Slack button value, a log line) without quoting. Each source owns what goes inside and
 * validates it on the way back: a token comes from Slack, so it is input like any other.
 */
import type { z } from 'zod';

export function encodeToken(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** What the token holds, or null when it is missing, malformed or not in `schema`'s shape. */
export function decodeToken<T>(token: string | null, schema: z.ZodType<T>): T | null {
  if (!token) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
