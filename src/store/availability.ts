/**
 * Whether the database can be used at all, as opposed to one statement failing. A failure that
 * says the database is gone or unusable (connection refused or dropped, server shutting down,
 * SQLite file damaged or read-only) becomes a `StoreUnavailableError`: the app treats it as an
 * outage (health, one log line per change, the leader steps down) instead of a bug.
 */
import type { Dialect, SqlDriver } from './driver';

export class StoreUnavailableError extends Error {
  /** Marks an error whose cause is already reported once, as an outage, by its owner (see logger). */
  readonly outage = true;

  constructor(
    /** One sentence for operators: what is wrong with the database (never a password). */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(reason, options);
    this.name = 'StoreUnavailableError';
  }
}

/** Node's socket errors that mean the server cannot be reached or the connection broke. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL SQLSTATEs for "the database is not there" (postgresql.org/docs/current/errcodes-appendix.html):
 * class 08 connection exceptions, 57P01–57P03 shutdown and cannot-connect-now, 53300 too many connections.
 */
const POSTGRES_OUTAGE_STATES = /^(08...|57P0[123]|53300)$/;

/** pg's own messages for a connection that broke or never came up (it gives them no code). */
const PG_CONNECTION_MESSAGES = /connection terminated|timeout exceeded when trying to connect|not queryable|connection timeout|query read timeout|Connection ended/i;

/**
 * SQLite result codes that concern the file rather than one statement (sqlite.org/rescode.html):
 * damaged, not a database, not writable, I/O failing, disk full, cannot be opened.
 */
const SQLITE_OUTAGE_CODES = /^SQLITE_(CORRUPT|NOTADB|READONLY|IOERR|FULL|CANTOPEN|PERM)/;

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

/** Why the database is unusable, when `error` says it is; null for an ordinary statement failure. */
export function outageReason(error: unknown, dialect: Dialect): string | null {
  if (error instanceof StoreUnavailableError) return error.reason;
  if (!(error instanceof Error)) return null;
  const code = codeOf(error);
  if (dialect === 'sqlite') return SQLITE_OUTAGE_CODES.test(code) ? `the SQLite database cannot be used (${code}: ${error.message})` : null;
  if (NETWORK_CODES.has(code)) return `the PostgreSQL database cannot be reached (${code})`;
  if (POSTGRES_OUTAGE_STATES.test(code)) return `the PostgreSQL database is not accepting work (${code}: ${error.message})`;
  if (PG_CONNECTION_MESSAGES.test(error.message)) return `the connection to the PostgreSQL database failed (${error.message})`;
  return null;
}

export interface StoreAvailability {
  state: 'ok' | 'unavailable';
  reason: string | null;
  /** Unix ms since when the state holds. */
  since: number;
}

/**
 * Wraps a driver so that every call tells whether the database is usable: an outage error is
 * rethrown as `StoreUnavailableError`, and `onChange` hears each change of state (only changes).
 */
export function watchDriver(driver: SqlDriver, onChange: (availability: StoreAvailability) => void, now: () => number = Date.now): SqlDriver {
  let state: StoreAvailability['state'] = 'ok';
  const seen = async <T>(call: () => Promise<T>): Promise<T> => {
    try {
      const result = await call();
      if (state !== 'ok') {
        state = 'ok';
        onChange({ state, reason: null, since: now() });
      }
      return result;
    } catch (error) {
      const reason = outageReason(error, driver.dialect);
      if (reason === null) throw error;
      if (state !== 'unavailable') {
        state = 'unavailable';
        onChange({ state, reason, since: now() });
      }
      throw error instanceof StoreUnavailableError ? error : new StoreUnavailableError(reason, { cause: error });
    }
  };
  return {
    dialect: driver.dialect,
    query: (stmt) => seen(() => driver.query(stmt)),
    transaction: (script) => seen(() => driver.transaction(script)),
    close: () => driver.close(),
    ...(driver.check ? { check: () => driver.check!() } : {}),
  };
}
