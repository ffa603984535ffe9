/**
 * What each role of `SqlStore` (sql-store-*.ts) runs its statements through: the driver for reads
 * and unfenced writes, and the store's own `write`/`writeOne` for every write of the leader's
 * work, so a role cannot bypass the fence the store was made with (fence.ts, fenced-write.ts).
 */
import type { Row, Script, SqlDriver, Stmt } from './driver';

/** Functions, not methods: each role takes them out of the object (no `this`). */
export interface SqlIo {
  readonly db: SqlDriver;
  /** A write transaction, fenced when the store is. */
  readonly write: <T>(script: () => Script<T>) => Promise<T>;
  /** One write statement, fenced when the store is. */
  readonly writeOne: (s: Stmt) => Promise<Row[]>;
}
