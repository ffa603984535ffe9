/**
 * Graceful, then forceful, shutdown: the first SIGTERM/SIGINT stops taking work and lets the
 * current cycle and deliveries finish (bounded); a second signal, or the bound, exits at once.
 * Whatever is unfinished stays in the outbox: the next active replica delivers it.
 *
 * Nothing on the way out may depend on stdout: a log line that cannot be written (pipe full,
 * reader gone) must not delay or prevent the exit. So the deadline is armed before anything is
 * logged, every log call is guarded, and waiting for the last lines to be written is bounded.
 */
import type { Logger } from '../logging/logger';

/** SIGTERM gives the current cycle and deliveries this long to finish (Kubernetes waits 30 s). */
export const SHUTDOWN_GRACE_MS = 10_000;

/** How long the last log lines may take to reach stdout before the process exits anyway. */
const FLUSH_MS = 500;

export interface ShutdownOptions {
  /** Writes what the logger still holds, within the time given (the log destination's flush). */
  flushLogs?: (timeoutMs: number) => Promise<void>;
  /** How the process ends (tests); `process.exit` otherwise. */
  exit?: (code: number) => void;
}

export function installShutdown(app: { stop(): Promise<void> }, logger: Logger, graceMs = SHUTDOWN_GRACE_MS, options: ShutdownOptions = {}): void {
  const exitNow = options.exit ?? ((code: number) => process.exit(code));
  const log = (level: 'info' | 'warn' | 'error', fields: object, msg: string) => {
    try {
      logger[level](fields, msg);
    } catch {
      // Logging is best effort here: the exit is what matters.
    }
  };
  let exiting = false;
  const exit = (code: number) => {
    if (exiting) return;
    exiting = true;
    const flushed = options.flushLogs ? options.flushLogs(FLUSH_MS).catch(() => undefined) : Promise.resolve();
    void flushed.then(() => exitNow(code));
    // Whatever the flush does, the process ends.
    setTimeout(() => exitNow(code), FLUSH_MS + 100).unref();
  };
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      log('warn', { signal }, 'second signal: exiting now');
      exitNow(1);
      return;
    }
    stopping = true;
    setTimeout(() => {
      log('warn', {}, 'shutdown took too long: exiting with work left in the outbox');
      exit(0);
    }, graceMs).unref();
    log('info', { signal, graceMs }, 'shutting down: finishing the current cycle and deliveries');
    Promise.resolve()
      .then(() => app.stop())
      .then(
        () => {
          log('info', {}, 'stopped');
          exit(0);
        },
        (error: unknown) => {
          log('error', { err: error }, 'shutdown failed');
          exit(1);
        },
      );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
