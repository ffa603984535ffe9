/**
 * The short replies of `/hume-jobs`: nothing matched, something failed, help, not understood,
 * and the instant acknowledgement. Each is a complete message with fallback text.
 */
import { context, header, section, type Message, type MessageBlock } from './blocks';
import { fitMessage, LIMITS } from './limits';
import { clip, code } from './mrkdwn';
import { EXAMPLES, USAGE } from './usage';

/**
 * What the grammar could not read (a commands/ ParseError has this shape): its one line, and
 * whether the word is unknown to the grammar altogether.
 */
export interface NotUnderstood {
  message: string;
  unknown: boolean;
}

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

/**
 * A command that was not understood, in the parser's one line: what was wrong and what would
 * work. The usage follows only for a word the grammar does not know at all, where it is the
 * help; a typo or a value out of range is put right by the line alone.
 */
export function buildNotUnderstood(error: NotUnderstood): Message {
  // The line's code spans are our own; what the user typed inside them is escaped like the rest.
  const line = clip(error.message, 1000);
  const blocks: MessageBlock[] = [section(line)];
  if (error.unknown) blocks.push(usageSection(), context('`/hume-jobs help` shows examples.'));
  return fitMessage({ text: line, blocks });
}

/** The instant acknowledgement while Hume is asked. */
export function buildWorking(): Message {
  return fitMessage({ text: 'Looking up jobs…', blocks: [context(':hourglass_flowing_sand: Looking up jobs…')] });
}
