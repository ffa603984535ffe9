/**
 * Delivery: drains the outbox into Slack. Each alert is one message per job per channel, edited
 * in place as the job moves on, with a thread line per change.
 *
 * Crash safety: before each Slack write the row records an intent, and after it the message ts.
 * A row that comes back with an intent but no ts (the process died mid-write) first looks for
 * its own message in the channel (every post carries the row id in its metadata) before posting,
 * so a restart resumes the delivery instead of repeating it.
 */
import type { WebClient } from '@slack/web-api';
import type { AlertPayload } from '../alerts/alert-payload';
import { summarizeSnooze } from '../alerts/snooze-summary';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { buildDigest, buildJobAlert, buildOverdueAlert, buildThreadLine } from '../messages/alerts';
import type { OutboxRow, Store } from '../store/store';
import { startLoop, type Loop } from '../runtime/loop';
import { ChannelPacer } from './channel-pacer';
import { editUnlessGone } from './edit-message';
import { findPostedMessage, ALERT_EVENT_TYPE } from './find-posted';
import { classifySlackFailure, type SlackFailure } from './slack-failure';

export interface DeliveryOptions {
  store: Store;
  client: WebClient;
  clock: Clock;
  logger: Logger;
  /** Who holds claims (process id, replica name): leases are released by owner on shutdown. */
  owner: string;
  /** Slack allows about one message per second per channel. */
  channelGapMs?: number;
  batchSize?: number;
  leaseMs?: number;
  /** How long to wait when the outbox is empty, unless `notify()` wakes the loop earlier. */
  idleMs?: number;
  /** Whether this replica may still write to Slack (it holds the lease); checked before each write. */
  isActive?: () => boolean;
  /** Told about each delivered alert and each failed attempt (metrics). */
  onDelivered?: (row: OutboxRow) => void;
  onFailure?: (kind: SlackFailure['kind']) => void;
}

/** This replica lost the lease mid-round: the row goes back to the outbox for the new leader. */
class NotActiveError extends Error {}

export interface DeliveryReport {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

export interface Delivery {
  start(): void;
  stop(): Promise<void>;
  /** Wakes an idle loop: the poller calls it after committing new alerts. */
  notify(): void;
  runOnce(): Promise<DeliveryReport>;
}

const MAX_RETRY_DELAY_MS = 5 * 60_000;

function retryDelay(attempts: number): number {
  const base = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** Math.min(attempts - 1, 12));
  return base / 2 + Math.random() * (base / 2);
}

