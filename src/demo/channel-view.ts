/**
 * What a channel member would see, as it happens: each message the app posts, each edit (a
 * compact new version: the full one was shown when it was posted) and each thread reply,
 * under a line with the time and the channel. Pure: the caller prints the lines.
 */
import type { SlackCall, StoredMessage } from '../simulator/slack-server';
import { renderMessage, type RenderOptions } from './render';
import { plainStyle } from './style';

export interface ChannelViewOptions extends RenderOptions {
  /** The message a thread reply or an edit belongs to, as the channel shows it now. */
  findMessage(channel: string, ts: string): StoredMessage | undefined;
}

const INDENT = '  ';
const PARENT_CHARS = 60;

/** `14:03:07` in the local time zone: the reader's own clock, as Slack would show. */
export function clockTime(at: number): string {
  const date = new Date(at);
  return [date.getHours(), date.getMinutes(), date.getSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** "Job 1a2b3c4d completed": the parent's fallback text, enough to say which message. */
function parentName(message: StoredMessage | undefined): string {
  if (!message) return 'an earlier message';
  const text = message.text.replace(/\s+/g, ' ');
  return text.length > PARENT_CHARS ? `${text.slice(0, PARENT_CHARS - 1)}…` : text;
}

/** The lines for one Web API call, or null for calls a channel member would not see. */
export function channelLines(call: SlackCall, options: ChannelViewOptions): string[] | null {
  if (call.method !== 'chat.postMessage' && call.method !== 'chat.update') return null;
  const style = options.style ?? plainStyle;
  const channelId = str(call.args.channel) ?? '?';
  const channel = style.accent(`#${options.channels?.[channelId] ?? channelId}`);
  const head = (what: string) => `${style.dim(clockTime(call.at))} ${channel}  ${what}`;
  const message = { text: call.args.text, blocks: call.args.blocks };

  if (call.method === 'chat.update') {
    const ts = str(call.args.ts) ?? '';
    const body = renderMessage(message, { ...options, compact: true });
    return [head(style.dim(`✎ edited: ${parentName(options.findMessage(channelId, ts))}`)), ...body.map((line) => INDENT + line)];
  }
  const threadTs = str(call.args.thread_ts);
  if (threadTs !== undefined) {
    const body = renderMessage(message, options);
    return [
      head(style.dim(`in the thread of: ${parentName(options.findMessage(channelId, threadTs))}`)),
      ...body.map((line, i) => `${INDENT}${i === 0 ? '↳ ' : '  '}${line}`),
    ];
  }
  return [head(style.bold('hume-jobs')), ...renderMessage(message, options).map((line) => INDENT + line)];
}
