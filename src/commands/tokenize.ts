/**
 * Splits normalized command text into words. `key:value` becomes two words, the value marked
 * `explicit` so that `job:public` can name a job called "public" while `job public` cannot.
 */
import { normalizeText } from './normalize';

export interface Token {
  /** The word as typed (after normalization and trimming of trailing punctuation). */
  text: string;
  lower: string;
  /** True when the word came after `key:` in the same token. */
  explicit: boolean;
  /** True for the key of a `key:value` token, so phrases can be shown back as typed. */
  colon: boolean;
}

/**
 * A `<…>` Slack special sequence may hold spaces in its label (`<!subteam^S1|@on call>`), so it is
 * one word; a `<` also starts a new word so `mention:<!here>` splits at the colon.
 */
const WORD = /<[^<>]*>|<[^\s<]*|[^\s<]+/g;

/** Only letters before the colon: times (`09:30`) and dates keep their colons. */
const KEY_VALUE = /^([a-z][a-z_-]*):(.*)$/is;

const TRAILING = /[.;!?)\]}]+$/;
const LEADING = /^[([{]+/;
/** Words that are only punctuation or dashes (a stray `.` after a closing quote, ` — `). */
const ONLY_PUNCTUATION = /^[-.;!?()[\]{}\u2013\u2014]+$/;

/** Drops sentence punctuation around a word; a word of punctuation alone is dropped, or is `?`. */
function trimPunctuation(word: string): string | null {
  if (ONLY_PUNCTUATION.test(word)) return word.includes('?') ? '?' : null;
  return word.replace(TRAILING, '').replace(LEADING, '');
}

function token(text: string, explicit: boolean, colon: boolean): Token {
  return { text, lower: text.toLowerCase(), explicit, colon };
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const raw of normalizeText(text).match(WORD) ?? []) {
    const word = trimPunctuation(raw);
    if (word === null) continue;
    const pair = word.startsWith('<') ? null : KEY_VALUE.exec(word);
    if (pair === null) {
      tokens.push(token(word, false, false));
      continue;
    }
    const [, key = '', value = ''] = pair;
    // `since: 2h` (nothing after the colon) reads the next word as the value, like `since 2h`.
    tokens.push(token(key, false, value !== ''));
    if (value !== '') tokens.push(token(value, true, false));
  }
  return tokens;
}

/** Tokens `from`..`to` (exclusive) as the user wrote them, `key:value` kept together. */
export function phrase(tokens: readonly Token[], from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i++) {
    const t = tokens[i];
    if (t === undefined) break;
    const separator = i === from ? '' : tokens[i - 1]?.colon === true ? ':' : ' ';
    out += separator + t.text;
  }
  return out;
}
