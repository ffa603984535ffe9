/** The change log and the ADMINS refusal in words: every kind described, nothing pings, hostile text escaped. */
import type { SettingChange, SettingChangeWhat } from '../../../src/domain/setting-change';
import { ANY_JOB, type JobMatch } from '../../../src/jobs/job-match';
import { buildNotAllowed, typedCommand } from '../../../src/messages/access';
import { buildChangeList, changeSentence, changeWords } from '../../../src/messages/setting-changes';
import { unsafeMarkup, validateMessage } from '../../support/block-kit-validator';
import { HOSTILE, NOW } from './jobs';
import { textOf } from './text';

const face: JobMatch = { ...ANY_JOB, model: 'face' };
const audio: JobMatch = { ...ANY_JOB, endpoint: 'audio', mode: 'file' };

const change = (what: SettingChangeWhat, fields: Partial<SettingChange> = {}): SettingChange => ({
  id: 1,
  channelId: 'C0TEAM',
  at: NOW,
  by: 'U0ADA',
  source: 'chat',
  what,
  ...fields,
});

test.each<[SettingChangeWhat, string]>([
  [{ kind: 'subscribe', added: ['completed', 'failed'], mention: null, kinds: ['completed', 'failed'] }, 'subscribed to completed, failed'],
  [{ kind: 'subscribe', added: ['failed'], mention: '<!subteam^S0ONCALL>', kinds: ['failed'] }, 'subscribed to failed, mention the user group `S0ONCALL`'],
  [{ kind: 'subscribe', added: ['running'], mention: null, kinds: ['running', 'failed'] }, 'added running'],
  [{ kind: 'subscribe', added: [], mention: '<!here>', kinds: ['failed'] }, 'set failures to mention @here'],
  [{ kind: 'unsubscribe', removed: ['running'], kinds: ['failed'] }, 'stopped running (still gets failed)'],
  [{ kind: 'unsubscribe', removed: ['failed'], kinds: [] }, 'turned alerts off'],
  // A filtered subscription's filters come in brackets after what changed.
  [{ kind: 'subscribe', added: ['failed'], mention: null, kinds: ['failed'], match: face }, 'subscribed to failed (jobs with `model face`)'],
  [
    { kind: 'subscribe', added: ['failed'], mention: '<!here>', kinds: ['failed'], match: audio },
    'subscribed to failed (jobs with `mode file` and `endpoint audio`), mention @here',
  ],
  [{ kind: 'subscribe', added: ['running'], mention: null, kinds: ['running', 'failed'], match: face }, 'added running (jobs with `model face`)'],
  [{ kind: 'subscribe', added: [], mention: '<!here>', kinds: ['failed'], match: face }, 'set failures to mention @here (jobs with `model face`)'],
  [{ kind: 'unsubscribe', removed: ['running'], kinds: ['failed'], match: face }, 'stopped running (jobs with `model face`; still gets failed)'],
  [{ kind: 'unsubscribe', removed: ['failed'], kinds: [], match: face }, 'turned alerts off (jobs with `model face`)'],
  [{ kind: 'unsubscribe', removed: ['failed'], kinds: [], match: ANY_JOB }, 'turned alerts off'],
  [{ kind: 'snooze-off' }, 'ended the snooze'],
  [{ kind: 'board', on: true }, 'posted the board'],
  [{ kind: 'board', on: false }, 'stopped the board'],
  [{ kind: 'overdue', overdueMs: 45 * 60_000 }, 'set overdue to 45 min'],
  [{ kind: 'overdue', overdueMs: 0 }, 'turned overdue alerts off'],
  [{ kind: 'overdue', overdueMs: null }, 'set overdue to auto (learnt from recent jobs)'],
  [{ kind: 'unknown', name: 'digest' }, 'changed `digest`'],
])('%j → %s', (what, words) => expect(changeWords(what)).toBe(words));

test('a snooze ends at a date token; who is a mention, a setting name, or the app', () => {
  expect(changeWords({ kind: 'snooze', until: NOW })).toMatch(/^snoozed until <!date\^\d+\^/);
  expect(changeSentence(change({ kind: 'board', on: true }))).toBe('<@U0ADA> posted the board');
  expect(changeSentence(change({ kind: 'board', on: true }, { by: 'ALERT_CHANNEL', source: 'file' }))).toBe('`ALERT_CHANNEL` posted the board (from configuration)');
  expect(changeSentence(change({ kind: 'board', on: true }, { by: null }))).toBe('the app posted the board');
});

test('the list is newest first as given, counts what did not fit, and escapes what it did not write', () => {
  const changes = Array.from({ length: 60 }, (_, i) => change({ kind: 'unknown', name: HOSTILE }, { id: i, by: HOSTILE, channelId: HOSTILE }));
  const message = buildChangeList({ changes, more: 40, since: NOW - 7 * 86_400_000, all: true });
  expect(validateMessage(message)).toEqual([]);
  expect(unsafeMarkup(message)).toEqual([]);
  expect(textOf(message)).toMatch(/and \d+ more/);
  expect(textOf(message)).toContain('100 changes since');
  expect(textOf(buildChangeList({ changes: [], more: 0, since: NOW, all: false }))).toContain('No alert settings changed in this channel since');
});

test('the refusal names who can (at most ten, then a count) and the command to ask for; a failed check says which call', () => {
  const admins = { users: Array.from({ length: 12 }, (_, i) => `U0A${i}`), groups: ['S0OPS'] };
  const refused = textOf(buildNotAllowed({ allowed: false, why: 'not an admin' }, admins, typedCommand('subscribe failed mention <!subteam^S0OPS|@ops>')));
  expect(refused).toContain('<@U0A0>, <@U0A1>');
  expect(refused).toContain('<@U0A9>, 3 more, workspace admins and owners');
  expect(refused).toContain('`/hume-jobs subscribe failed mention @ops`');
  const unknown = buildNotAllowed({ allowed: false, why: 'could not check', failures: ['users.info: missing_scope users:read'] }, admins, '/hume-jobs board');
  expect(textOf(unknown)).toContain('The app lacks the `users:read` scope');
  expect(validateMessage(unknown)).toEqual([]);
  expect(typedCommand('snooze &lt;2h&gt;')).toBe('/hume-jobs snooze <2h>');
  expect(typedCommand('subscribe failed mention <!channel>')).toBe('/hume-jobs subscribe failed mention @channel');
});
