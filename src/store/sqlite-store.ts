/**
 * The embedded default: one SQLite file through better-sqlite3. Its calls are synchronous, which
 * is what makes transactions simple here: a script runs start to finish inside one
 * `BEGIN IMMEDIATE` without yielding to the event loop, so no other store call interleaves.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Row, Script, SqlDriver, Step, Stmt } from './driver';
import { SqlStore } from './sql-store';
import type { Store } from './store';

const MEMORY = ':memory:';

/** `:memory:` gives a private, empty database (tests). */
export function openSqliteStore(file: string): Promise<Store> {
  return attempt(() => new SqlStore(new SqliteDriver(open(file))));
}

function open(file: string): Database.Database {
  if (file !== MEMORY) fs.mkdirSync(path.dirname(file), { recursive: true });
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

  constructor(private readonly db: Database.Database) {}

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
