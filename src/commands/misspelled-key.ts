/**
 * Ways people write a key that the grammar does not take, answered with the one it does:
 * `since=2h` (an `=` where a space or `:` goes) and `last 2h`, `past 3d`, `within 1w` (English
 * for `since`). Not accepted silently: `last` could as well mean "the last job", so the reply
 * says what was read and the user types it once the right way.
 */
import type { ParseError } from './command';
import { parseError, quote } from './errors';
import { readTimeValue } from './time-value';
import { type Token, phrase } from './tokenize';
import { KEYS, VERBS } from './vocabulary';

const KEY_EQUALS = /^([a-z][a-z_-]*)=(.+)$/i;
const SINCE_WORDS: ReadonlySet<string> = new Set(['last', 'past', 'within', 'from', 'newer']);

/** `since=2h` → `since 2h`, for any key or verb that takes a value. */
function keyEquals(word: string): ParseError | null {
  const match = KEY_EQUALS.exec(word);
  const key = match?.[1]?.toLowerCase() ?? '';
  if (match === null || !(KEYS.has(key) || VERBS.get(key) === 'job')) return null;
  const suggestion = `${key} ${match[2] ?? ''}`;
  return parseError(`${quote(word)} has an \`=\`: write ${quote(suggestion)} (a space or \`:\` after ${quote(key)}).`, word, suggestion);
}

/** `last 2h` → `since 2h`, when what follows reads as a time. */
function sinceInWords(tokens: readonly Token[], at: number, now: number): ParseError | null {
  const word = tokens[at];
  if (word === undefined || !SINCE_WORDS.has(word.lower) || tokens[at + 1] === undefined) return null;
  const time = readTimeValue(tokens, at + 1, now);
  if (!time.ok) return null;
  const typed = phrase(tokens, at, time.next);
  const suggestion = `since ${phrase(tokens, at + 1, time.next)}`;
  return parseError(`${quote(typed)} isn't how a time is written here: write ${quote(suggestion)}.`, typed, suggestion);
}

/** The fix for a key written another way at word `at`, or null when the word is not one. */
export function misspelledKey(tokens: readonly Token[], at: number, now: number): ParseError | null {
  const token = tokens[at];
  if (token === undefined) return null;
  return keyEquals(token.text) ?? sinceInWords(tokens, at, now);
}
