/**
 * The background work's one shape. Poller, delivery, board keeper, App Home refresher and pruner
 * each run a loop that only the lease holder may run; the leader starts them together when it
 * gains the lease and stops them together when it loses it (or at shutdown).
 */

export interface Worker {
  /** For logs: which worker did not stop cleanly. */
  readonly name: string;
  /** Starts the loop; calling it while running does nothing. */
  start(): void;
  /** Lets the current step finish, then resolves once the loop has ended. */
  stop(): Promise<void>;
}

export interface WorkerSet {
  readonly workers: readonly Worker[];
  /** Starts every worker, in the order given. */
  start(): void;
  /**
   * Stops every worker at once (each finishes its current step) and resolves when all have ended.
   * One that fails to stop does not keep the others running: they are all awaited, then the
   * first failure is thrown, naming the worker.
   */
  stop(): Promise<void>;
}

export function workerSet(workers: readonly Worker[]): WorkerSet {
  return {
    workers,
    start() {
      for (const worker of workers) worker.start();
    },
    async stop() {
      const results = await Promise.allSettled(workers.map((worker) => worker.stop()));
      const failed = results.findIndex((result) => result.status === 'rejected');
      if (failed >= 0) {
        const reason: unknown = (results[failed] as PromiseRejectedResult).reason;
        throw new Error(`${workers[failed]!.name} did not stop cleanly`, { cause: reason });
      }
    },
  };
}
