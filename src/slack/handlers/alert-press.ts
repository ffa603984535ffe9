/**
 * What the alert buttons do (the use cases behind slack/listeners/actions/alert-buttons.ts):
 * *I'm on it* records who took the job's alert in this channel and shows it on the message;
 * *Mute this cause 4h* holds this channel's alerts of the job's cause for four hours (delivery
 * sums them up when the mute ends) and says so in the channel.
 *
 * Everything is in the store, not in memory: a press on a message from before a restart finds
 * what the message shows from the outbox row behind it. The message is rewritten under the job's
 * edit lock (the one delivery edits under, delivery/deliver-row.ts), from the version the store
 * says it shows, so a press and a delivery edit can never put back an older state.
 */
import { randomUUID } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import { MUTE_MS, mutableCause, jobFailureCause, OVERDUE_CAUSE, alertCause } from '../../alerts/alert-cause';
import type { Clock } from '../../clock';
import type { AlertPayload } from '../../domain/alert-payload';
import { EDIT_LOCK_MS } from '../../delivery/deliver-row';
import type { Logger } from '../../logging/logger';
import { buildAlreadyMuted, buildAlreadyTaken, buildMuted, buildNothingToMute } from '../../messages/alert-actions';
import { buildJobAlert, buildOverdueAlert } from '../../messages/alerts';
import type { Message } from '../../messages/blocks';
import { failureMessage } from '../../reports/failure-groups';
import type { AlertActionState, AlertActionStore, JobStore, OutboxStore } from '../../store/store';

/** How long a press waits for delivery to finish an edit of the same message (ms). */
const LOCK_WAIT_MS = 10_000;
const LOCK_POLL_MS = 200;

export interface Press {
  store: AlertActionStore & Pick<OutboxStore, 'jobMessage'> & Pick<JobStore, 'getJobs'>;
  client: WebClient;
  clock: Clock;
  logger: Logger;
  channelId: string;
  /** The pressed message (from the action payload's container). */
  messageTs: string;
  jobId: string;
  userId: string;
}

/** What to tell people: the presser only, or the whole channel. */
export interface PressOutcome {
  toPresser: Message | null;
  toChannel: Message | null;
}

/** The payload the message shows, as its alert: a digest's edit of a job's message is that job's change. */
function shownAlert(payload: AlertPayload, jobId: string): AlertPayload | null {
  if (payload.type !== 'digest') return payload;
  const change = payload.changes.find((c) => c.job.id === jobId);
  return change ? { type: 'job', change, mention: null } : null;
}

/**
 * What the message `ts` shows, as an alert payload: from the row behind it, or (that row pruned
 * after a week) from the job as the poller last saw it.
 */
async function alertShownAt(press: Press, ts: string): Promise<AlertPayload | null> {
  const row = await press.store.alertRowShownAt(press.channelId, press.jobId, ts);
  if (row) return shownAlert(row.payload, press.jobId);
  const [tracked] = await press.store.getJobs([press.jobId]);
  if (!tracked) return null;
  return { type: 'job', change: { job: tracked.snapshot, from: null, to: tracked.status }, mention: null };
}

function render(payload: AlertPayload, now: number, state: AlertActionState): Message | null {
  if (payload.type === 'job') return buildJobAlert(payload, now, state);
  if (payload.type === 'overdue') return buildOverdueAlert(payload, now, state);
  return null;
}

/** Holds the job's edit lock while `edit` runs; false when delivery kept it past the wait. */
async function underLock(press: Press, edit: () => Promise<void>): Promise<boolean> {
  const holder = `press:${randomUUID()}`;
  const { store, clock, channelId, jobId } = press;
  const giveUpAt = clock.now() + LOCK_WAIT_MS;
  while (!(await store.lockAlertMessage(channelId, jobId, holder, clock.now(), EDIT_LOCK_MS))) {
    if (clock.now() >= giveUpAt) return false;
    await clock.sleep(LOCK_POLL_MS);
  }
  try {
    await edit();
    return true;
  } finally {
    await store.unlockAlertMessage(channelId, jobId, holder);
  }
}

/**
 * Rewrites the pressed message, and the job's own message when the press came from another one
 * (an overdue line in its thread), from what each shows and what people did on the job here.
 */
export async function refreshAlert(press: Press): Promise<void> {
  const done = await underLock(press, async () => {
    const ref = await press.store.jobMessage(press.channelId, press.jobId);
    const targets = [...new Set([press.messageTs, ...(ref ? [ref.ts] : [])])];
    for (const ts of targets) {
      const shown = await alertShownAt(press, ts);
      if (!shown) continue;
      const state = await press.store.alertActionState(press.channelId, press.jobId, alertCause(shown));
      const message = render(shown, press.clock.now(), state);
      if (!message) continue;
      try {
        await press.client.chat.update({ channel: press.channelId, ts, ...message });
      } catch (error) {
        // A message someone deleted, or an archived channel: the claim or mute stands anyway.
        press.logger.warn({ err: error, channel: press.channelId, ts }, 'could not update the alert after a press');
      }
    }
  });
  // The store has the claim or mute: the message shows it at its next edit.
  if (!done) press.logger.warn({ channel: press.channelId, job: press.jobId }, 'alert message busy: it shows the press at its next edit');
}

/** *I'm on it*: the first press takes the job's alert here; any later press is told who has it. */
export async function takeAlert(press: Press): Promise<PressOutcome> {
  const result = await press.store.claimAlert({ channelId: press.channelId, jobId: press.jobId, userId: press.userId, at: press.clock.now() });
  if (!result.taken) return { toPresser: buildAlreadyTaken(result.claim, press.userId), toChannel: null };
  await refreshAlert(press);
  return { toPresser: null, toChannel: null };
}

/** The cause the pressed alert is about (its failure's, or overdue), or null when it has none now. */
async function causeOf(press: Press): Promise<{ cause: string; example: string } | null> {
  const shown = await alertShownAt(press, press.messageTs);
  const cause = shown ? mutableCause(shown) : null;
  if (cause) return cause;
  // A message whose row is gone: what the job is now decides.
  const [tracked] = await press.store.getJobs([press.jobId]);
  if (tracked?.status === 'failed') return { cause: jobFailureCause(tracked.snapshot), example: failureMessage(tracked.snapshot) };
  return null;
}

/** *Mute this cause 4h*: holds this channel's alerts of the cause; the channel hears who did it. */
export async function muteAlertCause(press: Press, polling: boolean): Promise<PressOutcome> {
  const found = polling ? await causeOf(press) : null;
  if (!found) return { toPresser: buildNothingToMute(), toChannel: null };
  const now = press.clock.now();
  const example = found.cause === OVERDUE_CAUSE ? OVERDUE_CAUSE : found.example;
  const mute = { channelId: press.channelId, cause: found.cause, example, createdBy: press.userId, startedAt: now, endsAt: now + MUTE_MS };
  const result = await press.store.muteCause(mute, { at: now, author: { by: press.userId, source: 'chat' } });
  if (!result.created) return { toPresser: buildAlreadyMuted(result.mute), toChannel: null };
  await refreshAlert(press);
  return { toPresser: null, toChannel: buildMuted(result.mute) };
}
