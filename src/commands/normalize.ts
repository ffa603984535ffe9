/**
 * Cleans command text before it is split into words. Slack and phones add characters people
 * never meant as part of a word: non-breaking spaces, smart quotes, zero-width joiners, and
 * HTML entities for `&`, `<`, `>` (Slack encodes only those three in command text).
 */

/** Characters that are invisible and carry no meaning in a command; removed outright. */
const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/**
 * Quotes (straight, curly, guillemets, backticks) never belong to a valid word, so they act as
 * separators: `“failed”`, `'job abc'` and `job:"abc"` all read as the plain words.
 */
const QUOTES = /["'`\u2018-\u201f\u00ab\u00bb\u2039\u203a]/g;

/** Every kind of space and control character, plus commas (`failed, running`), separates words. */
const SEPARATORS = /[\s\p{Z}\p{Cc},]+/gu;

function decodeEntities(text: string): string {
  // `&amp;` last, so `&amp;lt;` stays the literal text `&lt;` the user typed.
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Returns the text with single ASCII spaces between words and none at either end. */
export function normalizeText(text: string): string {
  // NFKC folds full-width letters (`ｆａｉｌｅｄ`) and compatibility forms onto ASCII.
  const folded = decodeEntities(text).normalize('NFKC');
  return folded.replace(INVISIBLE, '').replace(QUOTES, ' ').replace(SEPARATORS, ' ').trim();
}
