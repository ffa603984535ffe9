/**
 * A stoppable loop on the injected clock: run a step, wait the delay it asks for, repeat.
 * `stop()` lets the current step finish (no work is cut in half) and resolves when the loop has
 * ended; `wake()` cuts the current wait short. The poller and delivery both run on it.
 */
import type { Clock } from '../clock';

export interface Loop {
  stop(): Promise<void>;
  wake(): void;
}

/** `step` returns how long to wait before the next run (ms). It must not throw. */
export function startLoop(clock: Clock, step: () => Promise<number>): Loop {
  let stopped = false;
  let waiting = new AbortController();
  const running = (async () => {
    while (!stopped) {
      const delay = await step();
      if (stopped) break;
      if (delay > 0) await clock.sleep(delay, waiting.signal).catch(() => undefined);
      if (waiting.signal.aborted) waiting = new AbortController();
    }
  })();
  return {
    async stop() {
      stopped = true;
      waiting.abort();
      await running;
    },
    wake() {
      waiting.abort();
    },
  };
}
