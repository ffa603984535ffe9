/**
 * The Slack writes of one outbox row: a job's first alert posts its message, later ones edit it
 * and add a thread line, digests post one message and edit the jobs' own messages; a scheduled
 * digest posts one message.
 *
 * Versions: every message ref records the outbox row id whose state the message shows (rows are
 * queued in the order things happen). An edit from a row older than that version is skipped, so
 * a message never goes back to an older state; a later change that repeats an earlier status is
 * a newer row, and is applied.
 *
 * Crash safety: before each post the row records an intent, and after it the message ts
 * (`recordPosted`); a row that comes back with an intent but no ts looks for its own message
 * first (find-posted.ts). Edits are idempotent: repeating one after a crash shows the same
 * message. The row is completed with its refs in one transaction, so a crash anywhere before
 * that repeats only idempotent steps.
 */
import type { WebClient } from '@slack/web-api';
import type { AlertPayload, JobAlertPayload, OverduePayload } from '../domain/alert-payload';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { buildDigest, buildJobAlert, buildOverdueAlert, buildThreadLine } from '../messages/alerts';
import type { Message } from '../messages/blocks';
import { buildScheduledDigest } from '../messages/digest-message';
import type { MessageRef, OutboxRow, OutboxStore } from '../store/store';
import type { SlackWrite } from './channel-pacer';
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

export interface RowDelivererOptions {
  store: OutboxStore;
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

  async function post(row: OutboxRow, step: string, args: Record<string, unknown>): Promise<string> {
    const done = row.steps[step];
    if (done) return done;
    const intent = row.steps[`${step}:intent`];
    if (intent) {
      const threadTs = typeof args.thread_ts === 'string' ? args.thread_ts : null;
      const found = await findPostedMessage(client, row, step, Number(intent), threadTs, logger);
      if (found) {
        await store.recordPosted(row.id, step, found);
        return found;
      }
    }
    await store.recordPosted(row.id, `${step}:intent`, String(clock.now()));
    const result = await write('chat.postMessage', row.channelId, () =>
      client.chat.postMessage({
        channel: row.channelId,
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
      try {
        await update(row, message.ts, buildJobAlert({ type: 'job', change, mention: null }, now));
        refs.push(refFor(row, change.job.id, message.ts));
      } catch (error) {
        const failure = slackFailureOf(error);
        if (failure?.kind !== 'gone' && failure?.kind !== 'message') throw error;
        logger.warn({ channel: row.channelId, job: change.job.id, outbox: row.id, error: failure.error }, 'job message not edited by the digest');
      }
    }
    await store.completeOutbox(row.id, refs, clock.now());
  }

  async function deliverOverdue(row: OutboxRow, payload: OverduePayload, now: number): Promise<void> {
    // In the job's thread when it has a message here; otherwise its own message, which later
    // changes of the job then edit.
    const own = row.steps.main;
    const message = own ? null : await messageOf(row, payload.job.id);
    if (message) {
      await post(row, 'thread', { thread_ts: message.ts, ...buildOverdueAlert(payload, now) });
      await store.completeOutbox(row.id, null, clock.now());
      return;
    }
    // Told in a digest of many overdue jobs: a job without a message here needs none more.
    if (payload.threadOnly && !own) return void (await store.completeOutbox(row.id, null, clock.now()));
    const ts = await post(row, 'main', { ...buildOverdueAlert(payload, now) });
    await store.completeOutbox(row.id, refFor(row, payload.job.id, ts), clock.now());
  }

  async function deliverJob(row: OutboxRow, payload: JobAlertPayload, now: number): Promise<void> {
    const jobId = payload.change.job.id;
    const postOwn = async () => {
      const ts = await post(row, 'main', { ...buildJobAlert(payload, now) });
      await store.completeOutbox(row.id, refFor(row, jobId, ts), clock.now());
    };
    // This row posted the job's message already (its first alert, or a re-post): finish it.
    if (row.steps.main) return postOwn();
    const message = await messageOf(row, jobId);
    if (!message) return postOwn();
    if (message.stale) return store.completeOutbox(row.id, null, clock.now());
    try {
      await update(row, message.ts, buildJobAlert(payload, now));
    } catch (error) {
      // Someone deleted the alert: the current state is posted anew, and that message becomes
      // the job's message in this channel (docs.slack.dev/reference/methods/chat.update: message_not_found).
      if (slackFailureOf(error)?.kind !== 'gone') throw error;
      logger.info({ channel: row.channelId, job: jobId, outbox: row.id }, "the job's message was deleted: posting its current state anew");
      return postOwn();
    }
    await post(row, 'thread', { thread_ts: message.ts, ...buildThreadLine(payload, now) });
    await store.completeOutbox(row.id, refFor(row, jobId, message.ts), clock.now());
  }

  return async (row) => {
    const { payload } = row;
    const now = clock.now();
    if (payload.type === 'digest') return deliverDigest(row, payload, now);
    if (payload.type === 'overdue') return deliverOverdue(row, payload, now);
    if (payload.type === 'scheduled-digest') {
      // One message, about no job: posted once (the intent and ts steps make a rerun find it).
      await post(row, 'main', { ...buildScheduledDigest(payload.report) });
      return store.completeOutbox(row.id, null, clock.now());
    }
    return deliverJob(row, payload, now);
  };
}
