/**
 * What the alert buttons put on an alert: the two buttons on failures and overdue alerts (never
 * on other states or digests), who took it and the cause's mute, escaped, inside Block Kit's limits.
 */
import type { AlertActionState, Mute } from '../../../src/domain/alert-actions';
import type { JobAlertPayload, OverduePayload } from '../../../src/domain/alert-payload';
import { ACTION_MUTE, ACTION_TAKE } from '../../../src/messages/action-ids';
import { buildAlreadyTaken, buildMuted, buildUnmuted, muteLines } from '../../../src/messages/alert-actions';
import { buildDigest, buildJobAlert, buildOverdueAlert } from '../../../src/messages/alerts';
import type { Message } from '../../../src/messages/blocks';
import { jobFailureCause, mutableCause, OVERDUE_CAUSE } from '../../../src/alerts/alert-cause';
import { validateMessage, unsafeMarkup } from '../../support/block-kit-validator';
import { makeJob } from '../../support/jobs';

const NOW = Date.UTC(2026, 10, 28, 14, 2, 0);
const failed = makeJob({ status: 'failed', rawStatus: 'FAILED', errorMessage: 'Failed to download media from URL 42' });
const failure: JobAlertPayload = { type: 'job', change: { job: failed, from: 'running', to: 'failed' }, mention: null };
const overdue: OverduePayload = { type: 'overdue', job: makeJob({ status: 'running', endedAt: null }), ageMs: 3 * 3600_000, typicalMs: 60_000, mention: null };
const mute: Mute = { channelId: 'C1', cause: jobFailureCause(failed), example: '<!channel> Failed to download media from URL 41', createdBy: 'U0ADA', startedAt: NOW, endsAt: NOW + 4 * 3600_000 };
const claimed: AlertActionState = { claim: { channelId: 'C1', jobId: failed.id, userId: 'U0BOB', at: NOW }, mute: null };

const actionIds = (m: Message): string[] =>
  m.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => e.action_id ?? '') : b.type === 'section' && b.accessory ? [b.accessory.action_id ?? ''] : []));
const text = (m: Message): string => JSON.stringify(m.blocks);

test.each([
  ['a failure', buildJobAlert(failure, NOW)],
  ['an overdue alert', buildOverdueAlert(overdue, NOW)],
])('%s carries Details, I’m on it and Mute this cause 4h, each with the job id', (_, message) => {
  expect(actionIds(message)).toEqual(['hume_jobs.details', ACTION_TAKE, ACTION_MUTE]);
  expect(text(message)).toContain("I'm on it");
  expect(text(message)).toContain('Mute this cause 4h');
  expect(validateMessage(message)).toEqual([]);
});

test('a job that is not failing has no alert buttons, and a digest has none', () => {
  const completed = { ...failed, status: 'completed' as const, errorMessage: null };
  expect(actionIds(buildJobAlert({ ...failure, change: { job: completed, from: 'failed', to: 'completed' } }, NOW))).toEqual(['hume_jobs.details']);
  expect(actionIds(buildDigest({ type: 'digest', changes: [failure.change], catchUp: false, mention: null }, NOW))).toEqual([]);
});

test('who took it shows on the failure, and stays once the job moved on; a live mute shows, an ended one does not', () => {
  expect(text(buildJobAlert(failure, NOW, claimed))).toContain(':raising_hand: <@U0BOB> is on it · <!date^');
  const completed = { ...failed, status: 'completed' as const, errorMessage: null };
  const later = buildJobAlert({ ...failure, change: { job: completed, from: 'failed', to: 'completed' } }, NOW, { ...claimed, mute });
  expect(text(later)).toContain('<@U0BOB> is on it');
  expect(text(later)).not.toContain('muted');
  expect(text(buildJobAlert(failure, NOW, { claim: null, mute }))).toContain('<@U0ADA> muted this cause here until <!date^');
  expect(text(buildJobAlert(failure, mute.endsAt, { claim: null, mute }))).not.toContain('muted');
  expect(text(buildOverdueAlert(overdue, NOW, { claim: null, mute: { ...mute, cause: OVERDUE_CAUSE } }))).toContain('muted overdue alerts here');
});

test('replies name the cause escaped, never pinging through it', () => {
  for (const message of [buildMuted(mute), buildUnmuted('U0ADA', [{ mute, held: 2 }]), { text: '', blocks: [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: muteLines([mute]) } }] }]) {
    // Only the people named on purpose are markup.
    expect(unsafeMarkup(message).filter((m) => m !== '<@U0ADA>')).toEqual([]);
    expect(text(message)).toContain('&lt;!channel&gt; Failed to download media from URL 41');
  }
  expect(text(buildAlreadyTaken(claimed.claim!, 'U0ADA'))).toContain('Already taken by <@U0BOB>');
  expect(text(buildAlreadyTaken(claimed.claim!, 'U0BOB'))).toContain('You are already on it');
});

test('the cause a mute holds: a failure by its normalized message, every overdue alert as one, nothing else', () => {
  const other = makeJob({ status: 'failed', errorMessage: 'Failed to download media from URL 7' });
  expect(mutableCause(failure)?.cause).toBe(jobFailureCause(other));
  expect(mutableCause(overdue)).toEqual({ cause: OVERDUE_CAUSE, example: OVERDUE_CAUSE });
  expect(mutableCause({ ...failure, change: { ...failure.change, to: 'completed' } })).toBeNull();
  // A failure whose message is "overdue" is not the overdue cause.
  expect(jobFailureCause(makeJob({ status: 'failed', errorMessage: 'overdue' }))).not.toBe(OVERDUE_CAUSE);
});
