/**
 * Section 4: many jobs change at once, all alerting one channel, at Slack's real pace (1 message
 * per second per channel, not shortened). More than ten alerts for one channel in one cycle
 * become one digest, so the burst is a message or two instead of a quarter of an hour of them.
 */
import { alertPosts, type AlertPost } from './support/alerts';
import { startApp, type Rig } from './support/rig';
import { count, type SectionResult } from './support/report';
import { sleep, until } from './support/wait';

export interface BurstOptions {
  changes: number;
  /** Give up waiting for the alerts after this long (a correct app needs a few seconds). */
  timeoutMs: number;
}

export interface BurstResult extends SectionResult {
  messages: number;
  covered: number;
}

const CHANNEL = 'CBENCHBURST';
const REPEAT_WATCH_MS = 3_000;

/** How many changes the posts account for: a digest's count, or one per job alert. */
function covered(posts: AlertPost[]): number {
  return posts.reduce((sum, post) => sum + (post.digestOf > 0 ? post.digestOf : post.jobIds.length), 0);
}

export async function measureBurst(rig: Rig, options: BurstOptions): Promise<BurstResult> {
  const { running } = await rig.sim.call({ op: 'addActive', queued: 0, running: options.changes });
  // ALERT_CHANNEL subscribes the channel to `completed failed` at start (configuration as code).
  const app = await startApp(rig, { pollInterval: '1s', alertChannel: CHANNEL });
  const problems: string[] = [];
  let posts: AlertPost[] = [];
  let elapsedMs = Number.NaN;
  let requests = 0;
  try {
    await app.waitForCycle(0);
    const requestsBefore = await rig.sim.requests();
    // One failure in seven, in the same millisecond as the completions: one cycle sees them all.
    const { at } = await rig.sim.call({ op: 'finish', moves: running.map((id, i) => ({ id, to: i % 7 === 0 ? 'failed' : 'completed' })) });
    const done = await until(
      () => {
        const now = alertPosts(rig.slack, [CHANNEL]);
        return covered(now) >= options.changes ? now : null;
      },
      `alerts covering ${options.changes} changes`,
      options.timeoutMs,
      20,
    ).catch((error: unknown) => {
      problems.push(`burst: ${error instanceof Error ? error.message : String(error)} (lost or stuck alerts)`);
      return null;
    });
    if (done) elapsedMs = Math.max(...done.map((post) => post.at)) - at;
    requests = (await rig.sim.requests()) - requestsBefore;
    await sleep(REPEAT_WATCH_MS);
    posts = alertPosts(rig.slack, [CHANNEL]);
  } finally {
    await app.stop();
  }
  const total = covered(posts);
  if (total > options.changes) problems.push(`burst: ${total} alerts for ${options.changes} changes (repeated alerts)`);
  const ids = posts.flatMap((post) => (post.digestOf > 0 ? [] : post.jobIds));
  if (new Set(ids).size !== ids.length) problems.push('burst: a job was alerted twice');
  problems.push(...app.problems());

  const digests = posts.filter((post) => post.digestOf > 0).length;
  return {
    title: `Burst: ${count(options.changes)} changes into one channel at Slack's pace`,
    messages: posts.length,
    covered: total,
    problems,
    tables: [
      {
        headers: ['changes', 'Slack messages', 'of which digests', 'changes covered', 'time to all delivered (s)', 'Hume requests meanwhile'],
        rows: [[count(options.changes), count(posts.length), count(digests), count(total), (elapsedMs / 1000).toFixed(1), count(requests)]],
      },
    ],
    method:
      `${count(options.changes)} running jobs, recorded by the app's first cycle, are finished on the simulator in the same millisecond (one in seven failed), with one channel subscribed to \`completed failed\` through ALERT_CHANNEL. ` +
      'The app runs in its own process with POLL_INTERVAL=1s and Slack\'s real pace of 1 message per second per channel. ' +
      'Time runs from the change to the last channel message arriving at the Slack stand-in; "changes covered" adds up each digest\'s count (from its header) and one per job message, and must equal the number of changes (no alert lost or repeated). ' +
      'Hume requests meanwhile count everything the app asked the simulator from the change to the last message: the cycle that sees the burst reads the jobs that left the active list from one listing of finished jobs by end time (a few pages at most; before, one GET each: 1,002 requests), so against Hume\'s real latency it is a few round trips before it alerts, not a thousand. ' +
      `Without digests, ${count(options.changes)} messages at Slack's pace would take at least ${count(options.changes)} s.`,
  };
}
