/**
 * Retention: the active replica deletes, once an hour, what the app no longer needs, so the
 * database stays the size of recent activity however long the app runs. What is kept, and why:
 * - delivered alerts for a week (a thread or edit of a job alerted last week still finds its row
 *   and dedupe key), given-up ones for 30 days (for inspection);
 * - finished jobs for 30 days after their creation (summaries, App Home and the overdue rule look
 *   back a week at most; Hume never lists a job that old as new again);
 * - anything about a job still queued or running, however old (its overdue alert is said once);
 * - changes to alert settings for a year ("who turned our alerts off in March?"), then forgotten.
 */
import type { Clock } from '../clock';
import type { Logger } from '../logging/logger';
import { startLoop, type Loop } from '../runtime/loop';
import type { PruneReport, Retention, RetentionCutoffs } from '../store/store';
import type { Worker } from '../runtime/workers';

const DAY_MS = 86_400_000;

export interface RetentionPolicy {
  deliveredForMs: number;
  failedForMs: number;
  finishedJobsForMs: number;
  settingChangesForMs: number;
}

export const DEFAULT_RETENTION: RetentionPolicy = {
  deliveredForMs: 7 * DAY_MS,
  failedForMs: 30 * DAY_MS,
  finishedJobsForMs: 30 * DAY_MS,
  settingChangesForMs: 365 * DAY_MS,
};

export function cutoffs(policy: RetentionPolicy, now: number): RetentionCutoffs {
  return {
    deliveredBefore: now - policy.deliveredForMs,
    failedBefore: now - policy.failedForMs,
    finishedJobsBefore: now - policy.finishedJobsForMs,
    settingChangesBefore: now - policy.settingChangesForMs,
  };
}

/** Runs only on the lease holder; the leader starts and stops it with the other workers. */
export interface Pruner extends Worker {
  runOnce(): Promise<PruneReport>;
}

export function createPruner(options: { store: Retention; clock: Clock; logger: Logger; everyMs?: number; policy?: RetentionPolicy }): Pruner {
  const { store, clock, logger } = options;
  const everyMs = options.everyMs ?? 60 * 60_000;
  const policy = options.policy ?? DEFAULT_RETENTION;
  let loop: Loop | null = null;

  async function runOnce(): Promise<PruneReport> {
    const report = await store.prune(cutoffs(policy, clock.now()));
    if (report.outboxRows > 0 || report.jobs > 0 || report.settingChanges > 0) logger.info(report, 'old alerts and jobs pruned');
    return report;
  }

  return {
    name: 'retention',
    start() {
      loop ??= startLoop(clock, async () => {
        await runOnce().catch((error: unknown) => logger.warn({ err: error }, 'pruning failed; will try again'));
        return everyMs;
      });
    },
    async stop() {
      await loop?.stop();
      loop = null;
    },
    runOnce,
  };
}
