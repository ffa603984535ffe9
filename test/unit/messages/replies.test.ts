import fc from 'fast-check';
import type { ParseError } from '../../../src/commands/command';
import { parseCommand } from '../../../src/commands/parse';
import { EXAMPLES, USAGE } from '../../../src/messages/usage';
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
import { NOW, parseFails } from '../commands/parse-helpers';


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
  const error = (message: string, unknown = false): ParseError => ({ message, word: null, suggestion: null, unknown });
  /** The text of the reply's first block: the line a person reads. */
  const line = (reply: { blocks: unknown[] }): string => text(reply.blocks[0]);

  it('is the parser’s one line, escaped, with no header and no usage', () => {
    const reply = buildNotUnderstood(parseFails('limit 0'));
    expect(reply.blocks).toHaveLength(1);
    expect(line(reply)).toBe('`limit 0` is out of range: a page holds 1 to 25 jobs, e.g. `limit 10`.');
    expect(reply.text).toBe(line(reply));
    expect(text(reply)).not.toMatch(/understand|Usage/);
    expect(validateMessage(reply)).toEqual([]);
  });

  it.each(['faild', 'sort endd', 'since=2h', 'last 2h', 'summary failed', 'snooze 8d'])('%j: one line, no usage', (typed) => {
    const reply = buildNotUnderstood(parseFails(typed));
    expect(reply.blocks).toHaveLength(1);
    expect(line(reply)).not.toContain('\n');
    expect(reply.text).toBe(line(reply));
  });

  it('shows the usage under a word nobody knows', () => {
    const reply = buildNotUnderstood(parseFails('banana'));
    const all = text(reply);
    expect(all.startsWith("`banana` isn't a word I know.")).toBe(true);
    expectToContainAll(all, ['*Usage*', ...USAGE.map((u) => escapeMrkdwn(u.syntax)), '`/hume-jobs help` shows examples.']);
    expect(reply.text).toBe("`banana` isn't a word I know.");
    expect(validateMessage(reply)).toEqual([]);
  });

  it('escapes what was typed, inside and outside its code span', () => {
    const reply = buildNotUnderstood(parseFails('a&b'));
    expect(unsafeMarkup(reply)).toEqual([]);
    expect(line(reply)).toBe("`a&amp;b` isn't a word I know.");
    const broadcast = buildNotUnderstood(parseFails('failed <!channel>'));
    expect(unsafeMarkup(broadcast)).toEqual([]);
    // Quoted as the person typed it (`@channel`), never as a sequence that would ping.
    expect(line(broadcast)).toMatch(/^`@channel` doesn't go with a job list/);
    expect(unsafeMarkup(buildNotUnderstood(error('Unknown word <!here> & more.')))).toEqual([]);
  });

  it('holds the limits on a 5,000-character hostile line', () => {
    const hostile: ParseError = { message: HOSTILE, word: HOSTILE, suggestion: HOSTILE, unknown: true };
    const reply = buildNotUnderstood(hostile);
    expect(validateMessage(reply)).toEqual([]);
    expect(unsafeMarkup(reply)).toEqual([]);
  });

  it('whatever is typed, the reply is valid Block Kit with every typed character escaped', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 120 }), (typed) => {
        const result = parseCommand(typed, { now: NOW });
        if (result.ok) return;
        const reply = buildNotUnderstood(result.error);
        expect(validateMessage(reply)).toEqual([]);
        expect(unsafeMarkup(reply)).toEqual([]);
      }),
      { numRuns: 300 },
    );
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
