/**
 * ParseError builders. Every message is one plain-text sentence (the message layer escapes it)
 * that quotes what the user typed; long words are shortened so a 10,000-character paste still
 * gives a reply that fits a Slack section.
 */
import type { ParseError } from './command';
import { nearestWord } from './suggest';

/** Longest word quoted back, in code points. */
const MAX_QUOTED = 60;

/** A reader's answer: a value and the index of the first word it did not consume, or an error. */
export type Step<T> = { ok: true; value: T; next: number } | { ok: false; error: ParseError };

export function shorten(word: string): string {
  const points = Array.from(word);
  return points.length <= MAX_QUOTED ? word : `${points.slice(0, MAX_QUOTED - 1).join('')}…`;
}

export function quote(word: string): string {
  return `“${shorten(word)}”`;
}

export function parseError(message: string, word: string | null, suggestion: string | null = null): ParseError {
  return { message, word: word === null ? null : shorten(word), suggestion };
}

export function failure<T>(error: ParseError): Step<T> {
  return { ok: false, error };
}

function didYouMean(suggestion: string | null): string {
  return suggestion === null ? '' : ` Did you mean ${quote(suggestion)}?`;
}

/** "I don't understand “faild”. Did you mean “failed”?" */
export function notUnderstood(word: string, candidates: Iterable<string>): ParseError {
  const suggestion = nearestWord(word, candidates);
  return parseError(`I don't understand ${quote(word)}.${didYouMean(suggestion)}`, word, suggestion);
}

/** A value that is not one of the allowed ones: "“endd” isn't a sort key; use created, started or ended." */
export function badValue(word: string, what: string, allowed: string, candidates: Iterable<string> = []): ParseError {
  const suggestion = nearestWord(word, candidates);
  return parseError(`${quote(word)} isn't ${what}; use ${allowed}.${didYouMean(suggestion)}`, word, suggestion);
}

/** A key with nothing usable after it: "“limit” needs a page size: a whole number from 1 to 25." */
export function missingValue(key: string, what: string, allowed: string): ParseError {
  return parseError(`${quote(key)} needs ${what}: ${allowed}.`, key);
}

/** Two words that set the same thing differently. The later one is reported as the word. */
export function conflict(first: string, second: string, what: string): ParseError {
  return parseError(`${quote(first)} and ${quote(second)} both set ${what}; keep one.`, second);
}

/** "a, b or c" */
export function orList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}`;
}

/** "“2h” is a time: write “since 2h” or “before 2h”." */
export function timeWithoutKey(word: string): ParseError {
  const suggestion = `since ${word}`;
  const message = `${quote(word)} is a time: write ${quote(suggestion)} or ${quote(`before ${word}`)}.`;
  return parseError(message, word, suggestion);
}
