/**
 * `/hume-jobs` text → Command. Pure and total: whatever is typed, the answer is a
 * Command or a ParseError with a sentence, the word as typed and, for a likely typo, the nearest
 * valid word. `now` is passed in so relative times are testable and the same text always means
 * the same thing at the same moment.
 */
import { buildCommand } from './build-command';
import type { ParseResult } from './command';
import { readClauses } from './read-clauses';
import { tokenize } from './tokenize';

export interface ParseContext {
  /** Unix ms that relative times (`2h`, `today`) and summary's default window count from. */
  now: number;
}

export function parseCommand(text: string, context: ParseContext): ParseResult {
  const reading = readClauses(tokenize(text), context.now);
  if (!reading.ok) return reading;
  if (reading.help) return { ok: true, command: { kind: 'help' } };
  return buildCommand(reading.clauses, context.now);
}
