/**
 * The poller: a stoppable loop of cycles. Each cycle reads Hume (cost grows with changes, not
 * with history), works out status changes, and commits the new states, the alerts they cause
 * and its progress in ONE store transaction, so a crash anywhere either loses the whole cycle
 * (it is simply read again) or keeps all of it: never an alert without its state, or the reverse.
 * What follows a cycle (metrics, /healthz, waking delivery, boards and App Home) is not the
 * poller's business: it reports each cycle to `onCycle`, which the app wires to `fanOutCycle`
 * in on-cycle.ts.
 */
import type { Clock } from '../clock';
import { OVERDUE_SAMPLE, overdueRuleAt, type OverdueRule } from '../alerts/overdue';
import { foldOverdue, mayFoldOverdue, planAlerts, planOverdue } from '../alerts/plan-alerts';
import { planDirect, type DirectPlan } from '../alerts/plan-direct';
import { WATCH_ENDS } from '../domain/personal';
import type { JobChange } from '../domain/alert-payload';
import { HumeError } from '../hume/errors';
import type { Logger } from '../logging/logger';
import { startLoop, type Loop } from '../runtime/loop';
import type { ChangeFeed } from '../sources/source';
import type { Job } from '../jobs/job';
import { FencedOutError, type ChannelSettings, type JobStore, type OutboxStore, type PersonalAlerts, type TrackedJob } from '../store/store';
import { cycleRetry } from './backoff';
import { readHume, type Reading } from './read-changes';
import type { FirstStartHistory } from './first-start-history';
import { diffJobs } from './diff-jobs';
import { createHighWater, MAX_CLOCK_SKEW_MS } from './high-water';
import { createJobTroubles, isJobProblem } from './job-problems';
import type { Worker } from '../runtime/workers';

export interface PollerOptions {
  feed: ChangeFeed;
  /** Jobs and progress; subscriptions and people's watches and rules to plan alerts for; the outbox's keys, to fold overdue floods. */
  store: JobStore &
    Pick<ChannelSettings, 'listSubscriptions'> &
    Pick<OutboxStore, 'existingAlertKeys'> &
    Pick<PersonalAlerts, 'watchesOf' | 'finishedWatches' | 'notifyRules'>;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
  /** More alerts than this for one channel in one cycle become one digest. */
  digestThreshold?: number;
  /** How far before the high-water mark new jobs are looked for (jobs recorded late, clock skew). */
  lookbackMs?: number;
  /** Called after every cycle: the app passes `fanOutCycle` (on-cycle.ts); tests their own. */
  onCycle?: (report: CycleReport) => void;
  /** Whether this replica may still commit (it holds the lease); a cycle that lost it is dropped. */
  isActive?: () => boolean;
  /** Recorded (without alerting) before the first start's first cycle: see first-start-history.ts. */
  history?: FirstStartHistory;
}

export interface CycleReport {
  ok: boolean;
  first: boolean;
  catchUp: boolean;
  requests: number;
  changes: number;
  alerts: number;
  durationMs: number;
  error?: unknown;
  /** When the next cycle is due. */
  nextAt: number;
  /** Why the next cycle waits longer than the interval (failed cycles only). */
  retryReason?: string;
  /** Tracked jobs recorded as unreadable after this cycle (ok cycles only). */
  unreadableJobs?: number;
}

/** Runs only on the lease holder; the leader starts and stops it with the other workers. */
export interface Poller extends Worker {
  /** One cycle now (tests and the demo drive the poller with it). */
  runCycle(): Promise<CycleReport>;
}

/** The cycle was read but not committed: this replica stopped being the active one meanwhile. */
export class NotActiveError extends Error {
  constructor() {
    super('this replica is no longer the active poller');
    this.name = 'NotActiveError';
  }
}

const HWM_KEY = 'created_hwm';
const OVERDUE_RULE_TTL_MS = 10 * 60_000;
const OVERDUE_RULE_RETRY_MS = 60_000;
const LAST_CYCLE_KEY = 'last_cycle_at';

/** Whether a poll cycle was ever committed here: false until the first start's first cycle is. */
export async function hasPolled(store: Pick<JobStore, 'getProgress'>): Promise<boolean> {
  return (await store.getProgress(HWM_KEY)) !== null;
}

