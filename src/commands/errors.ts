/**
 * ParseError builders. Every message is one line, `what was wrong: what would work`, written so
 * that escaping it (the message layer does) leaves valid mrkdwn: what the user typed and the
 * words that would work are code spans. A typed word can hold no backtick (normalizeText turns
 * quotes and backticks into spaces), so a quoted word cannot end its span early; long words are
 * shortened so a 10,000-character paste still gives a reply that fits a Slack section.
 */
import type { ParseError } from './command';
import { orList } from '../text/or-list';
import { nearestWord } from './suggest';

/** Longest word quoted back, in code points. */
const MAX_QUOTED = 60;

/** A reader's answer: a value and the index of the first word it did not consume, or an error. */
export type Step<T> = { ok: true; value: T; next: number } | { ok: false; error: ParseError };

export function shorten(word: string): string {
  const points = Array.from(word);
  return points.length <= MAX_QUOTED ? word : `${points.slice(0, MAX_QUOTED - 1).join('')}…`;
}

/**
 * Slack's own sequences as the person typed them: `<!subteam^S1|@oncall>` was `@oncall`,
 * `<@U1|ada>` `@ada`, `<#C1|general>` `#general`, `<!here>` `@here`. Replies quote what the
 * person wrote, not the wire form Slack sent (`should_escape: true`).
 */
function asTyped(word: string): string {
  return word.replace(/<([@#!])([^<>|]*)(?:\|([^<>]*))?>/g, (whole, sigil: string, id: string, label: string | undefined) => {
    if (label !== undefined && label !== '') return sigil === '#' ? `#${label}` : label.startsWith('@') ? label : `@${label}`;
    return sigil === '!' && /^(here|channel|everyone)$/.test(id) ? `@${id}` : whole;
  });
}

/** A word as a code span; a backtick (never in a typed word, but this is total) becomes `'`. */
export function quote(word: string): string {
  return `\`${shorten(asTyped(word)).replace(/`/g, "'")}\``;
}

export function parseError(message: string, word: string | null, suggestion: string | null = null): ParseError {
  return { message, word: word === null ? null : shorten(word), suggestion, unknown: false };
}

export function failure<T>(error: ParseError): Step<T> {
  return { ok: false, error };
}

/** "`a`, `b` or `c`": words that would work, as code. */
export function codeList(words: Iterable<string>): string {
  return orList([...words].map(quote));
}

/** What a value should be: `a page size`; the forms that work, as mrkdwn; one that works in full. */
export interface Expected {
  what: string;
  allowed: string;
  example: string;
}

/** "`faild` isn't a word I know: did you mean `failed`?" or, with nothing close, just the first half. */
export function notUnderstood(word: string, candidates: Iterable<string>): ParseError {
  const suggestion = nearestWord(word, candidates);
  const message = suggestion === null ? `${quote(word)} isn't a word I know.` : `${quote(word)} isn't a word I know: did you mean ${quote(suggestion)}?`;
  // Only a word with no near miss gets the usage under it: there the whole grammar is the help.
  return { ...parseError(message, word, suggestion), unknown: suggestion === null };
}

/** "`endd` isn't a sort key: did you mean `ended`?" / "`size` isn't a sort key: use `created`, …" */
export function badValue(word: string, expected: Expected, candidates: Iterable<string> = []): ParseError {
  const suggestion = nearestWord(word, candidates);
  const fix = suggestion === null ? `use ${expected.allowed}, e.g. ${quote(expected.example)}.` : `did you mean ${quote(suggestion)}?`;
  return parseError(`${quote(word)} isn't ${expected.what}: ${fix}`, word, suggestion);
}

/** "`limit` needs a page size: a page holds 1 to 25 jobs, e.g. `limit 10`." */
export function missingValue(key: string, expected: Expected): ParseError {
  return parseError(`${quote(key)} needs ${expected.what}: ${expected.allowed}, e.g. ${quote(expected.example)}.`, key);
}

/** Two words that set the same thing differently. The later one is reported as the word. */
export function conflict(first: string, second: string, what: string): ParseError {
  return parseError(`${quote(first)} and ${quote(second)} both set ${what}: keep one.`, second);
}

/** "`2h` is a time without its key: write `since 2h` (or `before 2h`)." */
export function timeWithoutKey(word: string): ParseError {
  const suggestion = `since ${word}`;
  return parseError(`${quote(word)} is a time without its key: write ${quote(suggestion)} (or ${quote(`before ${word}`)}).`, word, suggestion);
}

/** `unmute 2`: a mute lasts hours and a channel rarely has two, so `unmute` names none. */
export function takesNoNumber(verb: string, word: string): ParseError {
  return parseError(`${quote(verb)} takes no number: it ends every mute here.`, word);
}
