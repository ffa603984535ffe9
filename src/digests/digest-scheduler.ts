/**
 * Scheduled digests: the active replica looks at every channel's schedule when the next one is
 * due (and at least every `maxWaitMs`, so a schedule set through another replica is seen), and
 * queues each due digest into the outbox, where delivery posts it like any alert.
 *
 * Exactly once per period: the digest is queued in ONE fenced transaction that also moves the
 * schedule's period forward (store: queueScheduledDigest), so a crash leaves either both or
 * neither, a second replica or a rerun finds the period taken, and a thawed ex-leader writes
 * nothing. A schedule missed while the app was down is due once, for its latest period, and its
 * digest covers everything since the last one (domain/digest-schedule.ts: duePeriod).
 */
import type { Clock } from '../clock';
import { digestDedupeKey, duePeriod, isKnownZone, nextDueAt, windowStart, type DigestSchedule } from '../domain/digest-schedule';
import type { SourceName } from '../jobs/job';
import type { Logger } from '../logging/logger';
import { loadDigestActivity } from '../queries/digest-activity';
import { buildDigestReport } from '../reports/digest-report';
import { startLoop, type Loop } from '../runtime/loop';
import type { Worker } from '../runtime/workers';
import { FencedOutError } from '../store/fence';
import type { DigestStore, JobStore, NewOutboxRow } from '../store/store';

export interface DigestSchedulerOptions {
  /** The schedules it reads and advances, the jobs a digest counts (fenced: the leader's store). */
  store: DigestStore & JobStore;
  clock: Clock;
  logger: Logger;
  /** Whose words digests speak (runs: no queue). */
  source: SourceName;
  /** A digest was queued: delivery can post it now. */
  onQueued?: () => void;
  /** The longest wait between looks (ms). */
  maxWaitMs?: number;
}

/** Runs only on the lease holder; the leader starts and stops it with the other workers. */
export interface DigestScheduler extends Worker {
  /** Queues every digest due now; returns how many it queued (tests, one-off runs). */
  runOnce(): Promise<number>;
}

export function createDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { store, clock, logger, source } = options;
  const maxWaitMs = options.maxWaitMs ?? 30_000;
  let loop: Loop | null = null;

  /** The digest of `schedule` for the period `dueAt`, counted up to `now`. */
  async function digestOf(schedule: DigestSchedule, dueAt: number, now: number): Promise<NewOutboxRow> {
    const since = windowStart(schedule);
    const report = buildDigestReport(schedule, source, { dueAt, since, until: now }, await loadDigestActivity(store, since));
    return { channelId: schedule.channelId, jobId: null, dedupeKey: digestDedupeKey(schedule, dueAt), payload: { type: 'scheduled-digest', report, mention: null }, createdAt: now };
  }

  async function runOnce(): Promise<number> {
    const now = clock.now();
    let queued = 0;
    for (const schedule of await store.listDigestSchedules(null)) {
      // Zones are checked when a schedule is set; one this runtime does not know is left alone.
      if (!isKnownZone(schedule.timeZone)) continue;
      const dueAt = duePeriod(schedule, now);
      if (dueAt === null) continue;
      const digest = await digestOf(schedule, dueAt, now);
      if (await store.queueScheduledDigest(schedule, dueAt, now, digest)) {
        queued += 1;
        const late = now - dueAt;
        logger.info({ channel: schedule.channelId, dueAt: new Date(dueAt).toISOString(), lateMs: late }, 'scheduled digest queued');
      }
    }
    if (queued > 0) options.onQueued?.();
    return queued;
  }

  /** Until the next digest is due, at most `maxWaitMs`. */
  async function nextWait(): Promise<number> {
    const now = clock.now();
    const schedules = (await store.listDigestSchedules(null)).filter((s) => isKnownZone(s.timeZone));
    const next = Math.min(...schedules.map((s) => nextDueAt(s, now)));
    return Math.max(1, Math.min(maxWaitMs, next - now));
  }

  return {
    name: 'digests',
    start() {
      loop ??= startLoop(clock, async () => {
        try {
          await runOnce();
          return await nextWait();
        } catch (error) {
          // Handing over: the new leader queues what this one could not.
          if (error instanceof FencedOutError) return maxWaitMs;
          logger.warn({ err: error }, 'scheduled digests not queued; will try again');
          return maxWaitMs;
        }
      });
    },
    async stop() {
      await loop?.stop();
      loop = null;
    },
    runOnce,
  };
}