export function createPoller(options: PollerOptions): Poller {
  const { feed, store, clock, logger, intervalMs } = options;
  const digestThreshold = options.digestThreshold ?? 10;
  const lookbackMs = options.lookbackMs ?? Math.max(2 * 60_000, 2 * intervalMs);
  let failures = 0;
  let refusals = 0;
  let loop: Loop | null = null;
  const highWater = createHighWater(logger, lookbackMs);
  const troubles = createJobTroubles();

  let overdueCache: { rule: OverdueRule | null; at: number } | null = null;
  /** What "usually" means, learnt from recent finished jobs of the last week, recomputed every 10 minutes. */
  async function currentOverdueRule(now: number): Promise<OverdueRule | null> {
    // Without a rule yet (too little history), look again soon rather than in ten minutes.
    const ttl = overdueCache?.rule ? OVERDUE_RULE_TTL_MS : OVERDUE_RULE_RETRY_MS;
    if (!overdueCache || now - overdueCache.at > ttl) {
      const recent = (await store.recentFinishedJobs(OVERDUE_SAMPLE)).map((t) => t.snapshot);
      overdueCache = { rule: overdueRuleAt(recent, now), at: now };
    }
    return overdueCache.rule;
  }

  /** A failure alert with what the list did not carry; without it when that read fails (it is one job's problem). */
  async function enriched(seen: Job): Promise<Job> {
    if (!feed.enrichFailure) return seen;
    try {
      return await feed.enrichFailure(seen);
    } catch (error) {
      if (!isJobProblem(error)) throw error;
      logger.warn({ job: seen.id, err: error.message }, "could not read the failed job's problem events; alerting without them");
      return seen;
    }
  }

  /** The rows to store for what was read: changes, marks cleared, jobs newly unreadable. */
  async function planUpserts(reading: Reading, first: boolean, now: number): Promise<{ changes: JobChange[]; upserts: TrackedJob[]; unreadable: number }> {
    const changes: JobChange[] = [];
    const upserts: TrackedJob[] = [];
    for (const seen of reading.observed.values()) troubles.readable(seen.id);
    const diff = diffJobs(reading.observed.values(), reading.previous, reading.vanished);
    // Readable again with no change: the mark goes, the state (and when it was first seen) stays.
    for (const { job: seen, before } of diff.readableAgain) {
      logger.info({ job: seen.id }, 'Hume answers for this job can be read again');
      upserts.push({ ...before, rawStatus: seen.rawStatus, snapshot: seen });
    }
    for (const { job: seen, before } of diff.moved) {
      // Failures carry their detail (runs' problem events); the cost follows the failures only.
      const job = !first && seen.status === 'failed' ? await enriched(seen) : seen;
      upserts.push({ id: job.id, status: job.status, rawStatus: job.rawStatus, snapshot: job, seenAt: now });
      // The first start records what exists without alerting.
      if (!first) changes.push({ job, from: before?.status ?? null, to: job.status, ...(before ? { fromSeenAt: before.seenAt } : {}) });
    }
    // A deleted job is recorded as failed so it stops being polled; nobody is alerted about it.
    for (const gone of diff.left) {
      troubles.readable(gone.id);
      upserts.push({ ...gone, status: 'failed', rawStatus: 'DELETED', seenAt: now });
    }
    let marked = 0;
    for (const problem of reading.failed) {
      const unreadable = troubles.failed(problem, now);
      const fields = { job: problem.tracked.id, code: problem.error.code, status: problem.error.status, err: problem.error.message };
      if (unreadable) {
        marked += 1;
        logger.warn(fields, 'Hume answers for this job cannot be read; it is recorded as unreadable and asked for every few minutes');
        upserts.push(unreadable);
      } else if (problem.tracked.snapshot.unreadable) {
        logger.debug(fields, 'unreadable job still cannot be read');
      } else {
        logger.warn(fields, "could not read this job; the others are committed and it is asked for again next cycle");
      }
    }
    const stillMarked = reading.tracked.filter((t) => t.snapshot.unreadable && !reading.observed.has(t.id) && !reading.vanished.includes(t)).length;
    return { changes, upserts, unreadable: stillMarked + marked };
  }

  /**
   * DMs for what people asked (alerts/plan-direct.ts). Watches whose job already ended are looked
   * for every cycle (one indexed read, usually empty): a watch started while the cycle that saw its
   * job end was committing is told by the next one. Rules are read only when something changed.
   */
  async function planPersonal(changes: JobChange[], now: number): Promise<DirectPlan> {
    const ended = changes.filter((c) => WATCH_ENDS.includes(c.to)).map((c) => c.job.id);
    const [watches, finished, rules] = await Promise.all([
      ended.length > 0 ? store.watchesOf(ended) : [],
      store.finishedWatches(),
      changes.length > 0 ? store.notifyRules(null) : [],
    ]);
    return planDirect({ changes, watches, finished, rules }, { now, digestThreshold });
  }

  async function cycle(): Promise<Omit<CycleReport, 'durationMs' | 'nextAt' | 'ok'>> {
    const now = clock.now();
    const hwm = highWater.read(await store.getProgress(HWM_KEY), now);
    const lastCycle = await store.getProgress(LAST_CYCLE_KEY);
    const first = hwm === null;
    const since = first ? now - lookbackMs : hwm - lookbackMs;
    // Jobs tracked as active were last seen so at the last committed cycle: none ended before it.
    const finishedSince = lastCycle === null ? null : Number(lastCycle) - lookbackMs;
    const reading = await readHume(feed, store, since, logger, { due: (tracked) => troubles.due(tracked, now), finishedSince });

    let newHwm = first ? now : hwm;
    for (const seen of reading.observed.values()) newHwm = highWater.advance(newHwm, seen, now);
    const { changes, upserts, unreadable } = await planUpserts(reading, first, now);

    const catchUp = !first && lastCycle !== null && now - Number(lastCycle) > 3 * intervalMs;
    if (options.isActive && !options.isActive()) throw new NotActiveError();
    const active = [...reading.observed.values()].filter((j) => j.status === 'queued' || j.status === 'running');
    // Overdue needs the subscriptions too (channels may set their own limit) while anything is active.
    const watchOverdue = !first && active.length > 0;
    const rule = watchOverdue ? await currentOverdueRule(now) : null;
    const subscriptions = changes.length > 0 || watchOverdue ? await store.listSubscriptions(null) : [];
    // Rows for jobs already reported overdue are dropped by their dedupe key: said once. Many at
    // once in a channel fold into one digest, which must leave out the jobs said before.
    const overdue = watchOverdue ? planOverdue(active, rule, subscriptions, now) : [];
    const reported = mayFoldOverdue(overdue, digestThreshold) ? await store.existingAlertKeys(overdue.map((row) => row.dedupeKey)) : new Set<string>();
    // The first start records what exists without telling anyone, people included.
    const direct = first ? { rows: [], endWatches: [] } : await planPersonal(changes, now);
    const alerts = [
      ...(changes.length > 0 ? planAlerts(changes, subscriptions, { now, digestThreshold, catchUp }) : []),
      ...foldOverdue(overdue, reported, { now, digestThreshold }),
      ...direct.rows,
    ];
    await store.commitCycle({
      upsertJobs: upserts,
      alerts,
      endWatches: direct.endWatches,
      // Marks only move forward in the store (a late commit cannot take them back), except from
      // past the skew allowed: a poisoned mark is brought back.
      progress: {},
      marks: { [HWM_KEY]: { value: newHwm, ceiling: now + MAX_CLOCK_SKEW_MS }, [LAST_CYCLE_KEY]: { value: now, ceiling: now + MAX_CLOCK_SKEW_MS } },
    });
    return { first, catchUp, requests: reading.requests, changes: changes.length, alerts: alerts.length, unreadableJobs: unreadable };
  }

  async function runCycle(): Promise<CycleReport> {
    const started = clock.now();
    try {
      await options.history?.record(() => {
        if (options.isActive && !options.isActive()) throw new NotActiveError();
      });
      const result = await cycle();
      failures = 0;
      refusals = 0;
      const report = { ok: true, ...result, durationMs: clock.now() - started, nextAt: clock.now() + intervalMs };
      logger.debug(report, 'poll cycle');
      options.onCycle?.(report);
      return report;
    } catch (error) {
      // A cycle dropped because the lease is being renewed late is not Hume failing: trying again
      // at the usual pace lets this replica resume as soon as it holds the lease again.
      // Fenced out: another replica took the lease while this one was stalled; the leader steps down.
      const dropped = error instanceof NotActiveError || error instanceof FencedOutError;
      if (!dropped) {
        failures += 1;
        refusals = error instanceof HumeError && !error.retryable ? refusals + 1 : 0;
      }
      const retry = dropped ? { delayMs: intervalMs, reason: 'this replica is not the active poller right now' } : cycleRetry(error, intervalMs, { failures, refusals });
      const delay = retry.delayMs;
      const report: CycleReport = {
        ok: false,
        first: false,
        catchUp: false,
        requests: 0,
        changes: 0,
        alerts: 0,
        durationMs: clock.now() - started,
        error,
        nextAt: clock.now() + delay,
        retryReason: retry.reason,
      };
      const detail = error instanceof HumeError ? { code: error.code, status: error.status, err: error.message } : { err: error };
      if (dropped) logger.info({ retryInMs: delay }, 'poll cycle dropped: this replica is not the active poller right now');
      else logger.warn({ ...detail, failures, retryInMs: delay, nextTryAt: new Date(report.nextAt).toISOString(), why: retry.reason }, 'poll cycle failed');
      options.onCycle?.(report);
      return report;
    }
  }

  return {
    name: 'poller',
    start() {
      loop ??= startLoop(clock, async () => {
        const report = await runCycle();
        return Math.max(0, report.nextAt - clock.now());
      });
    },
    async stop() {
      await loop?.stop();
      loop = null;
    },
    runCycle,
  };
}
