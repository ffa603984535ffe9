/**
 * Delivery: drains the outbox into Slack. Each alert is one message per job per channel, edited
 * in place as the job moves on, with a thread line per change (deliver-row.ts).
 *
 * Channels drain independently: each channel with due rows gets a lane that delivers a few of its
 * rows in order at Slack's pace for that channel, while other lanes go on at theirs; the pacer
 * bounds the calls in flight overall. The store hands a channel's rows to one lane at a time
 * (`idleChannelsOnly`), and a job's rows in a channel one at a time, in the order they happened.
 * A channel with more rows waiting than `foldAbove` has them folded into digests first (one
 * transaction, alerts/backlog-digest.ts), so no channel falls more than seconds behind.
 *
 * A failure stops its lane: the row and the lane's other rows go back to the outbox, due when
 * Slack allows (Retry-After), after a backoff, or when someone fixes the channel; an answer no
 * retry can change gives that one row up, with its reason; a refused token pauses every lane.
 */
import { setMaxListeners } from 'node:events';
import type { WebClient } from '@slack/web-api';
import { foldBacklog } from '../alerts/backlog-digest';
import { summarizeSnooze } from '../alerts/snooze-digest';
import { summarizeMute } from '../alerts/mute-digest';
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import type { AlertActionStore, ChannelSettings, OutboxRow, OutboxStore } from '../store/store';
import { isDirect } from '../domain/outbox';
import { startLoop, type Loop } from '../runtime/loop';
import { FencedOutError } from '../store/fence';
import { ChannelPacer, PausedError } from './channel-pacer';
import { createRowDeliverer, FailedWrite, type Write } from './deliver-row';
import { classifySlackFailure, type SlackFailure } from '../slack/slack-failure';
import type { Worker } from '../runtime/workers';

export interface DeliveryOptions {
  /** The outbox it delivers; channel problems it records, snoozes and mutes it ends. */
  store: OutboxStore & ChannelSettings & AlertActionStore;
  client: WebClient;
  clock: Clock;
  logger: Logger;
  /** Who holds claims (process id, replica name): leases are released by owner on shutdown. */
  owner: string;
  /** Slack allows about one message per second per channel. */
  channelGapMs?: number;
  /** Rows a lane takes at once: a few, so its claims end long before their lease. */
  perChannel?: number;
  /**
   * A channel with more rows waiting than this (at one message a second: more seconds behind)
   * gets them folded into one digest before they are claimed, so its lag stays bounded under
   * any load. 10, as the poller's digest threshold: what one cycle would still post one by one
   * is posted one by one, a backlog longer than that is not. Infinity: never fold.
   */
  foldAbove?: number;
  /** Channels delivered at once. */
  maxLanes?: number;
  /** Slack calls in flight at once, across all lanes. */
  maxInFlight?: number;
  leaseMs?: number;
  /** How long to wait when the outbox is empty, unless `notify()` wakes the loop earlier. */
  idleMs?: number;
  /** How long alerts wait after Slack refused the token, before one more try. */
  tokenRetryMs?: number;
  /** Whether this replica may still write to Slack (it holds the lease); checked before each write. */
  isActive?: () => boolean;
  /** Told about each delivered alert, each failed attempt, and each alert given up (metrics). */
  onDelivered?: (row: OutboxRow) => void;
  onFailure?: (kind: SlackFailure['kind']) => void;
  onGivenUp?: (reason: string) => void;
  /** Slack answered a call / refused the token (health). */
  onSlackOk?: () => void;
  onTokenRejected?: (error: string, nextTryAt: number) => void;
}

/** This replica lost the lease, or is stopping: the rows go back to the outbox at once. */
class HandOverError extends Error {}

export interface DeliveryReport {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

/** Runs only on the lease holder; the leader starts and stops it with the other workers. */
export interface Delivery extends Worker {
  /** Wakes an idle loop: the poller calls it after committing new alerts. */
  notify(): void;
  /** Claims what is due now and delivers it, waiting for those lanes (tests, one-off runs). */
  runOnce(): Promise<DeliveryReport>;
}

const MAX_RETRY_DELAY_MS = 5 * 60_000;

function retryDelay(attempts: number): number {
  const base = Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** Math.min(attempts - 1, 12));
  return base / 2 + Math.random() * (base / 2);
}

