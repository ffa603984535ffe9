/**
 * SUBSCRIPTIONS_FILE kept in force: reconciled into the store at start (before the first poll
 * cycle, so a declared subscription hears about that cycle), then again when the file changes
 * (its modification time, checked every few seconds) or on SIGHUP (index.ts). A file that became
 * wrong is logged problem by problem and changes nothing: the last good reading stays in force.
 * Reloads run one at a time, in order.
 */
import { unwatchFile, watchFile } from 'node:fs';
import type { Clock } from '../clock';
import { fileProblems, readDeclaredFile, type SubscriptionsFile } from '../config/subscriptions-source';
import type { SourceName } from '../jobs/job';
import type { Logger } from '../logging/logger';
import type { DeclaredSettingsStore } from '../store/ports/declared-settings';

/** Who the change log names for the file's changes. */
export const FILE_AUTHOR = 'SUBSCRIPTIONS_FILE';
/** How often the file's modification time is checked. */
export const WATCH_INTERVAL_MS = 3_000;

export interface SubscriptionsReloader {
  /** Reconciles what the file declared when the app started. */
  start(): Promise<void>;
  /** Reads the file again and reconciles it; a wrong file is logged and changes nothing. */
  reload(): Promise<void>;
  stop(): void;
}

export interface ReloaderDeps {
  file: SubscriptionsFile;
  source: SourceName;
  store: DeclaredSettingsStore;
  clock: Clock;
  logger: Logger;
  /** null: no watching (reload on SIGHUP only). */
  watchIntervalMs: number | null;
}

export function createSubscriptionsReloader(deps: ReloaderDeps): SubscriptionsReloader {
  const { file, store, clock, logger } = deps;
  let queue: Promise<void> = Promise.resolve();
  let watching = false;

  async function apply(reading: SubscriptionsFile['settings'], why: string): Promise<void> {
    const report = await store.reconcileDeclared(reading.channels, clock.now(), FILE_AUTHOR);
    logger.info({ path: file.path, channels: reading.channels.length, ...report }, `subscriptions file reconciled (${why})`);
  }

  async function reloadNow(why: string): Promise<void> {
    const reading = readDeclaredFile(file.path, deps.source);
    if (!reading.ok) {
      for (const problem of fileProblems(file.path, reading.problems)) logger.error({ path: file.path }, problem);
      logger.error({ path: file.path, problems: reading.problems.length }, 'subscriptions file not applied: the last good one stays in force');
      return;
    }
    await apply(reading.settings, why);
  }

  /** One at a time; a failure (the database away) is logged, and the next change tries again. */
  function enqueue(why: string): Promise<void> {
    queue = queue
      .then(() => reloadNow(why))
      .catch((error: unknown) => logger.error({ err: error, path: file.path }, 'subscriptions file could not be reconciled'));
    return queue;
  }

  return {
    async start() {
      await apply(file.settings, 'start');
      if (deps.watchIntervalMs !== null) {
        watching = true;
        watchFile(file.path, { interval: deps.watchIntervalMs, persistent: false }, (now, before) => {
          if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) void enqueue('file changed');
        });
      }
    },
    reload: () => enqueue('reload'),
    stop() {
      if (watching) unwatchFile(file.path);
      watching = false;
    },
  };
}
