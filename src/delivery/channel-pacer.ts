/**
 * Slack's pace for delivery's writes, per method and channel, and a bound on calls in flight.
 *
 * - chat.postMessage: about one message per second per channel (docs.slack.dev/reference/methods/
 *   chat.postMessage, "Rate limits: Special"); a Retry-After on it pauses that channel only.
 * - chat.update (Tier 3) and other tiered methods are limited per method per workspace
 *   (docs.slack.dev/apis/web-api/rate-limits): a Retry-After on them pauses that method in every
 *   channel. They have no per-channel pace of their own.
 *
 * A wait longer than `maxWaitMs` is not slept through: `PausedError` says until when, so the
 * caller hands its rows back to the outbox instead of holding claims past their lease.
 */
import type { Clock } from '../clock';

/** conversations.open (Tier 3) opens the DM a personal notification is posted in. */
export type SlackWrite = 'chat.postMessage' | 'chat.update' | 'conversations.open';

export class PausedError extends Error {
  constructor(
    readonly until: number,
    /** Why (Slack's error code), recorded on the rows that wait. */
    readonly reason = 'ratelimited',
  ) {
    super(`Slack asked to wait until ${new Date(until).toISOString()} (${reason})`);
    this.name = 'PausedError';
  }
}

export class ChannelPacer {
  /** postMessage: per channel. Other methods: one key per method (workspace-wide). */
  private readonly nextAt = new Map<string, number>();
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly gapMs: number,
    private readonly maxInFlight = 16,
    private readonly maxWaitMs = Math.max(5000, 3 * gapMs),
  ) {}

  private key(method: SlackWrite, channelId: string): string {
    return method === 'chat.postMessage' ? `post:${channelId}` : method;
  }

  /**
   * Waits for this method's turn in this channel, books the next slot, then waits for a free
   * call slot. Returns the function that frees it again (call it when Slack has answered).
   */
  async acquire(method: SlackWrite, channelId: string, signal?: AbortSignal): Promise<() => void> {
    const key = this.key(method, channelId);
    const now = this.clock.now();
    const at = Math.max(now, this.nextAt.get(key) ?? 0);
    if (at - now > this.maxWaitMs) throw new PausedError(at);
    if (method === 'chat.postMessage') this.nextAt.set(key, at + this.gapMs);
    if (at > now) await this.clock.sleep(at - now, signal);
    // A freed slot is handed straight to the next waiter, so the bound holds at every moment.
    if (this.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight -= 1;
    };
  }

  /** Slack answered 429 with Retry-After: nothing more of this method (here) until `at`. */
  pauseUntil(method: SlackWrite, channelId: string, at: number): void {
    const key = this.key(method, channelId);
    this.nextAt.set(key, Math.max(at, this.nextAt.get(key) ?? 0));
  }
}
