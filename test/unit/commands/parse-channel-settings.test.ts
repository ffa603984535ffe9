/** board, snooze and overdue: what each form means, and what each mistake is told. */
import type { Command } from '../../../src/commands/command';
import { resolveSnoozeEnd } from '../../../src/commands/snooze-end';
import { DAY, HOUR, MINUTE, NOW, parse, parseFails } from './parse-helpers';

describe('board', () => {
  test.each<[string, Command]>([
    ['board', { kind: 'board', off: false }],
    ['BOARD', { kind: 'board', off: false }],
    ['board off', { kind: 'board', off: true }],
    ['off board', { kind: 'board', off: true }],
  ])('%j', (text, expected) => expect(parse(text)).toEqual(expected));
});

describe('unmute', () => {
  test.each<[string, Command]>([
    ['unmute', { kind: 'unmute' }],
    ['UNMUTE', { kind: 'unmute' }],
  ])('%j', (text, expected) => expect(parse(text)).toEqual(expected));

  test('takes no other words: `unmute failed` is refused in words', () => {
    expect(parseFails('unmute failed').message).toMatch(/unmute/);
  });

  test('takes no number: there is one mute a cause, and `unmute` ends them all', () => {
    expect(parseFails('unmute 2').message).toBe('`unmute` takes no number: it ends every mute here.');
    expect(parseFails('unmute 30').message).toBe('`unmute` takes no number: it ends every mute here.');
    expect(parseFails('unmute 123456').message).toBe('`unmute` takes no number: it ends every mute here.');
    expect(parseFails('UNMUTE 1.5').message).toBe('`UNMUTE` takes no number: it ends every mute here.');
  });
});

describe('snooze', () => {
  test.each<[string, Command]>([
    ['snooze', { kind: 'snooze', action: 'show' }],
    ['snooze off', { kind: 'snooze', action: 'off' }],
    ['snooze 2h', { kind: 'snooze', action: 'set', end: { type: 'for', ms: 2 * HOUR } }],
    ['2h snooze', { kind: 'snooze', action: 'set', end: { type: 'for', ms: 2 * HOUR } }],
    ['snooze 90m', { kind: 'snooze', action: 'set', end: { type: 'for', ms: 90 * MINUTE } }],
    ['snooze 1h30m', { kind: 'snooze', action: 'set', end: { type: 'for', ms: 90 * MINUTE } }],
    ['snooze 2 hours', { kind: 'snooze', action: 'set', end: { type: 'for', ms: 2 * HOUR } }],
    ['snooze 1w', { kind: 'snooze', action: 'set', end: { type: 'for', ms: 7 * DAY } }],
    ['snooze for 2 hours', { kind: 'snooze', action: 'set', end: { type: 'for', ms: 2 * HOUR } }],
    ['snooze for:30m', { kind: 'snooze', action: 'set', end: { type: 'for', ms: 30 * MINUTE } }],
    ['snooze until 9:00', { kind: 'snooze', action: 'set', end: { type: 'clock', minutes: 540, offsetMinutes: null } }],
    ['snooze until 09:30', { kind: 'snooze', action: 'set', end: { type: 'clock', minutes: 570, offsetMinutes: null } }],
    ['snooze until 17:45', { kind: 'snooze', action: 'set', end: { type: 'clock', minutes: 1065, offsetMinutes: null } }],
    ['snooze until 9am', { kind: 'snooze', action: 'set', end: { type: 'clock', minutes: 540, offsetMinutes: null } }],
    ['snooze until 9 pm', { kind: 'snooze', action: 'set', end: { type: 'clock', minutes: 1260, offsetMinutes: null } }],
    ['snooze until 12am', { kind: 'snooze', action: 'set', end: { type: 'clock', minutes: 0, offsetMinutes: null } }],
    ['snooze until 12:30pm', { kind: 'snooze', action: 'set', end: { type: 'clock', minutes: 750, offsetMinutes: null } }],
    ['snooze until 9:00z', { kind: 'snooze', action: 'set', end: { type: 'clock', minutes: 540, offsetMinutes: 0 } }],
    ['snooze until 9:00 UTC', { kind: 'snooze', action: 'set', end: { type: 'clock', minutes: 540, offsetMinutes: 0 } }],
    ['snooze until 09:00+05:30', { kind: 'snooze', action: 'set', end: { type: 'clock', minutes: 540, offsetMinutes: 330 } }],
    ['snooze until:9:00', { kind: 'snooze', action: 'set', end: { type: 'clock', minutes: 540, offsetMinutes: null } }],
    ['snooze until 2026-11-29T09:00Z', { kind: 'snooze', action: 'set', end: { type: 'at', ms: Date.UTC(2026, 10, 29, 9) } }],
    ['snooze until 2026-11-29 09:00', { kind: 'snooze', action: 'set', end: { type: 'at', ms: Date.UTC(2026, 10, 29, 9) } }],
    ['snooze until 2026-11-30', { kind: 'snooze', action: 'set', end: { type: 'at', ms: Date.UTC(2026, 10, 30) } }],
  ])('%j', (text, expected) => expect(parse(text)).toEqual(expected));

  // What is refused, and the exact line, is in parse-errors.test.ts.
  test('"until 2h" suggests the command that says it', () => {
    expect(parseFails('snooze until 2h').suggestion).toBe('snooze 2h');
  });
});

