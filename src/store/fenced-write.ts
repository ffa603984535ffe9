/**
 * A write transaction, fenced by the lease term when a source is given (fence.ts): the check is
 * the LAST statement, so it keeps the lease row from changing hands until the commit (FOR SHARE)
 * for as short a time as can be: a takeover rarely waits on a leader frozen mid-transaction, and
 * never for longer than the server's idle-in-transaction timeout (postgres-store.ts). A lost
 * term aborts the transaction (nothing written) with FencedOutError, and the source is told.
 * Without a source (commands, tests): just the transaction.
 */
import type { Row, Script, SqlDriver, Stmt } from './driver';
import { FencedOutError, type FenceSource } from './fence';
import { checkFence } from './sql-leases';

export function writeTransaction<T>(db: SqlDriver, source: FenceSource | null, script: () => Script<T>): Promise<T> {
  if (!source) return db.transaction(script);
  const fence = source.current();
  const refused = (error: unknown): never => {
    if (error instanceof FencedOutError) source.fencedOut?.(error);
    throw error;
  };
  if (!fence) return Promise.reject(new FencedOutError(null)).catch(refused);
  const { dialect } = db;
  return db
    .transaction(function* () {
      const result = yield* script();
      const held = yield checkFence(dialect, fence);
      if (held.length === 0) throw new FencedOutError(fence);
      return result;
    })
    .catch(refused);
}

/** One statement as a script, its rows the result. */
export function* single(s: Stmt): Script<Row[]> {
  return yield s;
}
