/**
 * Section: lag under sustained load. Jobs finish at 4 a second into one channel for a minute,
 * while Slack takes about one message a second per channel: without folding, the backlog grows
 * by 3 a second and never clears. Measured from each job's change on Hume to the moment Slack
 * first shows it (its own message, a digest that lists it, or an edit), with the app in its own
 * process on the real clock: what a user watching the channel sees. The same load is also run
 * in fake time with the app in this process, as it is and with folding off (the baseline).
 */
import { runFor, runUntil, TestClock } from '../test/support/clock';
import { startAppHarness } from '../test/support/app-harness';
import { createCommander } from './support/commands';
import { startApp, type Rig } from './support/rig';
import { count, percentile, type SectionResult } from './support/report';
import { shownReader, type Shown } from './support/shown';
import { sleep, until } from './support/wait';

export interface SustainedLoadOptions {
  perSecond: number;
  seconds: number;
  /** After the last change shows up, how long to keep watching for a repeat. */
  repeatWatchMs?: number;
  /** Also run the load in fake time (the app in this process), with and without folding. */
  fakeTime?: boolean;
}

export interface LoadRun {
  label: string;
  changes: number;
  shown: Shown;
}

export interface SustainedLoadResult extends SectionResult {
  runs: LoadRun[];
}

const CHANNEL = 'CBENCHLOAD';
/** One in seven fails, as in the burst section. */
const outcome = (i: number): 'completed' | 'failed' => (i % 7 === 0 ? 'failed' : 'completed');
/** Far past any sane lag: a run that has not shown every change by then has lost some. */
const DRAIN_LIMIT_MS = 10 * 60_000;
const COMMANDS = ['subscribe completed failed', 'overdue off'];

/** The app in its own process (production build, POLL_INTERVAL=1s), the simulator in another. */
async function realTime(rig: Rig, options: SustainedLoadOptions, problems: string[]): Promise<LoadRun> {
  const total = options.perSecond * options.seconds;
  const { running } = await rig.sim.call({ op: 'addActive', queued: 0, running: total });
  const app = await startApp(rig, { pollInterval: '1s' });
  const changedAt = new Map<string, number>();
  const read = shownReader(CHANNEL, changedAt);
  try {
    // The first cycle records the running jobs without alerting: changes must come after it.
    await app.waitForCycle(0);
    const commander = createCommander(rig.slack, app.port);
    // The jobs in flight are older than the history says jobs usually take: not their overdue alerts.
    for (const text of COMMANDS) {
      const { failure } = await commander.run(text, { channel_id: CHANNEL });
      if (failure) problems.push(`${text}: ${failure}`);
    }
    commander.close();
    const start = performance.now();
    for (const [i, id] of running.entries()) {
      changedAt.set(id, (await rig.sim.call({ op: 'finish', moves: [{ id, to: outcome(i) }] })).at);
      await sleep(start + ((i + 1) * 1000) / options.perSecond - performance.now());
    }
    await until(() => read(rig.slack.calls).missing.length === 0, 'every change shown in Slack', DRAIN_LIMIT_MS, 250).catch(() => undefined);
    await sleep(options.repeatWatchMs ?? 3_000);
  } finally {
    await app.stop();
  }
  problems.push(...app.problems());
  return { label: 'hume-jobs, real time (app in its own process)', changes: total, shown: read(rig.slack.calls) };
}

