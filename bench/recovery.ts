/**
 * Section: how soon alerts come back after an outage. Hume fails every poll for 5 minutes (HTTP
 * 503) while a job finishes, then heals: how long from healing to the next successful cycle, and
 * to that job's alert in Slack. Then the same with Slack failing every call instead. Minutes of
 * outage are not waited out on the real clock: the whole app runs in this process on the tests'
 * fake clock (test/support/clock.ts), which moves from one sleeper to the next only once every
 * request in flight has been answered, so each wait the app chose is exactly the one it slept.
 */
import { runFor, runUntil, TestClock } from '../test/support/clock';
import { startAppHarness, type AppHarness } from '../test/support/app-harness';
import { oldRecovery } from './baselines/doubling-backoff';
import { count, median, type SectionResult } from './support/report';
import { namesJob } from './support/shown';

export interface RecoveryOptions {
  outageMs: number;
  intervalMs: number;
  /**
   * Runs, each with the outage starting a little later after a good cycle (spread over one
   * interval), since how soon the next try comes depends on where in the back-off the outage
   * ends; the jitter of the requests' own retries moves it too.
   */
  phases: number;
  /** Also measure a Slack outage. */
  slack?: boolean;
}

export interface Recovery {
  /** From healing to the end of the next successful cycle (Hume) or to the alert (both). */
  toCycleMs: number;
  toAlertMs: number;
  /** Under the old doubling rule, for the same outage (Hume only). */
  oldToCycleMs: number;
  oldToAlertMs: number;
  failedTries: number;
}

export interface RecoveryResult extends SectionResult {
  hume: Recovery[];
  slack: Recovery[];
}

const CHANNEL = 'CBENCHOUTAGE';
/** Longer than any wait either rule can choose after healing. */
const AFTER_LIMIT_MS = 15 * 60_000;

interface Cycle {
  endedAt: number;
  ok: boolean;
  durationMs: number;
}

/**
 * The whole app on a fake clock, past its first cycle, with a job it saw running (so that
 * finishing it during the outage is news), and `offsetMs` on from a good cycle.
 */
async function beforeOutage(options: RecoveryOptions, offsetMs: number): Promise<{ h: AppHarness; cycles: Cycle[]; jobId: string }> {
  const cycles: Cycle[] = [];
  const clock = new TestClock(Date.now());
  const h = await startAppHarness({
    clock,
    env: { POLL_INTERVAL: `${options.intervalMs / 1000}s`, ALERT_CHANNEL: CHANNEL, LOG_LEVEL: 'info' },
    overrides: { onCycle: (report) => cycles.push({ endedAt: clock.now(), ok: report.ok, durationMs: report.durationMs }) },
  });
  try {
    await runUntil(h, () => cycles.some((c) => c.ok), 'the first cycle', 60_000);
    const job = h.book.add({ createdAt: clock.now() - 60_000 });
    const jobId = h.book.start(job.job_id, clock.now() - 30_000).job_id;
    await runFor(h, options.intervalMs + offsetMs);
    return { h, cycles, jobId };
  } catch (error) {
    await h.close();
    throw error;
  }
}

/** Channel messages that name the job: its own alert, or a catch-up summary that lists it. */
const alertsOf = (h: AppHarness, jobId: string) =>
  h.slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === CHANNEL && call.args.thread_ts === undefined && namesJob(JSON.stringify(call.args.blocks ?? ''), jobId));

/** Runs on from healing until the job's alert is in Slack, then a little longer for a repeat; when it came. */
async function alertAfter(h: AppHarness, jobId: string, what: string, problems: string[]): Promise<number> {
  await runUntil(h, () => alertsOf(h, jobId).length > 0, `the alert after ${what} healed`, AFTER_LIMIT_MS);
  await runFor(h, 10_000);
  const alerts = alertsOf(h, jobId);
  if (alerts.length !== 1) problems.push(`${what} outage: the job was alerted ${alerts.length} times`);
  problems.push(...h.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50).map((line) => `${what} outage: the app logged ${line.slice(0, 300)}`));
  return alerts[0]!.at;
}

async function humeOutage(options: RecoveryOptions, offsetMs: number, problems: string[]): Promise<Recovery> {
  const { h, cycles, jobId } = await beforeOutage(options, offsetMs);
  try {
    const release = h.hume.faults.hold({ pathPrefix: '/v0/batch/jobs', status: 503, body: { message: 'upstream unavailable' } });
    const outageAt = h.clock.now();
    h.book.complete(jobId, { numPredictions: 12, numErrors: 0 }, outageAt);
    // runFor stops at the outage's end exactly (runUntil would run on to the next sleeper's deadline).
    await runFor(h, options.outageMs);
    release();
    const healedAt = h.clock.now();
    const toAlertMs = (await alertAfter(h, jobId, 'Hume', problems)) - healedAt;
    const failed = cycles.filter((c) => !c.ok && c.endedAt > outageAt);
    const recovered = cycles.find((c) => c.ok && c.endedAt >= healedAt)!;
    if (failed.length === 0 || failed.some((c) => c.endedAt > healedAt)) problems.push('Hume outage: no failed cycle, or one after healing');
    const old = oldRecovery({ firstFailedAt: failed[0]!.endedAt - failed[0]!.durationMs, healedAt, intervalMs: options.intervalMs, failedCycleMs: median(failed.map((c) => c.durationMs)) });
    const oldToCycleMs = old.startsAt + recovered.durationMs - healedAt;
    const toCycleMs = recovered.endedAt - healedAt;
    return { toCycleMs, toAlertMs, oldToCycleMs, oldToAlertMs: oldToCycleMs + (toAlertMs - toCycleMs), failedTries: failed.length };
  } finally {
    await h.close();
  }
}

