/**
 * The Slack writes of one outbox row: a job's first alert posts its message, later ones edit it
 * and add a thread line, digests post one message and edit the jobs' own messages.
 *
 * Versions: every message ref records the outbox row id whose state the message shows (rows are
 * queued in the order things happen). An edit from a row older than that version is skipped, so
 * a message never goes back to an older state; a later change that repeats an earlier status is
 * a newer row, and is applied.
 *
 * Alert buttons: a job's message renders from its row's payload and what people did on it (who
 * took it, its cause's mute: `alertActionState`), read when it is built, so every edit keeps them.
 * Edits of a job's message are made under its edit lock (`lockAlertMessage`), which a button press
 * takes too, from reading what to show until the new version is recorded: neither can put back a
 * state the other just replaced. A busy lock (a press is editing) retries the row in a moment.
 *
 * Crash safety: before each post the row records an intent, and after it the message ts
 * (`recordPosted`); a row that comes back with an intent but no ts looks for its own message
 * first (find-posted.ts). Edits are idempotent: repeating one after a crash shows the same
 * message. The row is completed with its refs in one transaction, so a crash anywhere before
 * that repeats only idempotent steps.
 */
import type { WebClient } from '@slack/web-api';
import type { AlertPayload, DirectPayload, JobAlertPayload, JobChange, OverduePayload } from '../domain/alert-payload';
import type { AlertActionState } from '../domain/alert-actions';
import { alertCause } from '../alerts/alert-cause';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { buildDigest, buildJobAlert, buildOverdueAlert, buildThreadLine } from '../messages/alerts';
import type { Message } from '../messages/blocks';
import { buildDirectMessage } from '../messages/direct-message';
import type { AlertActionStore, MessageRef, OutboxRow, OutboxStore } from '../store/store';
import { PausedError, type SlackWrite } from './channel-pacer';
import { findPostedMessage, ALERT_EVENT_TYPE } from './find-posted';
import { classifySlackFailure } from '../slack/slack-failure';

/** A Slack call that failed, with the method it was (a 429 pauses that method). */
export class FailedWrite extends Error {
  constructor(
    readonly method: SlackWrite,
    readonly failure: unknown,
  ) {
    super(`${method} failed`);
    this.name = 'FailedWrite';
  }
}

/** Runs one Slack call at Slack's pace; failures come back as `FailedWrite`. */
export type Write = <T>(method: SlackWrite, channelId: string, call: () => Promise<T>) => Promise<T>;

/** How long a job message's edit lock lasts if its holder dies before letting go. */
export const EDIT_LOCK_MS = 30_000;
/** A row whose message a button press is editing waits this long before it tries again. */
const LOCKED_RETRY_MS = 500;

export interface RowDelivererOptions {
  store: OutboxStore & Pick<AlertActionStore, 'alertActionState' | 'lockAlertMessage' | 'unlockAlertMessage' | 'recordMessageShown'>;
  /** Holds the edit locks this deliverer takes (who holds claims). */
  owner?: string;
  client: WebClient;
  clock: Clock;
  logger: Logger;
  write: Write;
}

/** The failure a write ended with, classified; null for anything that is not a Slack answer. */
function slackFailureOf(error: unknown) {
  return error instanceof FailedWrite ? classifySlackFailure(error.failure) : null;
}