/** The whole app in this process on a fake clock, with the Hume simulator and Slack stand-in in this process too. */
async function fakeTime(options: SustainedLoadOptions, foldAbove: number | undefined, problems: string[]): Promise<LoadRun> {
  const total = options.perSecond * options.seconds;
  const clock = new TestClock(Date.now());
  const h = await startAppHarness({ clock, env: { POLL_INTERVAL: '1s', LOG_LEVEL: 'info' }, overrides: foldAbove === undefined ? {} : { foldAbove } });
  const changedAt = new Map<string, number>();
  const read = shownReader(CHANNEL, changedAt);
  const label = foldAbove === undefined ? 'hume-jobs, fake time (app in this process)' : 'baseline: the same app with folding off, fake time';
  try {
    const ids = Array.from({ length: total }, () => {
      const job = h.book.add({ createdAt: clock.now() - 10 * 60_000 });
      return h.book.start(job.job_id, clock.now() - 9 * 60_000).job_id;
    });
    await runUntil(h, () => h.app.health.report().body.poller.state === 'running', 'the first cycle', 60_000);
    for (const text of COMMANDS) await h.responseTo((await h.command(text, { channel_id: CHANNEL })).responseUrl);
    for (const [i, id] of ids.entries()) {
      if (outcome(i) === 'failed') h.book.fail(id, undefined, clock.now());
      else h.book.complete(id, { numPredictions: 12, numErrors: 0 }, clock.now());
      changedAt.set(id, clock.now());
      await runFor(h, 1000 / options.perSecond);
    }
    await runUntil(h, () => read(h.slack.calls).missing.length === 0, 'every change shown in Slack', DRAIN_LIMIT_MS).catch((error: unknown) =>
      problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`),
    );
    await runFor(h, options.repeatWatchMs ?? 3_000);
    problems.push(...h.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50).map((line) => `${label}: app logged ${line.slice(0, 300)}`));
    return { label, changes: total, shown: read(h.slack.calls) };
  } finally {
    await h.close();
  }
}

const seconds = (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(1) : 'n/a');

export async function measureSustainedLoad(rig: Rig, options: SustainedLoadOptions): Promise<SustainedLoadResult> {
  const problems: string[] = [];
  const runs = [await realTime(rig, options, problems)];
  if (options.fakeTime) runs.push(await fakeTime(options, undefined, problems), await fakeTime(options, Infinity, problems));
  for (const run of runs) {
    const { missing, twice } = run.shown;
    if (missing.length > 0) problems.push(`${run.label}: ${missing.length} of ${run.changes} changes never shown in Slack`);
    if (twice.length > 0) problems.push(`${run.label}: ${twice.length} changes shown twice`);
  }
  const total = options.perSecond * options.seconds;
  return {
    title: `Lag under sustained load: ${options.perSecond} changes a second into one channel for ${options.seconds} s`,
    runs,
    problems,
    tables: [
      {
        headers: ['run', 'changes', 'shown in Slack', 'shown twice', 'Slack messages (digests)', 'lag p50 s', 'lag p99 s', 'lag max s', 'last change → shown s'],
        rows: runs.map(({ label, changes, shown }) => [
          label,
          count(changes),
          count(shown.lagsMs.length),
          count(shown.twice.length),
          `${count(shown.posts)} (${count(shown.digests)})`,
          seconds(percentile(shown.lagsMs, 50)),
          seconds(percentile(shown.lagsMs, 99)),
          seconds(Math.max(...shown.lagsMs)),
          seconds(shown.lastLagMs),
        ]),
      },
    ],
    method:
      `${count(total)} running jobs, recorded by the app's first cycle, finish one every ${1000 / options.perSecond} ms (one in seven failed) into one channel subscribed to \`completed failed\` (with the slash command; \`overdue off\`, so only the changes are posted). ` +
      'Slack takes about one message a second per channel (docs.slack.dev chat.postMessage, "Rate limits: Special"), and the app keeps to that pace, so without folding the backlog grows by three a second. ' +
      'Lag runs from the change on the simulator to the first message at the Slack stand-in that shows it: the job\'s own alert (named in full), a digest that lists it (by its short id), or an edit of its message; a change named by two channel messages counts as shown twice. ' +
      `The first row is the app in its own process (the production build, POLL_INTERVAL=1s) against the simulator in another, on the real clock: it takes the ${options.seconds} s of the load plus the drain, and it is what a user watching the channel sees. ` +
      (options.fakeTime
        ? 'The other rows run the same load with the whole app in this process on a fake clock (the tests\' clock, test/support/clock.ts: time moves from one sleeper to the next once every request in flight has been answered, so no step is cut short by a slow machine), once as it is, to set beside the real clock (fake time leaves out what each step costs in real time, and its polls fall exactly in step with the changes, so its figures are close to the first row\'s, not equal), and once with delivery\'s folding turned off: the app before folding, at the same load (a real-time run of it would take four minutes). '
        : '') +
      `Before folding, this machine measured 100 changes at about 4 a second: the last alert came 73 s after the last change. Target: every change shown once, p99 ≤ 15 s. Every run watches ${(options.repeatWatchMs ?? 3_000) / 1000} s more for repeats.`,
  };
}
