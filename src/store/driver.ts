/**
 * What the store logic needs from a database, so it is written once (`SqlStore`) and each adapter
 * only says how to run SQL on its engine.
 *
 * A transaction body is a generator (`Script`): it yields each statement and receives its rows.
 * The SQLite adapter drives it synchronously inside one better-sqlite3 transaction, so no other
 * call can slip in between two statements on the shared connection; the Postgres adapter drives
 * it with `await` on one pooled client.
 */

export type Dialect = 'sqlite' | 'postgres';

export type Value = string | number | null;

/** Named parameters: the SQL text refers to each as `@name`. */
export type Params = Record<string, Value>;

export type Row = Record<string, unknown>;

export interface Stmt {
  sql: string;
  params: Params;
}

/** Several statements without parameters or results (schema changes). */
export interface Batch {
  batch: string;
}

export type Step = Stmt | Batch;

/** A transaction body: yields each step, receives that step's rows, returns the result. */
export type Script<T> = Generator<Step, T, Row[]>;

export interface SqlDriver {
  readonly dialect: Dialect;
  /** One statement on its own (auto-commit). */
  query(stmt: Stmt): Promise<Row[]>;
  /** Runs the script in one transaction: all of its writes, or none when it throws. */
  transaction<T>(script: () => Script<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * What is wrong with the database's storage that statements may not show yet (an SQLite file
   * deleted, replaced, overwritten or made read-only while open), or null. Cheap: /healthz runs it.
   */
  check?(): Promise<string | null>;
}

export function stmt(sql: string, params: Params = {}): Stmt {
  return { sql, params };
}