/** Every Slack call answers 503 until the outage ends (each fault answers one call): more than it can make. */
const SLACK_FAULTS = 10_000;

async function slackOutage(options: RecoveryOptions, offsetMs: number, problems: string[]): Promise<Recovery> {
  const { h, jobId } = await beforeOutage(options, offsetMs);
  try {
    for (let i = 0; i < SLACK_FAULTS; i++) h.slack.faults.push({ method: '*', status: 503, body: { ok: false, error: 'service_unavailable' } });
    h.book.complete(jobId, { numPredictions: 12, numErrors: 0 }, h.clock.now());
    await runFor(h, options.outageMs);
    const left = h.slack.faults.length;
    h.slack.faults.length = 0;
    const healedAt = h.clock.now();
    if (left === 0 || left === SLACK_FAULTS) problems.push(`Slack outage: ${left === 0 ? 'the outage ran out of faults' : 'delivery never tried Slack during the outage'}`);
    const toAlertMs = (await alertAfter(h, jobId, 'Slack', problems)) - healedAt;
    return { toCycleMs: Number.NaN, toAlertMs, oldToCycleMs: Number.NaN, oldToAlertMs: Number.NaN, failedTries: SLACK_FAULTS - left };
  } finally {
    await h.close();
  }
}

const s = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : 'n/a');
const spread = (values: number[]) => `${s(median(values))} / ${s(Math.max(...values))}`;

export async function measureRecovery(options: RecoveryOptions): Promise<RecoveryResult> {
  const problems: string[] = [];
  // The longest wait between failed cycles now: max(2 × interval, 30 s).
  const cap = Math.max(2 * options.intervalMs, 30_000);
  const offsets = Array.from({ length: options.phases }, (_, i) => Math.round((i * options.intervalMs) / options.phases));
  const hume: Recovery[] = [];
  const slack: Recovery[] = [];
  for (const offset of offsets) hume.push(await humeOutage(options, offset, problems));
  if (options.slack) for (const offset of offsets) slack.push(await slackOutage(options, offset, problems));
  const rows = [
    ['Hume (503 to every poll)', 'hume-jobs', count(hume.length), spread(hume.map((r) => r.toCycleMs)), spread(hume.map((r) => r.toAlertMs)), count(Math.max(...hume.map((r) => r.failedTries)))],
    ['Hume (503 to every poll)', 'baseline: doubling back-off up to 5 min', count(hume.length), spread(hume.map((r) => r.oldToCycleMs)), spread(hume.map((r) => r.oldToAlertMs)), 'n/a'],
    ...(slack.length > 0 ? [['Slack (503 to every call)', 'hume-jobs', count(slack.length), 'n/a (polling goes on)', spread(slack.map((r) => r.toAlertMs)), count(Math.max(...slack.map((r) => r.failedTries)))]] : []),
  ];
  const minutes = options.outageMs / 60_000;
  return {
    title: `Recovery: ${minutes} minutes of outage at POLL_INTERVAL=${options.intervalMs / 1000}s, then healed`,
    hume,
    slack,
    problems,
    tables: [{ headers: ['outage', 'app', 'runs', 'healed → next good cycle s (median / worst)', 'healed → alert in Slack s (median / worst)', 'failed tries during the outage (most)'], rows }],
    method:
      `The whole app (composition root, SQLite, Bolt over HTTP) runs in this process with POLL_INTERVAL=${options.intervalMs / 1000}s and ALERT_CHANNEL, against the Hume simulator and the Slack stand-in in this process, on a fake clock: ${minutes} minutes of outage are not waited out. ` +
      'The fake clock is the tests\' (test/support/clock.ts): it moves to the next sleeper\'s deadline only once every request in flight has been answered and the app is idle, so every wait is the one the app chose and every request still goes over loopback HTTP; what it leaves out is the real time each step takes (milliseconds here). ' +
      `A job the app saw running finishes as the outage starts; the outage lasts exactly ${minutes} minutes, then every answer is good again. ` +
      `How soon the next try comes depends on where in the back-off the outage ends, so each outage is run ${options.phases} times, starting 0 to ${s(options.intervalMs)} s after a good cycle (the requests' own retries are jittered too); the table gives the median and the worst run. ` +
      `Hume: every /v0/batch/jobs request answers 503; the poller now backs off from the interval to at most max(2 × interval, 30 s) = ${s(cap)} s, so the next good cycle comes within that, plus one failed cycle's own retries, of healing (target: the alert within 40 s); in fake time the alert follows its cycle at once. ` +
      'The baseline replays the poller\'s rule before waits were capped (interval × 2^failures, up to 5 minutes) over the same outage, from the same first failed cycle, with the same time per failed cycle and the same time from the good cycle to Slack: at the default 30 s interval, three failed cycles meant four minutes blind. ' +
      (options.slack
        ? 'Slack: every Web API call answers 503 for the outage; the alert waits in the outbox and delivery retries it with its own back-off, doubling from 1 s with jitter up to 30 s (it went up to 5 minutes before 2026-12-02: then this row measured 83.5 / 183.0 s), against the same target as Hume\'s: the next delivery within max(2 × interval, 30 s) of healing. '
        : '') +
      'Every run checks the job is alerted exactly once.',
  };
}
