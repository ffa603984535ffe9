/**
 * The embedded default: one SQLite file through better-sqlite3. Its calls are synchronous, which
 * is what makes transactions simple here: a script runs start to finish inside one
 * `BEGIN IMMEDIATE` without yielding to the event loop, so no other store call interleaves.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { outageReason, StoreUnavailableError, watchDriver, type StoreAvailability } from './availability';
import type { Row, Script, SqlDriver, Step, Stmt } from './driver';
import { checkSqliteFile, fileIdentity, type FileIdentity } from './sqlite-file';
import { SqlStore } from './sql-store';

const MEMORY = ':memory:';

/** Node's errors creating the database's folder: permissions, a read-only or full disk, a file in the way. */
const FOLDER_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOSPC', 'ENOTDIR', 'EEXIST', 'ENOENT']);

export interface SqliteOptions {
  /** Hears each change of the database's availability (see availability.ts). */
  onAvailability?: (availability: StoreAvailability) => void;
}

/** `:memory:` gives a private, empty database (tests). */
export function openSqliteStore(file: string, options: SqliteOptions = {}): Promise<SqlStore> {
  return attempt(() => {
    let db: Database.Database;
    try {
      db = open(file);
    } catch (error) {
      throw sqliteProblem(file, error) ?? error;
    }
    const driver = new SqliteDriver(db, file === MEMORY ? null : file);
    return new SqlStore(options.onAvailability ? watchDriver(driver, options.onAvailability) : driver);
  });
}

/**
 * A file that cannot be opened or migrated (damaged, read-only…) is a setting to fix, said in one
 * line (index.ts prints it); null when `error` is not about the file.
 */
export function sqliteProblem(file: string, error: unknown): StoreUnavailableError | null {
  const original = error instanceof StoreUnavailableError && error.cause !== undefined ? error.cause : error;
  const code = (original as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && FOLDER_CODES.has(code))
    return new StoreUnavailableError(
      `the SQLite database ${path.resolve(file)} cannot be used: its folder cannot be created or written (${code}). Create ${path.resolve(path.dirname(file))} and make it writable by the app's user, or set DATABASE_URL elsewhere.`,
      { cause: original },
    );
  if (outageReason(original, 'sqlite') === null) return null;
  return new StoreUnavailableError(`the SQLite database ${path.resolve(file)} cannot be used: ${openProblem(original)}`, { cause: original });
}

/** What went wrong opening the file, with what to do about it. */
function openProblem(error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (/NOTADB|CORRUPT/.test(code)) return `it is damaged or not a SQLite database (${message}). Restore it from a backup, or set DATABASE_URL to a new file.`;
  if (/READONLY|PERM/.test(code)) return `it is read-only for this process (${message}). Make the file and its folder writable by the app's user.`;
  if (/CANTOPEN/.test(code)) return `it cannot be opened (${message}). Check that its folder exists and is writable by the app's user.`;
  return `${message} (${code}).`;
}

/**
 * `mkdir -p`, one level at a time: Node 20's recursive mkdirSync never returns for a path under
 * a folder such as /proc where creating a child fails with ENOENT (it retries the parent forever).
 */
function makeFolder(dir: string): void {
  if (fs.existsSync(dir)) return;
  const parent = path.dirname(dir);
  if (parent !== dir) makeFolder(parent);
  fs.mkdirSync(dir);
}

function open(file: string): Database.Database {
  if (file !== MEMORY) makeFolder(path.dirname(file));
  // Another process holding the write lock (a second instance, a backup) is waited for, not an error.
  const db = new Database(file, { timeout: 5000 });
  try {
    // WAL lets readers (commands) run while the poller writes. FULL syncs the WAL at every
    // commit: NORMAL may lose the last commits on power loss, and with them queued alerts.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** Runs `fn` now and turns a throw into a rejection, as callers of an async API expect. */
function attempt<T>(fn: () => T): Promise<T> {
  return new Promise((resolve) => resolve(fn()));
}

class SqliteDriver implements SqlDriver {
  readonly dialect = 'sqlite';
  /** Prepared once per distinct text: the poller runs the same few statements every cycle. */
  private readonly prepared = new Map<string, Database.Statement>();
  /** The file as opened: a different one at the same path later means it was replaced. */
  private readonly identity: FileIdentity | null;

  constructor(
    private readonly db: Database.Database,
    private readonly file: string | null,
  ) {
    this.identity = file === null ? null : fileIdentity(file);
  }

  check(): Promise<string | null> {
    return attempt(() => (this.file === null || this.identity === null ? null : checkSqliteFile(this.file, this.identity)));
  }

  query(stmt: Stmt): Promise<Row[]> {
    return attempt(() => this.run(stmt));
  }

  transaction<T>(script: () => Script<T>): Promise<T> {
    return attempt(() =>
      this.db
        .transaction(() => {
          const steps = script();
          let next = steps.next();
          while (!next.done) next = steps.next(this.run(next.value));
          return next.value;
        })
        // IMMEDIATE takes the write lock up front: a transaction that reads then writes cannot
        // fail halfway with SQLITE_BUSY because another connection wrote in between.
        .immediate(),
    );
  }

  close(): Promise<void> {
    return attempt(() => {
      this.prepared.clear();
      this.db.close();
    });
  }

  private run(step: Step): Row[] {
    if ('batch' in step) {
      this.db.exec(step.batch);
      return [];
    }
    const statement = this.statement(step.sql);
    if (!statement.reader) {
      statement.run(step.params);
      return [];
    }
    return statement.all(step.params) as Row[];
  }

  private statement(sql: string): Database.Statement {
    let statement = this.prepared.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.prepared.set(sql, statement);
    }
    return statement;
  }
}
