/**
 * The `Store` port over any `SqlDriver`: the contract is implemented once, so SQLite and Postgres
 * cannot drift apart; each adapter only opens its engine and runs statements.
 *
 * This class is the composition: the lifecycle, the fencing of the leader's writes (`write`,
 * `writeOne`) and the roles, one module per port (sql-store-*.ts). Each role gets the store's
 * `SqlIo`, so every write of the leader's work goes through the same fenced helpers.
 */
import { StoreUnavailableError } from './availability';
import { stmt, type Row, type Script, type SqlDriver, type Stmt } from './driver';
import type { FenceSource } from './fence';
import { single, writeTransaction } from './fenced-write';
import { migrationScript } from './migrations';
import * as sql from './sql';
import type { StoreLifecycle } from './ports/lifecycle';
import { sqlAlertActions } from './sql-store-alert-actions';
import { sqlChannelSettings, sqlDeclaredSettings } from './sql-store-channels';
import { sqlDigests } from './sql-store-digests';
import type { SqlIo } from './sql-store-io';
import { sqlJobs } from './sql-store-jobs';
import { sqlOutbox } from './sql-store-outbox';
import { sqlPersonalAlerts } from './sql-store-personal';
import { sqlLeases, sqlOps, sqlRetention, sqlSettingChangeLog } from './sql-store-upkeep';
import { sqlBoards, sqlHomeViewers } from './sql-store-views';
import type { Store } from './store';

/** Every role's methods: what the constructor copies onto the store from the role modules. */
type Roles = Omit<Store, keyof StoreLifecycle | 'withFence'>;

/**
 * The roles' methods are the instance's own (assigned in the constructor, not declared in the
 * class): the merge tells TypeScript they are there, and the typed `roles` object there checks
 * that every one of them is.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface SqlStore extends Roles {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class SqlStore implements Store {
  private closed = false;

  /** `fence`: when set, every write the leader's work makes checks the lease term in its transaction (fence.ts). */
  constructor(
    private readonly db: SqlDriver,
    private readonly fence: FenceSource | null = null,
  ) {
    const io: SqlIo = { db, write: (script) => this.write(script), writeOne: (s) => this.writeOne(s) };
    const roles: Roles = {
      ...sqlJobs(io),
      ...sqlChannelSettings(io),
      ...sqlDeclaredSettings(io),
      ...sqlBoards(io),
      ...sqlHomeViewers(io),
      ...sqlOutbox(io),
      ...sqlRetention(io),
      ...sqlLeases(io),
      ...sqlAlertActions(io),
      ...sqlSettingChangeLog(io),
      ...sqlPersonalAlerts(io),
      ...sqlOps(io),
      ...sqlDigests(io),
    };
    Object.assign(this, roles);
  }

  /** This store with every leader write fenced by the term `source` names: what the workers get. */
  withFence(source: FenceSource): Store {
    return new SqlStore(this.db, source);
  }

  /** A write transaction, fenced when the store is (fenced-write.ts). */
  private write<T>(script: () => Script<T>): Promise<T> {
    return writeTransaction(this.db, this.fence, script);
  }

  /** One write statement, fenced when the store is. */
  private writeOne(s: Stmt): Promise<Row[]> {
    return this.fence ? writeTransaction(this.db, this.fence, () => single(s)) : this.db.query(s);
  }

  migrate(): Promise<void> {
    // The migration log's applied_at is only for people reading it, so the wall clock will do.
    return this.db.transaction(() => migrationScript(this.db.dialect, Date.now()));
  }

  /** Safe to call twice: shutdown paths often overlap. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  async ping(): Promise<void> {
    const problem = (await this.db.check?.()) ?? null;
    if (problem) throw new StoreUnavailableError(problem);
    await this.db.query(sql.ping());
  }

  /** When the schema's first step was applied (Unix ms): a time after this start means a new, empty database. */
  async createdAt(): Promise<number | null> {
    const [row] = await this.db.query(stmt('SELECT MIN(applied_at) AS at FROM schema_migrations'));
    return row && row.at !== null && row.at !== undefined ? Number(row.at) : null;
  }
}
