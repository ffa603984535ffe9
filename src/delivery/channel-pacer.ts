/** Keeps each channel to Slack's pace (about one message per second), and honours Retry-After. */
import type { Clock } from '../clock';

export class ChannelPacer {
  private readonly nextAt = new Map<string, number>();

  constructor(
    private readonly clock: Clock,
    private readonly gapMs: number,
  ) {}

  /** Waits until this channel may receive the next write, and books the slot after it. */
  async wait(channelId: string): Promise<void> {
    const now = this.clock.now();
    const at = Math.max(now, this.nextAt.get(channelId) ?? 0);
    this.nextAt.set(channelId, at + this.gapMs);
    if (at > now) await this.clock.sleep(at - now);
  }

  pauseUntil(channelId: string, at: number): void {
    this.nextAt.set(channelId, Math.max(at, this.nextAt.get(channelId) ?? 0));
  }
}
