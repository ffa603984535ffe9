/** Which typed commands change a channel's alert settings (ADMINS limits those), and `changes` itself. */
import { changesAlertSettings } from '../../../src/commands/alert-settings';
import type { Command } from '../../../src/commands/command';
import { DAY, HOUR, NOW, parse, parseFails } from './parse-helpers';

describe('changesAlertSettings: what ADMINS limits', () => {
  test.each<[string, boolean]>([
    ['subscribe', true],
    ['subscribe failed mention @oncall', true],
    ['unsubscribe', true],
    ['unsubscribe running', true],
    ['board', true],
    ['board off', true],
    ['snooze 2h', true],
    ['snooze until 9:00', true],
    ['snooze off', true],
    ['overdue 45m', true],
    ['overdue auto', true],
    ['overdue off', true],
    // Looking is never limited.
    ['snooze', false],
    ['overdue', false],
    ['subscriptions', false],
    ['subscriptions all', false],
    ['changes', false],
    ['changes since 30d all', false],
    ['', false],
    ['failed since 2h', false],
    ['job 1a2b3c4d', false],
    ['summary', false],
    ['help', false],
  ])('%j → %s', (text, expected) => expect(changesAlertSettings(parse(text))).toBe(expected));
});

describe('changes', () => {
  test.each<[string, Command]>([
    ['changes', { kind: 'changes', since: NOW - 7 * DAY, all: false }],
    ['changes since 2h', { kind: 'changes', since: NOW - 2 * HOUR, all: false }],
    ['changes since:30d all', { kind: 'changes', since: NOW - 30 * DAY, all: true }],
    ['all changes', { kind: 'changes', since: NOW - 7 * DAY, all: true }],
  ])('%j', (text, expected) => expect(parse(text)).toEqual(expected));

  test('words of other commands are refused with where they go', () => {
    expect(parseFails('changes failed').message).toMatch(/`failed` doesn't go with `changes`/);
    expect(parseFails('changs').suggestion).toBe('changes');
  });
});
