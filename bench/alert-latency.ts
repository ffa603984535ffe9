/**
 * Section 2: from a status change on the simulator to the alert at the Slack stand-in, on the
 * real clock, with POLL_INTERVAL=1s. Changes are spaced and split over two channels so that
 * each channel stays under Slack's pace (1 message/s) and no digest forms: this measures
 * detection and delivery, not queueing (the burst section covers that).
 */
import { alertPosts, type AlertPost } from './support/alerts';
import { createCommander } from './support/commands';
import { startApp, type Rig } from './support/rig';
import { count, ms, percentile, type SectionResult } from './support/report';
import { sleep, until } from './support/wait';

export interface AlertLatencyOptions {
  changes: number;
  /** Between two changes; each channel gets every other one. */
  spacingMs: number;
  /** After the last alert arrives, how long to keep watching for a repeated one. */
  repeatWatchMs?: number;
}

export interface AlertLatencyResult extends SectionResult {
  latenciesMs: number[];
}

const CHANNELS = { completed: 'CBENCHDONE', failed: 'CBENCHFAIL' } as const;

/** Exactly one message per job, in the channel of the status it reached; anything else is a problem. */
function checkDelivery(posts: AlertPost[], expected: Map<string, string>): string[] {
  const problems: string[] = [];
  const seen = new Map<string, number>();
  for (const post of posts) {
    if (post.digestOf > 0) problems.push(`a digest of ${post.digestOf} formed in ${post.channel}: the changes were not spread enough`);
    for (const id of post.jobIds) {
      seen.set(id, (seen.get(id) ?? 0) + 1);
      if (expected.get(id) !== post.channel) problems.push(`job ${id} was alerted in ${post.channel}, expected ${expected.get(id) ?? 'nowhere'}`);
    }
  }
  for (const id of expected.keys()) {
    const times = seen.get(id) ?? 0;
    if (times !== 1) problems.push(`job ${id}: ${times === 0 ? 'alert lost' : `alerted ${times} times`}`);
  }
  return problems;
}

export async function measureAlertLatency(rig: Rig, options: AlertLatencyOptions): Promise<AlertLatencyResult> {
  const { running } = await rig.sim.call({ op: 'addActive', queued: 0, running: options.changes });
  const app = await startApp(rig, { pollInterval: '1s' });
  const repeatWatchMs = options.repeatWatchMs ?? 3_000;
  const problems: string[] = [];
  const changedAt = new Map<string, number>();
  const expected = new Map<string, string>();
  let posts: AlertPost[] = [];
  try {
    // The first cycle records the running jobs without alerting: changes must come after it.
    await app.waitForCycle(0);
    const commander = createCommander(rig.slack, app.port);
    for (const [kind, channel] of Object.entries(CHANNELS)) {
      const { failure } = await commander.run(`subscribe ${kind}`, { channel_id: channel });
      if (failure) problems.push(`subscribe ${kind}: ${failure}`);
      // The jobs in flight are older than the first start's history says jobs usually take: their
      // overdue alerts are not what is measured here.
      const overdue = await commander.run('overdue off', { channel_id: channel });
      if (overdue.failure) problems.push(`overdue off: ${overdue.failure}`);
    }
    commander.close();

    const start = performance.now();
    for (const [i, id] of running.entries()) {
      const to = i % 2 === 0 ? 'completed' : 'failed';
      expected.set(id, CHANNELS[to]);
      changedAt.set(id, (await rig.sim.call({ op: 'finish', moves: [{ id, to }] })).at);
      await sleep(start + (i + 1) * options.spacingMs - performance.now());
    }
    const channels = Object.values(CHANNELS);
    const allArrived = () => new Set(alertPosts(rig.slack, channels).flatMap((p) => p.jobIds)).size >= expected.size;
    await until(allArrived, 'every alert', 30_000, 20).catch(() => undefined);
    await sleep(repeatWatchMs);
    posts = alertPosts(rig.slack, channels);
  } finally {
    await app.stop();
  }
  problems.push(...checkDelivery(posts, expected), ...app.problems());

  const latenciesMs = running.flatMap((id) => {
    const post = posts.find((p) => p.jobIds.includes(id));
    return post ? [post.at - changedAt.get(id)!] : [];
  });
  return {
    title: 'Alert latency: status change on Hume → message in Slack (POLL_INTERVAL=1s)',
    latenciesMs,
    problems,
    tables: [
      {
        headers: ['changes', 'alerts received', 'p50 ms', 'p99 ms', 'max ms'],
        rows: [[count(options.changes), count(latenciesMs.length), ms(percentile(latenciesMs, 50)), ms(percentile(latenciesMs, 99)), ms(Math.max(...latenciesMs))]],
      },
    ],
    method:
      `The app runs in its own process with POLL_INTERVAL=1s and Slack's real pace (1 message/s per channel), on the real clock. ${options.changes} running jobs on the simulator (another process) are finished one every ${options.spacingMs} ms, alternately completed and failed; one channel is subscribed to \`completed\` and another to \`failed\` (with the slash command), so each channel gets a change every ${options.spacingMs * 2} ms, under Slack's pace and far from a digest. ` +
      'Latency runs from the moment the simulator changed the job (its clock) to the moment the Slack stand-in received chat.postMessage (this process\'s clock; same machine, same wall clock). ' +
      'A poll interval of 1 s puts about 0.5 s of waiting in the median on its own; the rest is the cycle (list active jobs, list new ones, GET each job that left the active list, one SQLite transaction) and delivery. ' +
      `Every job must be alerted exactly once in its channel (checked, and watched for repeats for ${repeatWatchMs / 1000} s after the last one).`,
  };
}
