/**
 * When Slack first showed each change, read from what the Slack stand-in recorded: the first
 * channel message (the job's own alert, or a digest that lists it) or edit that names the job
 * after it changed. A job alert names its job in full (its Details button); a digest lists each
 * job by its short id in code (`1a2b3c4d`), which is how a person reading it finds the job.
 */
import { shortId } from '../../src/jobs/job';
import type { SlackCall } from '../../src/simulator/slack-server';
import { ALERT_EVENT_TYPE } from '../../src/delivery/find-posted';
import { digestCount } from './alerts';

export interface Shown {
  /** Lag of each change shown: Slack's time of the message that first showed it, minus the change. */
  lagsMs: number[];
  /** Jobs named by more than one channel message (edits of a job's own message are not repeats). */
  twice: string[];
  /** Jobs Slack never showed. */
  missing: string[];
  /** From the last change to the last change shown. */
  lastLagMs: number;
  /** Alert messages posted in the channel (thread lines excluded), and of those, digests. */
  posts: number;
  digests: number;
}

/** A channel message delivery posted for an alert (thread lines carry the same metadata: not those). */
function isAlertPost(call: SlackCall): boolean {
  const metadata = call.args.metadata as { event_type?: string } | undefined;
  return call.method === 'chat.postMessage' && metadata?.event_type === ALERT_EVENT_TYPE && call.args.thread_ts === undefined;
}

/** The message's text as Slack renders it: its blocks, else its fallback text. */
function body(call: SlackCall): string {
  return JSON.stringify(call.args.blocks ?? call.args.text ?? '');
}

/** Whether a message's text names the job (in full, or by its short id in code as a digest lists it). */
export function namesJob(text: string, jobId: string): boolean {
  return text.includes(jobId) || text.includes(`\`${shortId(jobId)}\``);
}

/**
 * Reads the stand-in's calls as they come: each call is looked at once, so asking again after
 * every step of a long run costs only the calls made since. `changedAt` holds each job's change,
 * on the clock the stand-in stamps its calls with; a call before a job's change cannot show it.
 */
export function shownReader(channel: string, changedAt: ReadonlyMap<string, number>): (calls: readonly SlackCall[]) => Shown {
  const shownAt = new Map<string, number>();
  const messages = new Map<string, number>();
  let read = 0;
  let posts = 0;
  let digests = 0;
  const look = (call: SlackCall) => {
    if (String(call.args.channel) !== channel) return;
    // An edit carries no metadata: any edit in the channel that names the job shows its change.
    const post = isAlertPost(call);
    if (!post && call.method !== 'chat.update') return;
    const text = body(call);
    for (const [jobId, at] of changedAt) {
      if (call.at < at || !namesJob(text, jobId)) continue;
      if (!shownAt.has(jobId)) shownAt.set(jobId, call.at);
      if (post) messages.set(jobId, (messages.get(jobId) ?? 0) + 1);
    }
    if (post) {
      posts += 1;
      if (digestCount(call) > 0) digests += 1;
    }
  };
  return (calls) => {
    for (; read < calls.length; read++) look(calls[read]!);
    const lastChange = Math.max(...changedAt.values());
    return {
      lagsMs: [...shownAt].map(([jobId, at]) => at - changedAt.get(jobId)!),
      twice: [...messages].filter(([, n]) => n > 1).map(([jobId]) => jobId),
      missing: [...changedAt.keys()].filter((jobId) => !shownAt.has(jobId)),
      lastLagMs: shownAt.size === 0 ? Number.NaN : Math.max(...shownAt.values()) - lastChange,
      posts,
      digests,
    };
  };
}
