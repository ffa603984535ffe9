/**
 * Opens the store `DATABASE_URL` names, with its schema up to date, ready for the app.
 */
import type { DatabaseConfig } from '../config/config';
import { openPostgresStore } from './postgres-store';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './store';

export async function openStore(config: DatabaseConfig): Promise<Store> {
  const store = config.kind === 'sqlite' ? await openSqliteStore(config.path) : await openPostgresStore(config.url);
  try {
    await store.migrate();
  } catch (error) {
    // A half-opened store would keep a file handle or a pool alive and hold the process open.
    await store.close();
    throw error;
  }
  return store;
}
