/**
 * Graceful, then forceful, shutdown: the first SIGTERM/SIGINT stops taking work and lets the
 * current cycle and deliveries finish (bounded); a second signal, or the bound, exits at once.
 * Whatever is unfinished stays in the outbox: the next active replica delivers it.
 */
import type { Logger } from '../logging/logger';

/** SIGTERM gives the current cycle and deliveries this long to finish (Kubernetes waits 30 s). */
export const SHUTDOWN_GRACE_MS = 10_000;

export function installShutdown(app: { stop(): Promise<void> }, logger: Logger, graceMs = SHUTDOWN_GRACE_MS): void {
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal, graceMs }, 'shutting down: finishing the current cycle and deliveries');
    const deadline = setTimeout(() => {
      logger.warn('shutdown took too long: exiting with work left in the outbox');
      process.exit(0);
    }, graceMs);
    deadline.unref();
    app.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