export function createRowDeliverer(options: RowDelivererOptions): (row: OutboxRow) => Promise<void> {
  const { store, client, clock, logger, write } = options;
  const holder = `delivery:${options.owner ?? 'local'}`;

  /** Who took the job's alert here, and the mute of the cause this payload is about. */
  const stateFor = (row: OutboxRow, jobId: string, payload: AlertPayload): Promise<AlertActionState> =>
    store.alertActionState(row.channelId, jobId, alertCause(payload));

  /** Runs `edit` holding the job message's edit lock; a press holding it makes the row wait a moment. */
  async function underLock<T>(row: OutboxRow, jobId: string, edit: () => Promise<T>): Promise<T> {
    if (!(await store.lockAlertMessage(row.channelId, jobId, holder, clock.now(), EDIT_LOCK_MS))) {
      throw new PausedError(clock.now() + LOCKED_RETRY_MS, 'message_being_edited');
    }
    try {
      return await edit();
    } finally {
      await store.unlockAlertMessage(row.channelId, jobId, holder).catch((error: unknown) => logger.warn({ err: error, job: jobId }, 'could not let go of an edit lock; it runs out by itself'));
    }
  }

  /** A job's message as a digest edits it: the change, with what people did on the job here. */
  async function digestEdit(row: OutboxRow, change: JobChange, now: number): Promise<Message> {
    const payload: JobAlertPayload = { type: 'job', change, mention: null };
    return buildJobAlert(payload, now, await stateFor(row, change.job.id, payload));
  }

  /** Posts in the row's channel, or in `channel` (a DM's conversation, for a row addressed to a person). */
  async function post(row: OutboxRow, step: string, args: Record<string, unknown>, channel = row.channelId): Promise<string> {
    const done = row.steps[step];
    if (done) return done;
    const intent = row.steps[`${step}:intent`];
    if (intent) {
      const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : null;
      const found = await findPostedMessage(client, { ...row, channelId: channel }, step, Number(intent), threadTs, logger);
      if (found) {
        await store.recordPosted(row.id, step, found);
        return found;
      }
    }
    await store.recordPosted(row.id, `${step}:intent`, String(clock.now()));
    const result = await write('chat.postMessage', row.channelId, () =>
      client.chat.postMessage({
        channel,
        unfurl_links: false,
        unfurl_media: false,
        metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { outbox_id: row.id, step } },
        ...args,
      } as unknown as Parameters<WebClient['chat']['postMessage']>[0]),
    );
    const ts = result.ts ?? '';
    await store.recordPosted(row.id, step, ts);
    return ts;
  }

  const update = (row: OutboxRow, ts: string, message: Message) =>
    write('chat.update', row.channelId, () => client.chat.update({ channel: row.channelId, ts, ...message }));

  const refFor = (row: OutboxRow, jobId: string, ts: string): MessageRef => ({ channelId: row.channelId, jobId, ts, version: row.id });

  /** The job's message and whether this row is newer than what it shows (null: no message yet). */
  async function messageOf(row: OutboxRow, jobId: string): Promise<{ ts: string; stale: boolean } | null> {
    const ref = await store.jobMessage(row.channelId, jobId);
    if (!ref) return null;
    const stale = ref.version !== null && ref.version > row.id;
    if (stale) logger.info({ channel: row.channelId, job: jobId, outbox: row.id, shows: ref.version }, 'older alert not applied: the message shows a newer state');
    return { ts: ref.ts, stale };
  }

  async function deliverDigest(row: OutboxRow, payload: Extract<AlertPayload, { type: 'digest' }>, now: number): Promise<void> {
    await post(row, 'main', { ...buildDigest(payload, now) });
    // Jobs that already have their own message here are still edited, so no message is left
    // showing a state the job has left. A message that is gone or can no longer be edited is
    // left alone: the digest itself shows the change, and the job's next alert posts anew.
    const refs: MessageRef[] = [];
    for (const change of payload.changes) {
      const message = await messageOf(row, change.job.id);
      if (!message || message.stale) continue;
      // Each ref is recorded under the job's lock, so a press never renders an older version.
      await underLock(row, change.job.id, async () => {
        try {
          await update(row, message.ts, await digestEdit(row, change, now));
          await store.recordMessageShown(refFor(row, change.job.id, message.ts));
          refs.push(refFor(row, change.job.id, message.ts));
        } catch (error) {
          const failure = slackFailureOf(error);
          if (failure?.kind !== 'gone' && failure?.kind !== 'message') throw error;
          logger.warn({ channel: row.channelId, job: change.job.id, outbox: row.id, error: failure.error }, 'job message not edited by the digest');
        }
      });
    }
    await store.completeOutbox(row.id, refs, clock.now());
  }

  async function deliverOverdue(row: OutboxRow, payload: OverduePayload, now: number): Promise<void> {
    // In the job's thread when it has a message here; otherwise its own message, which later
    // changes of the job then edit.
    const own = row.steps.main;
    const message = own ? null : await messageOf(row, payload.job.id);
    if (message) {
      await post(row, 'thread', { thread_ts: message.ts, ...buildOverdueAlert(payload, now, await stateFor(row, payload.job.id, payload)) });
      await store.completeOutbox(row.id, null, clock.now());
      return;
    }
    // Told in a digest of many overdue jobs: a job without a message here needs none more.
    if (payload.threadOnly && !own) return void (await store.completeOutbox(row.id, null, clock.now()));
    const ts = await post(row, 'main', { ...buildOverdueAlert(payload, now, await stateFor(row, payload.job.id, payload)) });
    await store.completeOutbox(row.id, refFor(row, payload.job.id, ts), clock.now());
  }

  async function deliverJob(row: OutboxRow, payload: JobAlertPayload, now: number): Promise<void> {
    const jobId = payload.change.job.id;
    const postOwn = async () => {
      const ts = await post(row, 'main', { ...buildJobAlert(payload, now, await stateFor(row, jobId, payload)) });
      await store.completeOutbox(row.id, refFor(row, jobId, ts), clock.now());
    };
    // This row posted the job's message already (its first alert, or a re-post): finish it.
    if (row.steps.main) return postOwn();
    const message = await messageOf(row, jobId);
    if (!message) return postOwn();
    if (message.stale) return store.completeOutbox(row.id, null, clock.now());
    const edited = await underLock(row, jobId, async () => {
      try {
        await update(row, message.ts, buildJobAlert(payload, now, await stateFor(row, jobId, payload)));
      } catch (error) {
        // Someone deleted the alert: the current state is posted anew, and that message becomes
        // the job's message in this channel (docs.slack.dev/reference/methods/chat.update: message_not_found).
        if (slackFailureOf(error)?.kind !== 'gone') throw error;
        return false;
      }
      // The message shows this version from now on: recorded before the lock goes, so a press
      // that takes it next renders this state, not the one before.
      await store.recordMessageShown(refFor(row, jobId, message.ts));
      return true;
    });
    if (!edited) {
      logger.info({ channel: row.channelId, job: jobId, outbox: row.id }, "the job's message was deleted: posting its current state anew");
      return postOwn();
    }
    await post(row, 'thread', { thread_ts: message.ts, ...buildThreadLine(payload, now) });
    await store.completeOutbox(row.id, refFor(row, jobId, message.ts), clock.now());
  }

  /**
   * The person's DM with the app, opened once per row and recorded, so a retry or the crash check
   * reads the same conversation: chat.postMessage takes a user id too, but conversations.history
   * (what find-posted.ts reads after a crash) needs the DM's own id (docs.slack.dev
   * reference/methods/conversations.open: `users` with one id opens or resumes that DM; im:write).
   */
  async function openDirect(row: OutboxRow, userId: string): Promise<string> {
    const known = row.steps.dm;
    if (known) return known;
    const opened = await write('conversations.open', row.channelId, () => client.conversations.open({ users: userId }));
    const id = opened.channel?.id;
    if (!id) throw new FailedWrite('conversations.open', new Error('conversations.open answered without a channel'));
    await store.recordPosted(row.id, 'dm', id);
    return id;
  }

  /** One DM, posted once: no message ref (a DM is never edited; a later change is its own DM). */
  async function deliverDirect(row: OutboxRow, payload: DirectPayload, now: number): Promise<void> {
    const dm = await openDirect(row, payload.userId);
    await post(row, 'main', { ...buildDirectMessage(payload, now) }, dm);
    await store.completeOutbox(row.id, null, clock.now());
  }

  return async (row) => {
    const { payload } = row;
    const now = clock.now();
    if (payload.type === 'dm') return deliverDirect(row, payload, now);
    if (payload.type === 'digest') return deliverDigest(row, payload, now);
    if (payload.type === 'overdue') return deliverOverdue(row, payload, now);
    return deliverJob(row, payload, now);
  };
}
