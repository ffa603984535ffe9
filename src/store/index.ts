/**
 * Opens the store `DATABASE_URL` names, with its schema up to date, ready for the app.
 */
import type { DatabaseConfig } from '../config/config';
import type { StoreAvailability } from './availability';
import { afterOpen, lookBefore, type FirstStartNotice } from './first-start';
import { openPostgresStore, startupProblem } from './postgres-store';
import { openSqliteStore, sqliteProblem } from './sqlite-store';
import type { Store } from './store';

export { StoreUnavailableError, type StoreAvailability } from './availability';
export type { FirstStartNotice } from './first-start';

export interface OpenStoreOptions {
  /** Hears each change of the database's availability while the app runs. */
  onAvailability?: (availability: StoreAvailability) => void;
  /** Told when this start created the database, and whether one seems to have existed before. */
  onFirstStart?: (notice: FirstStartNotice) => void;
}

/**
 * A database that cannot be used at start (unreachable, damaged, read-only) rejects with a
 * `StoreUnavailableError` whose message is one line saying what to fix.
 */
export async function openStore(config: DatabaseConfig, options: OpenStoreOptions = {}): Promise<Store> {
  const before = lookBefore(config);
  // A failure while opening is the start's own error (one line), not an outage to report.
  let opened = false;
  const onAvailability = (availability: StoreAvailability) => {
    if (opened) options.onAvailability?.(availability);
  };
  const store =
    config.kind === 'sqlite' ? await openSqliteStore(config.path, { onAvailability }) : await openPostgresStore(config.url, { onAvailability });
  const startedAt = Date.now();
  try {
    await store.migrate();
    const createdAt = await store.createdAt();
    const notice = afterOpen(config, before, createdAt !== null && createdAt >= startedAt, createdAt);
    if (notice) options.onFirstStart?.(notice);
    opened = true;
  } catch (error) {
    // A half-opened store would keep a file handle or a pool alive and hold the process open.
    await store.close().catch(() => undefined);
    throw (config.kind === 'postgres' ? startupProblem(config.url, error) : sqliteProblem(config.path, error)) ?? error;
  }
  return store;
}

