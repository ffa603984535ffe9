/** An outbox row's kind comes from its payload; a payload read back is checked, with one line on what is wrong. */
import type { AlertPayload } from '../../../src/domain/alert-payload';
import { checkAlertPayload } from '../../../src/domain/alert-payload-schema';
import { outboxKind, type OutboxKind } from '../../../src/domain/outbox';
import { makeJob } from '../../support/jobs';

const job = makeJob({ status: 'running' });
const digest: AlertPayload = { type: 'digest', changes: [], catchUp: false, mention: null };
const snooze = { startedAt: 1, endedAt: 2, endedBy: null };
const overdueRule = { typicalMs: null, limitMs: 60_000 };

test.each<[string, AlertPayload, OutboxKind]>([
  ['a status change', { type: 'job', change: { job, from: 'queued', to: 'running' }, mention: null }, 'job'],
  ['an overdue job', { type: 'overdue', job, ageMs: 1, typicalMs: null, mention: null }, 'overdue'],
  ['a digest', digest, 'digest'],
  ['a catch-up summary', { ...digest, catchUp: true }, 'catchup'],
  ['a flood of overdue jobs', { ...digest, overdue: [{ job, ageMs: 1 }], overdueRule }, 'overdue'],
  ['a snooze summary (even holding overdue jobs)', { ...digest, snooze, overdue: [{ job, ageMs: 1 }] }, 'snooze-summary'],
])('%s is kind %s', (_what, payload, kind) => {
  expect(outboxKind(payload)).toBe(kind);
  // What is written reads back the same: the check keeps every field.
  expect(checkAlertPayload(JSON.parse(JSON.stringify(payload)))).toEqual({ ok: true, payload });
});

test.each<[string, unknown, RegExp]>([
  ['not an object', 'hello', /^unreadable payload: /],
  ['an unknown type', { type: 'telepathy' }, /^unreadable payload at type: /],
  ['a job without its id', { type: 'overdue', job: { ...job, id: undefined }, ageMs: 1, typicalMs: null, mention: null }, /^unreadable payload at job\.id: /],
  ['a change with a status word the app does not know', { type: 'job', change: { job, from: null, to: 'LIVE' }, mention: null }, /^unreadable payload at change\.to: /],
])('%s is unreadable, and says where', (_what, value, reason) => {
  const checked = checkAlertPayload(value);
  expect(checked.ok).toBe(false);
  if (!checked.ok) expect(checked.reason).toMatch(reason);
});

test('a field a newer version added is kept, not dropped', () => {
  const newer = { type: 'job', change: { job, from: null, to: 'running' }, mention: null, colour: 'teal' };
  expect(checkAlertPayload(newer)).toEqual({ ok: true, payload: newer });
});
