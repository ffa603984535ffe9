import { EXAMPLES, USAGE } from '../../../src/commands/usage';
import { escapeMrkdwn } from '../../../src/messages/mrkdwn';
import {
  buildEmptyList,
  buildErrorMessage,
  buildHelp,
  buildNotUnderstood,
  buildWorking,
} from '../../../src/messages/replies';
import { unsafeMarkup, validateMessage } from '../../support/block-kit-validator';
import { HOSTILE } from './jobs';
import { expectToContainAll, textOf as text } from './text';


describe('buildHelp', () => {
  const help = buildHelp();

  it.each(USAGE.map((u) => [u.syntax, u.meaning]))('contains the usage line %s', (syntax, meaning) => {
    expect(text(help)).toContain(`\`${escapeMrkdwn(syntax)}\`  ${escapeMrkdwn(meaning)}`);
  });

  it('contains every example, is valid and escapes `<id>`', () => {
    for (const example of EXAMPLES) expect(text(help)).toContain(`\`${example}\``);
    expect(validateMessage(help)).toEqual([]);
    expect(unsafeMarkup(help)).toEqual([]);
    expect(text(help)).toContain('/hume-jobs job &lt;id&gt;');
    expect(help.text).toBe('How to use /hume-jobs');
  });
});

describe('buildNotUnderstood', () => {
  it('quotes the word escaped, suggests the nearest one, then shows usage', () => {
    const reply = buildNotUnderstood({ message: 'Unknown word <!here>.', word: 'faild<@U1>', suggestion: 'failed' });
    const all = text(reply);
    expect(validateMessage(reply)).toEqual([]);
    expect(unsafeMarkup(reply)).toEqual([]);
    expectToContainAll(all, [
      "I didn't understand `faild&lt;@U1&gt;`.",
      'Unknown word &lt;!here&gt;.',
      'Did you mean `failed`?',
      ...USAGE.map((u) => escapeMrkdwn(u.syntax)),
    ]);
    expect(reply.text).toBe("I didn't understand `faild&lt;@U1&gt;`: Unknown word &lt;!here&gt;.");
  });

  it('does without a word or a suggestion', () => {
    const reply = buildNotUnderstood({ message: 'A limit must be between 1 and 25.', word: null, suggestion: null });
    const all = text(reply);
    expect(all).toContain("I didn't understand that.");
    expect(all).not.toContain('Did you mean');
    expect(validateMessage(reply)).toEqual([]);
  });

  it('cannot be broken out of its code span by a backtick', () => {
    const all = text(buildNotUnderstood({ message: 'x', word: 'a`*b*`', suggestion: null }));
    expect(all).toContain("`a'*b*'`");
  });

  it('holds the limits on a 5,000-character hostile word', () => {
    const reply = buildNotUnderstood({ message: HOSTILE, word: HOSTILE, suggestion: HOSTILE });
    expect(validateMessage(reply)).toEqual([]);
    expect(unsafeMarkup(reply)).toEqual([]);
  });
});

describe('buildEmptyList', () => {
  it('names the filter and suggests widening', () => {
    const reply = buildEmptyList('Failed jobs since 2h');
    expect(validateMessage(reply)).toEqual([]);
    expect(reply.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Failed jobs since 2h' } });
    expect(text(reply)).toContain('No jobs matched.');
    expect(text(reply)).toContain('remove `since`');
    expect(reply.text).toBe('Failed jobs since 2h: no jobs matched');
  });

  it('uses the hint it is given, escaped', () => {
    const reply = buildEmptyList('Jobs for <@U1>', 'Try a wider time range & fewer words.');
    expect(text(reply)).toContain('Try a wider time range &amp; fewer words.');
    expect(text(reply)).not.toContain('remove `since`');
    expect(unsafeMarkup(reply)).toEqual([]);
    expect(validateMessage(buildEmptyList(HOSTILE, HOSTILE))).toEqual([]);
  });
});

describe('buildErrorMessage', () => {
  it('is a warning and the plain sentence, escaped, with optional small print', () => {
    const reply = buildErrorMessage('Hume said <!channel> is down.', 'request id <abc>');
    expect(validateMessage(reply)).toEqual([]);
    expect(unsafeMarkup(reply)).toEqual([]);
    expect(reply.blocks).toHaveLength(2);
    expect(text(reply)).toContain(':warning: Hume said &lt;!channel&gt; is down.');
    expect(text(reply)).toContain('request id &lt;abc&gt;');
    expect(reply.text).toBe('Hume said &lt;!channel&gt; is down.');
    expect(buildErrorMessage('Plain.').blocks).toHaveLength(1);
  });

  it('never sends an empty text', () => {
    expect(validateMessage(buildErrorMessage(''))).toEqual([]);
    expect(validateMessage(buildErrorMessage(HOSTILE, HOSTILE))).toEqual([]);
  });
});

describe('buildWorking', () => {
  it('is a tiny valid message', () => {
    const reply = buildWorking();
    expect(validateMessage(reply)).toEqual([]);
    expect(reply.text).toBe('Looking up jobs…');
    expect(reply.blocks).toHaveLength(1);
  });
});
