/**
 * The runs source's page token. A listing of several statuses is several API streams (the API
 * takes one status per request) merged newest first, so the token holds each stream's place:
 *
 * - `done`: every run of the stream was shown; it costs no more requests;
 * - `start`: none was shown yet;
 * - a position: the API cursor of the page that holds the last run shown (null: the first
 *   page), how many runs of that page were shown, and that run's id and start, which tell a
 *   page that shifted since (new runs on top, a run that changed status) from one that did not.
 *
 * API cursors are only valid with the query that produced them, so the token also carries a
 * key of the streams' queries: a token made for other filters is no position here.
 * Size: at most two streams (three statuses are all of them: one unfiltered stream), each about
 * 60 characters plus Hume's cursor, so a few hundred characters in base64url.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { decodeToken, encodeToken } from '../cursor-token';

export interface StreamPosition {
  /** API cursor of the page holding the last run shown; null for the first page. */
  cursor: string | null;
  /** Runs of that page already shown. */
  shown: number;
  /** The last run shown. */
  id: string;
  at: number;
}

export type StreamState = 'start' | 'done' | StreamPosition;

/** Hume's cursor is opaque and of undocumented length; a token longer than a Slack value is no token. */
const MAX_API_CURSOR = 2000;

const stateSchema = z.union([
  z.literal(0),
  z.null(),
  z.tuple([z.string().max(MAX_API_CURSOR).nullable(), z.number().int().min(0), z.string().min(1).max(200), z.number().int()]),
]);
const cursorSchema = z.object({ v: z.literal(1), k: z.string(), s: z.array(stateSchema).min(1).max(3) });

/** A short digest of the streams' queries: the token is only valid for the same ones. */
export function queryKey(queries: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(queries)).digest('base64url').slice(0, 10);
}

export function encodeRunsCursor(key: string, states: readonly StreamState[]): string {
  const s = states.map((state) => (state === 'done' ? 0 : state === 'start' ? null : [state.cursor, state.shown, state.id, state.at]));
  return encodeToken({ v: 1, k: key, s });
}

/** Each stream's state, or null (first page) for a token that is malformed or made for other queries. */
export function decodeRunsCursor(token: string | null, key: string, streams: number): StreamState[] | null {
  const data = decodeToken(token, cursorSchema);
  if (!data || data.k !== key || data.s.length !== streams) return null;
  return data.s.map((state) => (state === 0 ? 'done' : state === null ? 'start' : { cursor: state[0], shown: state[1], id: state[2], at: state[3] }));
}
