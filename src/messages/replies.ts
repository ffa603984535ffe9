/**
 * The short replies of `/hume-jobs`: nothing matched, something failed, help, not understood,
 * and the instant acknowledgement. Each is a complete message with fallback text.
 */
import type { ParseError } from '../commands/command';
import { EXAMPLES, USAGE } from '../commands/usage';
import { context, header, section, type Message, type MessageBlock } from './blocks';
import { fitMessage, LIMITS } from './limits';
import { clip, code } from './mrkdwn';

const DEFAULT_EMPTY_HINT = 'Try fewer status words, or remove `since` or `before` to look further back.';

/** Nothing matched: say so under the filter's name, and how to widen the search. */
export function buildEmptyList(title: string, hint?: string): Message {
  return fitMessage({
    text: `${clip(title, 200)}: no jobs matched`,
    blocks: [header(clip(title, LIMITS.header)), section(`:mag: No jobs matched.\n${clip(hint ?? DEFAULT_EMPTY_HINT, 1000)}`)],
  });
}

/** A failure in one plain sentence; `detail` (a request id, a status) goes in small print. */
export function buildErrorMessage(sentence: string, detail?: string): Message {
  const blocks: MessageBlock[] = [section(`:warning: ${clip(sentence, 2000)}`)];
  if (detail) blocks.push(context(clip(detail, 2000)));
  return fitMessage({ text: clip(sentence, 1000), blocks });
}

/** A short answer in our own words (trusted mrkdwn), with optional small print. */
export function buildNotice(text: string, detail?: string): Message {
  const blocks: MessageBlock[] = [section(text)];
  if (detail) blocks.push(context(detail));
  return fitMessage({ text: text.replace(/[*`]|:[a-z_]+: /g, ''), blocks });
}

/** The USAGE table as one section; shared by help and every "not understood" reply. */
function usageSection(): MessageBlock {
  return section(`*Usage*\n${USAGE.map((u) => `${code(u.syntax, 200)}  ${clip(u.meaning, 300)}`).join('\n')}`);
}

const GRAMMAR_NOTE =
  'Words can come in any order, and `key:value` works for every `key value`. Replies are only visible to you unless you add `public`.';

export function buildHelp(): Message {
  return fitMessage({
    text: 'How to use /hume-jobs',
    blocks: [
      header('How to use /hume-jobs'),
      usageSection(),
      section(`*Examples*\n${EXAMPLES.map((e) => code(e, 200)).join('\n')}`),
      context(GRAMMAR_NOTE),
    ],
  });
}

/** Quotes the word that was not understood, suggests the nearest valid one, then shows usage. */
export function buildNotUnderstood(error: ParseError): Message {
  const quoted = error.word !== null && error.word !== '' ? code(error.word, 200) : null;
  const lines = [
    `:thinking_face: ${quoted ? `I didn't understand ${quoted}.` : "I didn't understand that."}`,
    clip(error.message, 1000),
  ];
  // The parser's sentence already asks "Did you mean …?" when it has a suggestion; say it once.
  if (error.suggestion && !/did you mean/i.test(error.message)) lines.push(`Did you mean ${code(error.suggestion, 200)}?`);
  return fitMessage({
    text: `I didn't understand${quoted ? ` ${quoted}` : ' that'}: ${clip(error.message, 1000)}`,
    blocks: [section(lines.join('\n')), usageSection(), context('`/hume-jobs help` shows examples.')],
  });
}

/** The instant acknowledgement while Hume is asked. */
export function buildWorking(): Message {
  return fitMessage({ text: 'Looking up jobs…', blocks: [context(':hourglass_flowing_sand: Looking up jobs…')] });
}