export function createDelivery(options: DeliveryOptions): Delivery {
  const { store, client, clock, logger, owner } = options;
  const perChannel = options.perChannel ?? 5;
  const maxLanes = options.maxLanes ?? 500;
  const foldAbove = options.foldAbove ?? 10;
  const leaseMs = options.leaseMs ?? 120_000;
  const idleMs = options.idleMs ?? 1000;
  const tokenRetryMs = options.tokenRetryMs ?? 60_000;
  const pacer = new ChannelPacer(clock, options.channelGapMs ?? 1000, options.maxInFlight ?? 16);
  let stopping = new AbortController();
  /** While Slack refuses the token, nothing is claimed or written until this time. */
  let tokenPausedUntil = 0;
  let tokenError = 'invalid_auth';
  /** Slack refused the token last time: after the pause, one channel's rows probe it alone. */
  let tokenRejected = false;
  let loop: Loop | null = null;
  const lanes = new Map<string, Promise<void>>();

  const write: Write = async (method, channelId, call) => {
    if (stopping.signal.aborted || (options.isActive && !options.isActive())) throw new HandOverError();
    const release = await pacer.acquire(method, channelId, stopping.signal).catch((error: unknown) => {
      throw error instanceof PausedError ? error : new HandOverError();
    });
    try {
      if (options.isActive && !options.isActive()) throw new HandOverError();
      const result = await call();
      tokenRejected = false;
      options.onSlackOk?.();
      return result;
    } catch (error) {
      throw error instanceof HandOverError ? error : new FailedWrite(method, error);
    } finally {
      release();
    }
  };
  const deliver = createRowDeliverer({ store, client, clock, logger, write, owner });

  async function retryAll(rows: readonly OutboxRow[], at: number, error: string, report: DeliveryReport): Promise<void> {
    for (const row of rows) await store.retryOutbox(row.id, at, error);
    report.retried += rows.length;
  }

  /** What a failed row means for it and for the rows behind it in its lane. */
  async function onLaneFailure(rows: readonly OutboxRow[], error: unknown, report: DeliveryReport): Promise<'next' | 'stop'> {
    const [row] = rows as [OutboxRow];
    const now = clock.now();
    if (error instanceof HandOverError) {
      await retryAll(rows, now, 'handed over to the active replica', report);
      return 'stop';
    }
    if (error instanceof PausedError) {
      await retryAll(rows, error.until, error.reason, report);
      return 'stop';
    }
    const failure = classifySlackFailure(error instanceof FailedWrite ? error.failure : error);
    options.onFailure?.(failure.kind);
    const context = { channel: row.channelId, job: row.jobId, outbox: row.id, attempts: row.attempts, failure };
    switch (failure.kind) {
      case 'message':
      case 'gone':
        // No retry can post this one: it ends here, and says why (subscriptions, metric, log).
        await store.failOutbox(row.id, failure.error, now);
        report.failed += 1;
        options.onGivenUp?.(failure.error);
        logger.warn({ ...context, reason: failure.error }, 'alert given up');
        return 'next';
      case 'auth':
        tokenPausedUntil = now + tokenRetryMs;
        tokenError = failure.error;
        tokenRejected = true;
        options.onTokenRejected?.(failure.error, tokenPausedUntil);
        logger.error({ ...context, nextTryAt: tokenPausedUntil }, 'Slack refused the bot token: alerts wait until it works again');
        await retryAll(rows, tokenPausedUntil, failure.error, report);
        return 'stop';
      case 'channel':
        // A DM that cannot reach its person (the app's Messages tab is off, a deactivated or
        // unknown user, a bot): that one DM ends here, with its reason, like a message no retry
        // can post; their later DMs are still tried (nobody "fixes" a person with `subscribe`).
        if (isDirect(row)) {
          await store.failOutbox(row.id, failure.error, now);
          report.failed += 1;
          options.onGivenUp?.(failure.error);
          logger.warn({ ...context, reason: failure.error }, 'direct message given up: Slack cannot deliver it to this person');
          return 'next';
        }
        // The channel's rows stay pending, and are not claimed until someone fixes it.
        await store.setChannelProblem(row.channelId, { error: failure.error, at: now });
        logger.warn(context, 'alert not delivered: the app cannot post in this channel');
        await retryAll(rows, now, failure.error, report);
        return 'stop';
      case 'rate_limited': {
        const until = now + failure.retryAfterMs;
        if (error instanceof FailedWrite) pacer.pauseUntil(error.method, row.channelId, until);
        logger.warn(context, 'alert not delivered: Slack asked to wait');
        await retryAll(rows, until, failure.error, report);
        return 'stop';
      }
      case 'transient':
        logger.warn(context, 'alert not delivered; will try again');
        await retryAll(rows, now + retryDelay(row.attempts), failure.error, report);
        return 'stop';
    }
  }

  /** One channel's rows, in order, at that channel's pace. Never rejects. */
  async function runLane(rows: OutboxRow[], report: DeliveryReport): Promise<void> {
    const claimedAt = clock.now();
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      try {
        // Claims last `leaseMs`: rows this lane has not reached by half of it go back, so no
        // claim of a slow lane can run out while the lane still holds it.
        if (clock.now() - claimedAt > leaseMs / 2) throw new PausedError(clock.now(), 'lane slower than its claim');
        if (tokenPausedUntil > clock.now()) throw new PausedError(tokenPausedUntil, tokenError);
        await deliver(row);
        report.delivered += 1;
        options.onDelivered?.(row);
        logger.info({ channel: row.channelId, job: row.jobId, kind: row.kind, outbox: row.id }, 'alert delivered');
      } catch (error) {
        try {
          if ((await onLaneFailure(rows.slice(i), error, report)) === 'stop') return;
        } catch (storeError) {
          // Handing over (this replica no longer holds the lease term): the store refuses the
          // write on purpose, and `stop` gives the claims back (releaseClaims is not fenced).
          if (storeError instanceof FencedOutError) {
            logger.info({ channel: row.channelId, outbox: row.id }, 'handing over: the claimed alerts go back when delivery stops');
            return;
          }
          // The store failed too: the claims run out and the rows come back by themselves.
          logger.error({ err: storeError, channel: row.channelId, outbox: row.id }, 'could not record a delivery failure');
          return;
        }
      }
    }
  }

  /** Claims rows of idle channels and starts a lane for each channel; returns how many it claimed. */
  async function dispatch(report: DeliveryReport): Promise<number> {
    const free = maxLanes - lanes.size;
    if (stopping.signal.aborted || free <= 0 || tokenPausedUntil > clock.now()) return 0;
    // While the token is known bad, one row tries it; the rest follow once a call succeeds.
    if (tokenRejected && lanes.size > 0) return 0;
    const limit = tokenRejected ? 1 : free * perChannel;
    if (Number.isFinite(foldAbove)) {
      const now = clock.now();
      for (const folded of await store.foldBacklogs(now, foldAbove, (channelId, rows) => foldBacklog(channelId, rows, now))) {
        logger.info({ channel: folded.channelId, folded: folded.rows.length }, 'backlog folded into one digest');
      }
    }
    const rows = await store.claimOutbox(clock.now(), limit, owner, leaseMs, { perChannel, idleChannelsOnly: true });
    report.claimed += rows.length;
    const byChannel = new Map<string, OutboxRow[]>();
    for (const row of rows) byChannel.set(row.channelId, [...(byChannel.get(row.channelId) ?? []), row]);
    for (const [channelId, channelRows] of byChannel) {
      // A lane that just finished its rows may still be settling: the new ones go after it.
      const lane = (lanes.get(channelId) ?? Promise.resolve()).then(() => runLane(channelRows, report));
      lanes.set(channelId, lane);
      void lane.finally(() => {
        if (lanes.get(channelId) === lane) lanes.delete(channelId);
        loop?.wake();
      });
    }
    return rows.length;
  }

  /**
   * Snoozes whose time is up end here, on the one active deliverer: what they held becomes one
   * summary row, claimed like any other.
   */
  async function endDueSnoozes(): Promise<void> {
    const now = clock.now();
    for (const due of await store.dueSnoozes(now)) {
      const ended = await store.endSnooze(due.channelId, now, true, (snooze, held) => summarizeSnooze(snooze, held, now, null));
      if (ended) logger.info({ channel: due.channelId, held: ended.held.length }, 'snooze ended');
    }
  }

  /**
   * Mutes whose four hours are up end here too, each once (the end is one fenced transaction that
   * deletes the mute): what they held becomes one summary row per mute.
   */
  async function endDueMutes(): Promise<void> {
    const now = clock.now();
    for (const due of await store.dueMutes(now)) {
      const ended = await store.endMute(due.channelId, due.cause, now, true, (mute, held) => summarizeMute(mute, held, now, null));
      if (ended) logger.info({ channel: due.channelId, held: ended.held.length }, 'mute ended');
    }
  }

  const emptyReport = (): DeliveryReport => ({ claimed: 0, delivered: 0, retried: 0, failed: 0 });

  return {
    name: 'delivery',
    start() {
      if (loop) return;
      stopping = new AbortController();
      // Every sleeping lane listens on this one signal.
      setMaxListeners(maxLanes + 10, stopping.signal);
      // Only one deliverer runs at a time (SQLite: one process; PostgreSQL: the leader), so a
      // claim left at start belongs to a process that died: its rows are due again now, not
      // when its lease would have run out.
      let released = false;
      const report = emptyReport();
      loop = startLoop(clock, async () => {
        if (!released) {
          released = true;
          await store.releaseClaims(null).catch((error: unknown) => logger.warn({ err: error }, 'could not release stale claims'));
        }
        try {
          await endDueSnoozes();
          await endDueMutes();
          // Claimed something: look again at once for other idle channels; a lane ending wakes the loop.
          return (await dispatch(report)) > 0 ? 0 : idleMs;
        } catch (error) {
          logger.error({ err: error }, 'delivery round failed');
          return idleMs;
        }
      });
    },
    async stop() {
      stopping.abort();
      await loop?.stop();
      loop = null;
      await Promise.all(lanes.values());
      await store.releaseClaims(owner);
    },
    notify() {
      loop?.wake();
    },
    async runOnce() {
      await endDueSnoozes();
      await endDueMutes();
      const report = emptyReport();
      await dispatch(report);
      await Promise.all(lanes.values());
      return report;
    },
  };
}