describe('overdue', () => {
  test.each<[string, Command]>([
    ['overdue', { kind: 'overdue', set: null }],
    ['overdue 45m', { kind: 'overdue', set: 45 * MINUTE }],
    ['overdue 2 hours', { kind: 'overdue', set: 2 * HOUR }],
    ['overdue off', { kind: 'overdue', set: 'off' }],
    ['overdue auto', { kind: 'overdue', set: 'auto' }],
  ])('%j', (text, expected) => expect(parse(text)).toEqual(expected));
});

describe('a length of time elsewhere is still a time missing its key', () => {
  test.each<[string, string]>([
    ['failed 2h', 'since 2h'],
    ['summary 3d', 'since 3d'],
    ['2 hours failed', 'since 2 hours'],
  ])('%j suggests %j', (text, suggestion) => {
    expect(parseFails(text).suggestion).toBe(suggestion);
  });
});

describe('resolveSnoozeEnd', () => {
  // NOW is 2026-11-28 12:00 UTC.
  test('a length of time counts from now; a moment is itself', () => {
    expect(resolveSnoozeEnd({ type: 'for', ms: 2 * HOUR }, NOW, 0)).toBe(NOW + 2 * HOUR);
    expect(resolveSnoozeEnd({ type: 'at', ms: NOW + DAY }, NOW, 0)).toBe(NOW + DAY);
  });

  test('a time of day is the next one on the caller’s clock', () => {
    const nine = { type: 'clock', minutes: 540, offsetMinutes: null } as const;
    expect(resolveSnoozeEnd(nine, NOW, 0)).toBe(Date.UTC(2026, 10, 29, 9));
    // New York (UTC−5): it is 07:00 there, so 9:00 is today, at 14:00 UTC.
    expect(resolveSnoozeEnd(nine, NOW, -300)).toBe(Date.UTC(2026, 10, 28, 14));
    // Tokyo (UTC+9): it is 21:00 there, so 9:00 is tomorrow morning there, at 00:00 UTC.
    expect(resolveSnoozeEnd(nine, NOW, 540)).toBe(Date.UTC(2026, 10, 29, 0));
    // Kolkata (UTC+5:30): 17:30 there; 9:00 tomorrow is 03:30 UTC.
    expect(resolveSnoozeEnd(nine, NOW, 330)).toBe(Date.UTC(2026, 10, 29, 3, 30));
  });

  test('a zone typed with the time wins over the caller’s; the exact current minute means tomorrow', () => {
    expect(resolveSnoozeEnd({ type: 'clock', minutes: 720, offsetMinutes: 0 }, NOW, -300)).toBe(NOW + DAY);
    expect(resolveSnoozeEnd({ type: 'clock', minutes: 13 * 60, offsetMinutes: 0 }, NOW, 540)).toBe(NOW + HOUR);
  });
});
