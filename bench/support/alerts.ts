/** Reading the alerts the app posted to the Slack stand-in: which job, or how many in a digest. */
import { ALERT_EVENT_TYPE } from '../../src/delivery/find-posted';
import type { SlackCall, SlackStandIn } from '../../src/simulator/slack-server';

export interface AlertPost {
  channel: string;
  at: number;
  /** Jobs named in full in the message (a job alert names its job in its Details button). */
  jobIds: string[];
  /** Changes a digest sums up (from its header, "1,000 job updates"); 0 for a job alert. */
  digestOf: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const DIGEST_TITLE = /([\d,]+) job updates?$/;

function isAlertPost(call: SlackCall): boolean {
  const metadata = call.args.metadata as { event_type?: string } | undefined;
  // Thread lines carry the same metadata; the channel message is what a change first produces.
  return call.method === 'chat.postMessage' && metadata?.event_type === ALERT_EVENT_TYPE && call.args.thread_ts === undefined;
}

/** Changes a digest sums up (from its header); 0 for any other message. */
export function digestCount(call: SlackCall): number {
  const blocks = Array.isArray(call.args.blocks) ? (call.args.blocks as { type?: string; text?: { text?: string } }[]) : [];
  const header = blocks.find((block) => block.type === 'header')?.text?.text ?? '';
  const match = DIGEST_TITLE.exec(header);
  return match ? Number(match[1]!.replace(/,/g, '')) : 0;
}

/** Channel messages the delivery posted (not edits, not thread lines) to the given channels. */
export function alertPosts(slack: SlackStandIn, channels: readonly string[]): AlertPost[] {
  return slack.calls
    .filter((call) => isAlertPost(call) && channels.includes(String(call.args.channel)))
    .map((call) => ({
      channel: String(call.args.channel),
      at: call.at,
      jobIds: [...new Set(JSON.stringify(call.args.blocks ?? []).match(UUID) ?? [])],
      digestOf: digestCount(call),
    }));
}
