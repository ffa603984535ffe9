/**
 * PostgreSQL, for several replicas sharing one database. `pg` is loaded only when this adapter is
 * opened, so the SQLite default never pays for (or depends on) it.
 */
import type { Pool, PoolClient } from 'pg';
import { outageReason, StoreUnavailableError, watchDriver, type StoreAvailability } from './availability';
import type { Row, Script, SqlDriver, Step, Stmt, Value } from './driver';
import { SqlStore } from './sql-store';

export interface PostgresOptions {
  /** Tables live in this schema instead of the connection's default (tests use one per run). */
  schema?: string;
  /** Connections per replica: the app runs a handful of queries at a time. */
  max?: number;
  /** A pooled idle connection failed (server restart…): the pool replaces it on next use. */
  onIdleError?: (error: Error) => void;
  /** Hears each change of the database's availability (see availability.ts). */
  onAvailability?: (availability: StoreAvailability) => void;
}

/**
 * A connection must come up within 5 s and a statement answer within 30 s: a database that went
 * silent (network cut, server hung) is then an outage the app reports, not calls that wait forever.
 */
const CONNECT_TIMEOUT_MS = 5_000;
const QUERY_TIMEOUT_MS = 30_000;
/**
 * A transaction left open with no statement running for this long is ended by the server, its
 * locks released: a replica frozen mid-transaction (GC pause, SIGSTOP) would otherwise hold rows,
 * and the lease row its fence check shares, until it wakes, and no other replica could take
 * over. The store's transactions run their statements back to back, so this is generous.
 * (postgresql.org docs, runtime-config-client: idle_in_transaction_session_timeout.)
 */
const IDLE_IN_TRANSACTION_MS = 3_000;

/** A schema name goes into a connection option, so only plain identifiers are accepted. */
const PLAIN_IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export async function openPostgresStore(url: string, options: PostgresOptions = {}): Promise<SqlStore> {
  const { schema } = options;
  if (schema !== undefined && !PLAIN_IDENTIFIER.test(schema))
    throw new Error(`Postgres schema must be lowercase letters, digits and underscores, not ${JSON.stringify(schema)}`);
  const { Pool } = await import('pg');
  const pool = new Pool({
    connectionString: url,
    max: options.max ?? 5,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
    keepAlive: true,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', options.onIdleError ?? (() => undefined));
  const driver = new PostgresDriver(pool);
  return new SqlStore(options.onAvailability ? watchDriver(driver, options.onAvailability) : driver);
}

/** Where the database is, for messages: host, port and name, never the user or password. */
export function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `the PostgreSQL database ${parsed.pathname.replace(/^\//, '') || '(default)'} at ${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {
    return 'the PostgreSQL database in DATABASE_URL';
  }
}

/** A database that cannot be reached at start is a setting to check, said in one line. */
export function startupProblem(url: string, error: unknown): StoreUnavailableError | null {
  const detail = error instanceof Error ? error.message : String(error);
  // SQLSTATE 28… (a role or password refused) and 3D000 (no such database): the server answered
  // but refused these settings. Its message names the role or database, never the password.
  const sqlState = (error as { code?: unknown }).code;
  if (typeof sqlState === 'string' && (sqlState.startsWith('28') || sqlState === '3D000')) {
    return new StoreUnavailableError(`${describePostgres(url)} refused the connection: ${detail} (${sqlState}). Check the user, password and database name in DATABASE_URL.`, {
      cause: error,
    });
  }
  const reason = outageReason(error, 'postgres');
  if (reason === null) return null;
  return new StoreUnavailableError(
    `${describePostgres(url)} cannot be reached (${detail}). Check DATABASE_URL and that the server is running and accepts connections.`,
    { cause: error },
  );
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
    // A checked-out client's connection can break between two statements (server stopped, network
    // cut): pg then emits 'error' on the client, which would crash the process without a listener.
    // The next statement fails with it anyway, and the client is destroyed, not pooled again.
    const onError = (error: Error) => {
      broken = error;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const steps = script();
      let next = steps.next();
      while (!next.done) next = steps.next(await run(client, next.value));
      await client.query('COMMIT');
      return next.value;
    } catch (error) {
      // A failed ROLLBACK means the connection itself is bad: it is destroyed, not pooled again.
      broken =
        (await client.query('ROLLBACK').then(
          () => undefined,
          (rollbackError: Error) => rollbackError,
        )) ?? broken;
      throw error;
    } finally {
      client.off('error', onError);
      // A broken client is ended by the pool; whatever it still reports is of no use to anyone.
      if (broken) client.on('error', () => undefined);
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
