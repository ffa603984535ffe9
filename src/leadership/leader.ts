/**
 * Which replica polls and delivers: the holder of a lease row in the shared store: exactly one replica polls and delivers at a time, another takes over within two intervals.
 * The holder renews it every third of its lifetime; a replica that dies or hangs stops renewing,
 * and another takes the lease once it expires, within about two poll intervals.
 *
 * A holder that cannot renew (store unreachable, process stalled) treats its leadership as over
 * a margin BEFORE the lease expires by its own clock, so it stops writing to Slack before any
 * other replica can start: never two deliverers at once. When the store is unavailable (an
 * outage, not one failed statement) it steps down at once: nothing it does could be recorded, and
 * stopping the work stops it failing. It keeps asking for the lease, and leads again as soon as
 * the database answers. Stepping down never throws: a store that is gone cannot make it crash.
 *
 * The in-memory check cannot see a freeze (GC pause, SIGSTOP) between it and a write, so the
 * leader is also the workers' `FenceSource`: the term it holds goes with every write, which the
 * store checks in the write's own transaction (store/fence.ts). A write refused there means
 * another replica took over: the leader steps down at once, without crashing anything.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { startLoop, type Loop } from '../runtime/loop';
import { StoreUnavailableError } from '../store/availability';
import type { Fence, FencedOutError, FenceSource, LeaseStore } from '../store/store';

export interface LeaderOptions {
  store: LeaseStore;
  clock: Clock;
  logger: Logger;
  holder: string;
  ttlMs: number;
  /** Starts the work only the leader does. */
  onGain: () => void;
  /** Stops it; resolves when it has stopped. */
  onLose: () => Promise<void>;
  name?: string;
}

export interface Leader extends FenceSource {
  start(): void;
  /** Stops renewing, stops the work, and gives the lease up so another replica takes over now. */
  stop(): Promise<void>;
  /** True while this replica may act as leader (checked before every commit and Slack write). */
  holds(): boolean;
  describe(): { role: 'leader' | 'standby'; holder: string | null };
  /**
   * The store reports its availability: when it becomes unavailable, the leader steps down at its
   * next step (now), so the work restarts cleanly once it leads again (its claims released, rows
   * a failed write left claimed due again); when it is back, it asks for the lease at once.
   */
  storeChanged(state: 'ok' | 'unavailable'): void;
}

const SHUTTING_DOWN = 'shutting down';

/** The share of the lease kept in reserve: leadership ends this much before the lease does. */
const SAFETY_SHARE = 0.25;

export function leaseTiming(pollIntervalMs: number): { ttlMs: number; renewEveryMs: number } {
  const ttlMs = Math.max(300, Math.round(1.5 * pollIntervalMs));
  return { ttlMs, renewEveryMs: Math.round(ttlMs / 3) };
}

export function createLeader(options: LeaderOptions): Leader {
  const { store, clock, logger, holder, ttlMs } = options;
  const name = options.name ?? 'poller';
  const renewEveryMs = Math.round(ttlMs / 3);
  let leading = false;
  let validUntil = 0;
  let currentHolder: string | null = null;
  let loop: Loop | null = null;
  /** Set by `storeChanged`: the next step steps down first. */
  let stepDown = false;
  /** A renewal failure was logged: only the first of a run of them is, and then the recovery. */
  let failing = false;
  /** The term this replica holds, while it leads. */
  let term: Fence | null = null;
  /** Why `stepDown` was set. */
  let stepDownReason = 'the store is unavailable';

  async function lose(reason: string): Promise<void> {
    if (!leading) return;
    leading = false;
    validUntil = 0;
    term = null;
    // Handing over at shutdown is routine; losing the lease while running is worth a warning.
    if (reason === SHUTTING_DOWN) logger.info({ holder }, 'handing the poller over: shutting down');
    else logger.warn({ holder, reason }, 'no longer the active replica');
    try {
      await options.onLose();
    } catch (error) {
      // Stopping the work may need the store (releasing claims) while it is gone: the claims then
      // expire on their own, and the work starts again with the lease.
      logger.debug({ err: error }, 'stopping the active work did not finish cleanly');
    }
  }

  async function step(): Promise<number> {
    if (stepDown) {
      // Stepping down and gaining run in this one loop, in turn: never a start during a stop.
      stepDown = false;
      await lose(stepDownReason);
      return renewEveryMs;
    }
    const askedAt = clock.now();
    try {
      const lease = await store.acquireLease(name, holder, askedAt, ttlMs);
      if (failing) logger.info({ holder }, 'the poller lease can be renewed again');
      failing = false;
      currentHolder = lease?.holder ?? null;
      if (lease?.holder === holder) {
        // Measured from before the request: the lease may have been written at any moment since.
        validUntil = askedAt + ttlMs * (1 - SAFETY_SHARE);
        term = { name, holder, epoch: lease.epoch };
        if (!leading) {
          leading = true;
          logger.info({ holder }, 'this replica is now the active poller');
          options.onGain();
        }
      } else {
        await lose(`the lease is held by ${currentHolder ?? 'nobody'}`);
      }
    } catch (error) {
      const outage = error instanceof StoreUnavailableError;
      // The store reports its own outage (once); a plain failure is logged once per run of them.
      if (!failing && !outage) {
        logger.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not renew the poller lease');
        failing = true;
      }
      if (leading && (outage || clock.now() >= validUntil))
        await lose(outage ? 'the store is unavailable' : 'the lease could not be renewed in time');
    }
    return renewEveryMs;
  }

  return {
    start() {
      loop ??= startLoop(clock, step);
    },
    async stop() {
      await loop?.stop();
      loop = null;
      await lose(SHUTTING_DOWN);
      await store.releaseLease(name, holder).catch(() => undefined);
    },
    // Asked to step down: no more writes from now, even before the stop has run.
    holds: () => leading && !stepDown && clock.now() < validUntil,
    storeChanged(state) {
      if (state === 'unavailable' && leading) {
        stepDown = true;
        stepDownReason = 'the store is unavailable';
      }
      loop?.wake();
    },
    // The term goes with every write only while this replica may write at all.
    current: () => (leading && !stepDown ? term : null),
    fencedOut(error: FencedOutError) {
      if (!leading || stepDown) return;
      stepDown = true;
      stepDownReason = error.message;
      loop?.wake();
    },
    describe: () => ({ role: leading ? 'leader' : 'standby', holder: currentHolder }),
  };
}