export function createDelivery(options: DeliveryOptions): Delivery {
  const { store, client, clock, logger, owner } = options;
  const batchSize = options.batchSize ?? 20;
  const leaseMs = options.leaseMs ?? 120_000;
  const idleMs = options.idleMs ?? 1000;
  const pacer = new ChannelPacer(clock, options.channelGapMs ?? 1000);
  /** Waits for the channel's turn, then makes sure this replica may still write. */
  async function beforeWrite(channelId: string): Promise<void> {
    await pacer.wait(channelId);
    if (options.isActive && !options.isActive()) throw new NotActiveError();
  }
  let loop: Loop | null = null;

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
    await beforeWrite(row.channelId);
    const result = await client.chat.postMessage({
      channel: row.channelId,
      unfurl_links: false,
      unfurl_media: false,
      metadata: { event_type: ALERT_EVENT_TYPE, event_payload: { outbox_id: row.id, step } },
      ...args,
    } as unknown as Parameters<WebClient['chat']['postMessage']>[0]);
    const ts = result.ts ?? '';
    await store.recordPosted(row.id, step, ts);
    return ts;
  }

  async function deliver(row: OutboxRow): Promise<void> {
    const payload = row.payload as AlertPayload;
    const now = clock.now();
    if (payload.type === 'digest') {
      await post(row, 'main', { ...buildDigest(payload, now) });
      // Jobs that already have their own message here are still edited, so no message is left
      // showing a state the job has left. Edits are idempotent: repeating them after a crash is safe.
      for (const change of payload.changes) {
        const ref = await store.messageRef(row.channelId, change.job.id);
        if (!ref) continue;
        await beforeWrite(row.channelId);
        // A job message someone deleted stays deleted: the digest itself reports the change.
        await editUnlessGone(client, { channel: row.channelId, ts: ref, ...buildJobAlert({ type: 'job', change, mention: null }, now) });
      }
      await store.completeOutbox(row.id, null, clock.now());
      return;
    }
    if (payload.type === 'overdue') {
      // In the job's thread when it has a message here; otherwise its own message, which later
      // changes of the job then edit.
      const ref = await store.messageRef(row.channelId, payload.job.id);
      // Told in a digest of many overdue jobs: a job without a message here needs none more.
      if (payload.threadOnly && !ref) return void (await store.completeOutbox(row.id, null, clock.now()));
      const ts = await post(row, ref ? 'thread' : 'main', { ...(ref ? { thread_ts: ref } : {}), ...buildOverdueAlert(payload, now) });
      await store.completeOutbox(row.id, ref ? null : { channelId: row.channelId, jobId: payload.job.id, ts }, clock.now());
      return;
    }
    const jobId = payload.change.job.id;
    const ref = await store.messageRef(row.channelId, jobId);
    // An edit is idempotent: repeating it after a crash shows the same message. A job message
    // someone deleted is posted afresh (as the job is now) instead of edited.
    if (ref) await beforeWrite(row.channelId);
    if (!ref || !(await editUnlessGone(client, { channel: row.channelId, ts: ref, ...buildJobAlert(payload, now) }))) {
      const ts = await post(row, 'main', { ...buildJobAlert(payload, now) });
      await store.completeOutbox(row.id, { channelId: row.channelId, jobId, ts }, clock.now());
      return;
    }
    await post(row, 'thread', { thread_ts: ref, ...buildThreadLine(payload, now) });
    await store.completeOutbox(row.id, null, clock.now());
  }

  /** Delivers one channel's rows in order; stops that channel's batch at its first failure. */
  async function drainChannel(rows: OutboxRow[], report: DeliveryReport): Promise<void> {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      try {
        await deliver(row);
        report.delivered += 1;
        options.onDelivered?.(row);
        logger.info({ channel: row.channelId, job: row.jobId, kind: row.kind, outbox: row.id }, 'alert delivered');
      } catch (error) {
        if (error instanceof NotActiveError) {
          for (const pending of rows.slice(i)) await store.retryOutbox(pending.id, clock.now(), 'handed over to the active replica');
          return;
        }
        const failure = classifySlackFailure(error);
        options.onFailure?.(failure.kind);
        const later = rows.slice(i);
        const now = clock.now();
        logger.warn({ channel: row.channelId, outbox: row.id, attempts: row.attempts, failure }, 'alert not delivered');
        if (failure.kind === 'message') {
          await store.failOutbox(row.id, failure.error, now);
          report.failed += 1;
          continue;
        }
        if (failure.kind === 'channel') {
          // Rows of a channel with a problem stay pending and are not claimed until it is cleared.
          await store.setChannelProblem(row.channelId, { error: failure.error, at: now });
        }
        const retryAt = failure.kind === 'rate_limited' ? now + failure.retryAfterMs : now + retryDelay(row.attempts);
        if (failure.kind === 'rate_limited') pacer.pauseUntil(row.channelId, retryAt);
        for (const pending of later) await store.retryOutbox(pending.id, retryAt, failure.error);
        report.retried += later.length;
        return;
      }
    }
  }

  /**
   * Snoozes whose time is up end here, on the one active deliverer: what they held becomes one
   * summary row, claimed like any other in the same round.
   */
  async function endDueSnoozes(): Promise<void> {
    const now = clock.now();
    for (const due of await store.dueSnoozes(now)) {
      const ended = await store.endSnooze(due.channelId, now, true, (snooze, held) => summarizeSnooze(snooze, held, now, null));
      if (ended) logger.info({ channel: due.channelId, held: ended.held.length }, 'snooze ended');
    }
  }

  async function runOnce(): Promise<DeliveryReport> {
    await endDueSnoozes();
    const rows = await store.claimOutbox(clock.now(), batchSize, owner, leaseMs);
    const report: DeliveryReport = { claimed: rows.length, delivered: 0, retried: 0, failed: 0 };
    const byChannel = new Map<string, OutboxRow[]>();
    for (const row of rows) byChannel.set(row.channelId, [...(byChannel.get(row.channelId) ?? []), row]);
    await Promise.all([...byChannel.values()].map((channelRows) => drainChannel(channelRows, report)));
    return report;
  }

  return {
    start() {
      if (loop) return;
      // Only one deliverer runs at a time (SQLite: one process; PostgreSQL: the leader), so a
      // claim left at start belongs to a process that died: its rows are due again now, not
      // when its lease would have run out.
      let released = false;
      loop = startLoop(clock, async () => {
        if (!released) {
          released = true;
          await store.releaseClaims(null).catch((error: unknown) => logger.warn({ err: error }, 'could not release stale claims'));
        }
        try {
          const report = await runOnce();
          return report.claimed === 0 ? idleMs : 0;
        } catch (error) {
          logger.error({ err: error }, 'delivery round failed');
          return idleMs;
        }
      });
    },
    async stop() {
      await loop?.stop();
      loop = null;
      await store.releaseClaims(owner);
    },
    notify() {
      loop?.wake();
    },
    runOnce,
  };
}
