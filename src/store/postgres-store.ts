/**
 * PostgreSQL, for several replicas sharing one database. `pg` is loaded only when this adapter is
 * opened, so the SQLite default never pays for (or depends on) it.
 */
import type { Pool, PoolClient } from 'pg';
import type { Row, Script, SqlDriver, Step, Stmt, Value } from './driver';
import { SqlStore } from './sql-store';
import type { Store } from './store';

export interface PostgresOptions {
  /** Tables live in this schema instead of the connection's default (tests use one per run). */
  schema?: string;
  /** Connections per replica: the app runs a handful of queries at a time. */
  max?: number;
  /** A pooled idle connection failed (server restart…): the pool replaces it on next use. */
  onIdleError?: (error: Error) => void;
}

/** A schema name goes into a connection option, so only plain identifiers are accepted. */
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !PLAIN_IDENTIFIER.test(schema))
    throw new Error(`Postgres schema must be lowercase letters, digits and underscores, not ${JSON.stringify(schema)}`);
  const { Pool } = await import('pg');
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 5,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', options.onIdleError ?? (() => undefined));
  return new SqlStore(new PostgresDriver(pool));
}

/** `@name` → `$n`, in order of first appearance; a name used twice keeps its number. */
export function toPositional(stmt: Stmt): { text: string; values: Value[] } {
  const names: string[] = [];
  const text = stmt.sql.replace(/@(\w+)/g, (_match, name: string) => {
    if (!(name in stmt.params)) throw new Error(`store: SQL parameter @${name} has no value`);
    const known = names.indexOf(name);
    return `$${known >= 0 ? known + 1 : names.push(name)}`;
  });
  return { text, values: names.map((name) => stmt.params[name] ?? null) };
}

class PostgresDriver implements SqlDriver {
  readonly dialect = 'postgres';

  constructor(private readonly pool: Pool) {}

  async query(stmt: Stmt): Promise<Row[]> {
    const { text, values } = toPositional(stmt);
    return (await this.pool.query<Row>(text, values)).rows;
  }

  async transaction<T>(script: () => Script<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const steps = script();
      let next = steps.next();
      while (!next.done) next = steps.next(await run(client, next.value));
      await client.query('COMMIT');
      return next.value;
    } catch (error) {
      // A failed ROLLBACK means the connection itself is bad: it is destroyed, not pooled again.
      broken = await client.query('ROLLBACK').then(
        () => undefined,
        (rollbackError: Error) => rollbackError,
      );
      throw error;
    } finally {
      client.release(broken);
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

async function run(client: PoolClient, step: Step): Promise<Row[]> {
  if ('batch' in step) {
    // Without values pg uses the simple protocol, the one that accepts several statements.
    await client.query(step.batch);
    return [];
  }
  const { text, values } = toPositional(step);
  return (await client.query<Row>(text, values)).rows;
}
