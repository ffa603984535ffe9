/**
 * Whatever is typed, parseCommand answers without throwing, and its answer is well-formed: a
 * filter inside its limits, or an error sentence short enough for a Slack reply.
 */
import fc from 'fast-check';
import type { ParseResult } from '../../../src/commands/command';
import { parseCommand } from '../../../src/commands/parse';
import { MAX_PAGE_SIZE } from '../../../src/jobs/filter';
import { STATUS_KINDS, type StatusKind } from '../../../src/jobs/job';
import { NOW } from './parse-helpers';

function statusesWellFormed(statuses: readonly StatusKind[]): boolean {
  const ordered = STATUS_KINDS.filter((k) => statuses.includes(k));
  return statuses.length === ordered.length && statuses.every((s, i) => s === ordered[i]);
}

/** Throws (so fast-check reports the input) when a result breaks the contract. */
function checkWellFormed(result: ParseResult): void {
  if (!result.ok) {
    const { message, word, suggestion } = result.error;
    expect(message.length).toBeGreaterThan(0);
    expect(message.length).toBeLessThanOrEqual(400);
    expect(word === null || word.length <= 120).toBe(true);
    expect(suggestion === null || typeof suggestion === 'string').toBe(true);
    return;
  }
  const command = result.command;
  switch (command.kind) {
    case 'list': {
      const f = command.filter;
      expect(f.limit >= 1 && f.limit <= MAX_PAGE_SIZE && Number.isInteger(f.limit)).toBe(true);
      expect(statusesWellFormed(f.statuses)).toBe(true);
      expect(f.since === null || Number.isFinite(f.since)).toBe(true);
      expect(f.since === null || f.before === null || f.since < f.before).toBe(true);
      expect(f.userId === null || /^[A-Za-z0-9_-]{1,64}$/.test(f.userId)).toBe(true);
      return;
    }
    case 'job':
      expect(command.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      return;
    case 'summary':
    case 'changes':
      expect(Number.isFinite(command.since)).toBe(true);
      return;
    case 'subscribe':
      expect(command.statuses.length).toBeGreaterThan(0);
      expect(statusesWellFormed(command.statuses)).toBe(true);
      expect(command.mention === null || /^(<!subteam\^S[A-Z0-9]+>|<@[UW][A-Z0-9]+>|<!here>|<!channel>|@[a-z0-9._-]+)$/.test(command.mention)).toBe(true);
      return;
    case 'unsubscribe':
      expect(statusesWellFormed(command.statuses)).toBe(true);
      if (command.target.by === 'number') expect(command.target.number >= 1 && Number.isInteger(command.target.number)).toBe(true);
      return;
    case 'snooze':
      // A snooze has an end between a minute and a week away (a time of day is always within a day).
      if (command.action === 'set' && command.end.type !== 'clock') {
        const length = command.end.type === 'for' ? command.end.ms : command.end.ms - NOW;
        expect(length >= 60_000 || (command.end.type === 'at' && length > 0)).toBe(true);
        expect(length).toBeLessThanOrEqual(7 * 86_400_000);
      }
      if (command.action === 'set' && command.end.type === 'clock') expect(command.end.minutes >= 0 && command.end.minutes < 1440).toBe(true);
      return;
    case 'overdue':
      expect(command.set === null || command.set === 'off' || command.set === 'auto' || command.set >= 60_000).toBe(true);
      return;
    case 'watch':
    case 'unwatch':
      expect(command.id === null || /^[A-Za-z0-9_-]{1,64}$/.test(command.id)).toBe(true);
      return;
    case 'notify':
      if (command.action === 'set') {
        expect(command.statuses.length).toBeGreaterThan(0);
        expect(statusesWellFormed(command.statuses)).toBe(true);
        // `mine` and `user` both say whose jobs: never both.
        expect(command.mine && command.match.userId !== null).toBe(false);
      }
      return;
    case 'link':
      if (command.action === 'set') expect(command.humeUserId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
      return;
    case 'help':
    case 'subscriptions':
    case 'board':
    case 'unmute':
      return;
  }
}

const WORDS = [
  'failed', 'FAILED', 'in_progress', 'live', 'ended', 'queued', 'limit', 'since', 'before', 'after', 'sort',
  'ended', 'oldest', 'newest', 'public', 'job', 'summary', 'subscribe', 'unsubscribe', 'subscriptions', 'all',
  'watch', 'unwatch', 'notify', 'me', 'mine', 'link', 'usr_7Hq2',
  'mention', '@team', '<!subteam^S1|@t>', 'mode', 'realtime', 'endpoint', 'audio', 'user', 'abc', '2h', '30m', 'model', 'face', '0', '2',
  'today', 'yesterday', '2026-11-01', '09:30', '2026-02-29T10:00+02:00', '1795000000000', '5', '26', '1a2b3c4d',
  'help', ':', ',', '“', '\u00a0', 'faild', 'board', 'snooze', 'overdue', 'until', 'off', 'auto', '9:00', '9am', 'pm',
  '9:00z', '45m', '2 hours',
];

/** Sentences made of real grammar words and separators, which reach far deeper than random text. */
const sentence = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(' ', ':', '  ', '\u00a0', ',')), { maxLength: 12 })
  .map((parts) => parts.map(([word, sep]) => word + sep).join(''));

describe('parseCommand never throws and always answers well-formed', () => {
  test.each<[string, fc.Arbitrary<string>]>([
    ['any UTF-16 string, lone surrogates included', fc.string({ unit: 'binary', maxLength: 200 })],
    ['any Unicode string', fc.string({ unit: 'grapheme', maxLength: 200 })],
    ['grammar words in any order', sentence],
  ])('%s', (_name, text) => {
    fc.assert(
      fc.property(text, fc.integer({ min: 0, max: 4_102_444_800_000 }), (input, now) => {
        checkWellFormed(parseCommand(input, { now }));
      }),
      { numRuns: 500 },
    );
  });

  test.each<[string, string]>([
    ['10,000 letters', 'a'.repeat(10_000)],
    ['10,000 spaces', ' '.repeat(10_000)],
    ['5,000 statuses', 'failed '.repeat(5_000).slice(0, 10_000)],
    ['10,000 digits', '9'.repeat(10_000)],
    ['since and 10,000 digits', `since ${'9'.repeat(10_000)}`],
    ['unclosed angle brackets', '<'.repeat(5_000) + ' a'.repeat(2_500)],
    ['emoji and combining marks', '🙂‍↔️ e\u0301\u0301\u0301 𝔣𝔞𝔦𝔩𝔢𝔡 \u202e deliaf'],
    ['a lone surrogate', 'failed \ud800 since 2h'],
  ])('%s', (_name, input) => {
    const started = Date.now();
    const result = parseCommand(input, { now: NOW });
    checkWellFormed(result);
    // A guard against super-linear parsing (backtracking on 10,000 characters takes minutes), set
    // far above what a linear parse takes even with the machine busy: milliseconds.
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a long unknown word is quoted shortened', () => {
    const result = parseCommand('x'.repeat(10_000), { now: NOW });
    expect(result).toMatchObject({ ok: false, error: { word: `${'x'.repeat(59)}…` } });
  });
});
