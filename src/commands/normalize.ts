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

/**
 * A `<…>` sequence in the text as received can only be Slack's own: a mention or channel Slack
 * resolved (`should_escape: true`), because what a person types as `<` and `>` arrives as `&lt;`
 * and `&gt;`. Only these are read as mentions, so typing `<!subteam^S123>` cannot smuggle in a
 * group that `subscribe` never checked.
 */
const SLACK_SEQUENCE = /<[^<>]*>/g;

/**
 * Text a person typed: entities decoded and NFKC applied (it folds full-width letters such as
 * `ｆａｉｌｅｄ` onto ASCII), then any `<` or `>` (typed, or folded from a look-alike) shown as its
 * full-width form, which no later step turns back into a Slack sequence.
 */
function typedText(part: string): string {
  return decodeEntities(part).normalize('NFKC').replace(/</g, '\uff1c').replace(/>/g, '\uff1e');
}

/** Returns the text with single ASCII spaces between words and none at either end. */
export function normalizeText(text: string): string {
  let folded = '';
  let last = 0;
  for (const match of text.matchAll(SLACK_SEQUENCE)) {
    folded += typedText(text.slice(last, match.index)) + match[0].normalize('NFKC');
    last = match.index + match[0].length;
  }
  folded += typedText(text.slice(last));
  return folded.replace(INVISIBLE, '').replace(QUOTES, ' ').replace(SEPARATORS, ' ').trim();
}
