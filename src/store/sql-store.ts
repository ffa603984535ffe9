/**
 * The `Store` port over any `SqlDriver`: the contract is implemented once, so SQLite and Postgres
 * cannot drift apart; each adapter only opens its engine and runs statements.
 */
import type { StatusKind } from '../jobs/job';
import { ANY_JOB, type JobMatch } from '../jobs/job-match';
import { StoreUnavailableError } from './availability';
import { stmt, type Row, type Script, type SqlDriver, type Stmt } from './driver';
import type { FenceSource } from './fence';
import { single, writeTransaction } from './fenced-write';
import { migrationScript } from './migrations';
import { int, intOrNull, text, toBoard, toGivenUp, toStatusCounts, toChannelProblem, toOutboxRow, toOutboxStats, sortReadable, toSnooze, toSubscription, toTrackedJob } from './rows';
import * as scripts from './scripts';
import * as sql from './sql';
import type { ClaimShape } from './sql';
import * as subscriptions from './sql-subscriptions';
import * as declared from './sql-declared';
import type { DeclaredChannel } from '../config/subscriptions-file';
import type { ManagedSetting, ReconcileReport } from './ports/declared-settings';
import * as viewers from './sql-viewers';
import * as actions from './sql-alert-actions';
import type { AlertActionState, AlertClaim, Mute } from '../domain/alert-actions';
import type { EndedMute } from './ports/alert-actions';
import * as changes from './sql-setting-changes';
import * as personal from './sql-personal';
import * as ops from './sql-ops';
import type { OpsIncident } from '../domain/ops';
import * as digests from './sql-digests';
import type {
  Board,
  ChangeStamp,
  ChannelProblem,
  DigestSchedule,
  HomeViewer,
  CycleWrite,
  EndedSnooze,
  FinishedWatch,
  GivenUpAlerts,
  HumeLink,
  LinkedRule,
  NotifyRule,
  Watch,
  JobMessage,
  Lease,
  MessageRef,
  OldestUndelivered,
  FoldedBacklog,
  NewOutboxRow,
  OutboxRow,
  OutboxStats,
  PruneReport,
  RetentionCutoffs,
  NewSettingChange,
  SettingChange,
  SettingChangesPage,
  Snooze,
  StatusCounts,
  Store,
  Subscription,
  TrackedJob,
} from './store';

export class SqlStore implements Store {
  private closed = false;

  /** `fence`: when set, every write the leader's work makes checks the lease term in its transaction (fence.ts). */
  constructor(
    private readonly db: SqlDriver,
    private readonly fence: FenceSource | null = null,
  ) {}

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

  async getProgress(key: string): Promise<string | null> {
    const [row] = await this.db.query(sql.getProgress(key));
    return row ? text(row, 'value') : null;
  }

  async getJobs(ids: string[]): Promise<TrackedJob[]> {
    const jobs: TrackedJob[] = [];
    for (const chunk of sql.getJobs(ids)) jobs.push(...(await this.db.query(chunk)).map(toTrackedJob));
    return jobs;
  }

  async activeJobs(): Promise<TrackedJob[]> {
    return (await this.db.query(sql.activeJobs())).map(toTrackedJob);
  }

  async recentFinishedJobs(limit: number): Promise<TrackedJob[]> {
    return (await this.db.query(sql.recentFinishedJobs(limit))).map(toTrackedJob);
  }

  async jobsCreatedSince(since: number): Promise<TrackedJob[]> {
    return (await this.db.query(sql.jobsCreatedSince(since))).map(toTrackedJob);
  }

  async idsWithPrefix(prefix: string, limit: number): Promise<string[]> {
    return (await this.db.query(sql.idsWithPrefix(prefix, limit))).map((row) => text(row, 'id'));
  }

  async statusCountsSince(since: number): Promise<StatusCounts> {
    return toStatusCounts(await this.db.query(sql.statusCountsSince(since)));
  }

  async recentWithStatus(status: StatusKind, since: number, limit: number): Promise<TrackedJob[]> {
    return (await this.db.query(sql.recentWithStatus(status, since, limit))).map(toTrackedJob);
  }

  commitCycle(write: CycleWrite): Promise<void> {
    return this.write(() => scripts.sequence(sql.commitCycle(this.db.dialect, write)));
  }

  async listSubscriptions(channelId: string | null): Promise<Subscription[]> {
    return (await this.db.query(subscriptions.listSubscriptions(channelId))).map(toSubscription);
  }

  subscribe(
    channelId: string,
    kinds: StatusKind[],
    mention: string | null,
    by: string | null,
    at: number,
    match: JobMatch = ANY_JOB,
    change?: ChangeStamp,
  ): Promise<Subscription> {
    return this.db.transaction(() => subscriptions.subscribe(this.db.dialect, channelId, kinds, match, mention, by, at, change));
  }

  unsubscribe(channelId: string, kinds: StatusKind[], which: number | 'all' = 'all', change?: ChangeStamp): Promise<Subscription[]> {
    return this.db.transaction(() => subscriptions.unsubscribe(this.db.dialect, channelId, kinds, which, change));
  }

  async setChannelProblem(channelId: string, problem: { error: string; at: number } | null): Promise<void> {
    await this.writeOne(sql.setChannelProblem(channelId, problem));
  }

  async channelProblems(): Promise<ChannelProblem[]> {
    return (await this.db.query(sql.channelProblems())).map(toChannelProblem);
  }

  setOverdue(channelId: string, overdueMs: number | null, change?: ChangeStamp): Promise<Subscription[]> {
    return this.db.transaction(() => subscriptions.setOverdueScript(channelId, overdueMs, change));
  }

  // Subscriptions as code: every replica reconciles its own reading of the file (not the leader's work: unfenced).
  reconcileDeclared(channels: DeclaredChannel[], at: number, by: string): Promise<ReconcileReport> {
    return this.db.transaction(() => declared.reconcileDeclared(this.db.dialect, channels, { at, author: { by, source: 'file' } }));
  }

  async managedSettings(channelId: string): Promise<ManagedSetting[]> {
    return (await this.db.query(declared.managedSettings(channelId))).map(declared.toManagedSetting);
  }

  snooze(snooze: Snooze, change?: ChangeStamp): Promise<Snooze> {
    return this.db.transaction(() => scripts.startSnooze(snooze, change));
  }

  async listSnoozes(channelId: string | null): Promise<Snooze[]> {
    return (await this.db.query(sql.listSnoozes(channelId))).map(toSnooze);
  }

  async dueSnoozes(now: number): Promise<Snooze[]> {
    return (await this.db.query(sql.dueSnoozes(now))).map(toSnooze);
  }

  endSnooze(
    channelId: string,
    at: number,
    onlyIfDue: boolean,
    summarize: (snooze: Snooze, held: OutboxRow[]) => NewOutboxRow | null,
    change?: ChangeStamp,
  ): Promise<EndedSnooze | null> {
    return this.write(() => scripts.endSnooze(channelId, at, onlyIfDue, summarize, change));
  }

  putBoard(board: Board, change?: ChangeStamp): Promise<Board | null> {
    return this.write(() => scripts.putBoard(this.db.dialect, board, change));
  }

  async listBoards(): Promise<Board[]> {
    return (await this.db.query(sql.listBoards())).map(toBoard);
  }

  removeBoard(channelId: string, change?: ChangeStamp): Promise<Board | null> {
    return this.write(() => scripts.removeBoard(channelId, change));
  }

  async boardEdited(channelId: string, ts: string, fingerprint: string, at: number): Promise<boolean> {
    return (await this.writeOne(sql.boardEdited(channelId, ts, fingerprint, at))).length > 0;
  }

  putDigestSchedule(schedule: DigestSchedule, change?: ChangeStamp): Promise<DigestSchedule | null> {
    return this.write(() => scripts.putDigestSchedule(this.db.dialect, schedule, change));
  }

  removeDigestSchedule(channelId: string, change?: ChangeStamp): Promise<DigestSchedule | null> {
    return this.write(() => scripts.removeDigestSchedule(channelId, change));
  }

  async listDigestSchedules(channelId: string | null): Promise<DigestSchedule[]> {
    return (await this.db.query(digests.listDigestSchedules(channelId))).map(digests.toDigestSchedule);
  }

  queueScheduledDigest(schedule: Pick<DigestSchedule, 'channelId' | 'createdAt'>, dueAt: number, coveredUntil: number, digest: NewOutboxRow): Promise<boolean> {
    // Fenced like every write of the leader's work: a thawed ex-leader queues nothing.
    return this.write(() => scripts.queueScheduledDigest(schedule.channelId, schedule.createdAt, dueAt, coveredUntil, digest));
  }

  async homeOpened(userId: string, at: number): Promise<void> {
    await this.db.query(viewers.homeOpened(userId, at));
  }

  async getHomeViewer(userId: string): Promise<HomeViewer | null> {
    const [row] = await this.db.query(viewers.homeViewer(userId));
    return row ? viewers.toHomeViewer(row) : null;
  }

  async staleHomeViewers(fingerprint: string, openedSince: number, limit: number): Promise<HomeViewer[]> {
    return (await this.db.query(viewers.staleHomeViewers(fingerprint, openedSince, limit))).map(viewers.toHomeViewer);
  }

  async homePublished(userId: string, fingerprint: string, at: number): Promise<boolean> {
    return (await this.writeOne(viewers.homePublished(userId, fingerprint, at))).length > 0;
  }

  async removeHomeViewer(userId: string): Promise<boolean> {
    return (await this.writeOne(viewers.removeHomeViewer(userId))).length > 0;
  }

  async pruneHomeViewers(openedBefore: number): Promise<number> {
    return (await this.writeOne(viewers.pruneHomeViewers(openedBefore))).length;
  }

  // Personal notifications: written by slash commands (unfenced), read by the poller.

  async addWatch(watch: Watch): Promise<boolean> {
    return (await this.db.query(personal.addWatch(watch))).length > 0;
  }

  async removeWatch(userId: string, jobId: string): Promise<boolean> {
    return (await this.db.query(personal.removeWatch(userId, jobId))).length > 0;
  }

  async listWatches(userId: string | null): Promise<Watch[]> {
    return (await this.db.query(personal.listWatches(userId))).map(personal.toWatch);
  }

  async watchesOf(jobIds: readonly string[]): Promise<Watch[]> {
    const watches: Watch[] = [];
    for (const chunk of personal.watchesOf(jobIds)) watches.push(...(await this.db.query(chunk)).map(personal.toWatch));
    return watches;
  }

  async finishedWatches(): Promise<FinishedWatch[]> {
    return (await this.db.query(personal.finishedWatches())).map(personal.toFinishedWatch);
  }

  setNotifyRule(rule: NotifyRule): Promise<NotifyRule | null> {
    return this.db.transaction(() => personal.setNotifyRule(rule));
  }

  async removeNotifyRule(userId: string): Promise<NotifyRule | null> {
    const [row] = await this.db.query(personal.removeNotifyRule(userId));
    return row ? personal.toRule(row) : null;
  }

  async notifyRules(userId: string | null): Promise<LinkedRule[]> {
    return (await this.db.query(personal.notifyRules(userId))).map(personal.toLinkedRule);
  }

  setHumeLink(userId: string, humeUserId: string | null, at: number): Promise<HumeLink | null> {
    return this.db.transaction(() => personal.setHumeLink(userId, humeUserId, at));
  }

  async getHumeLink(userId: string): Promise<HumeLink | null> {
    const [row] = await this.db.query(personal.getHumeLink(userId));
    return row ? personal.toLink(row) : null;
  }

  async claimOutbox(now: number, limit: number, owner: string, leaseMs: number, shape?: Partial<ClaimShape>): Promise<OutboxRow[]> {
    const full = { perChannel: shape?.perChannel ?? limit, idleChannelsOnly: shape?.idleChannelsOnly ?? false };
    const claimed = await this.writeOne(sql.claimOutbox(this.db.dialect, now, limit, owner, leaseMs, full));
    const { rows, unreadable } = sortReadable(claimed.map(toOutboxRow));
    // Given up at once with the reason (it shows among the channel's given-up alerts): no retry
    // can make its payload readable. A crash before this leaves it claimed: it comes back and goes then.
    for (const bad of unreadable) await this.writeOne(sql.failOutbox(bad.id, bad.reason, now));
    return rows;
  }

  foldBacklogs(now: number, above: number, fold: (channelId: string, rows: OutboxRow[]) => NewOutboxRow[]): Promise<FoldedBacklog[]> {
    // Fenced like every write of the leader's work: a thawed ex-leader folds nothing.
    return this.write(() => scripts.foldBacklogs(now, above, fold));
  }

  recordPosted(id: number, step: string, ts: string): Promise<void> {
    return this.write(() => scripts.recordPosted(this.db.dialect, id, step, ts));
  }

  completeOutbox(id: number, refs: MessageRef | readonly MessageRef[] | null, at: number): Promise<void> {
    const list = refs === null ? [] : Array.isArray(refs) ? refs : [refs as MessageRef];
    const stmts = [sql.completeOutbox(id, at), ...list.map(sql.upsertMessageRef)];
    return this.write(() => scripts.sequence(stmts));
  }

  async retryOutbox(id: number, retryAt: number, error: string): Promise<void> {
    await this.writeOne(sql.retryOutbox(id, retryAt, error));
  }

  async failOutbox(id: number, error: string, at: number): Promise<void> {
    await this.writeOne(sql.failOutbox(id, error, at));
  }

  async releaseClaims(owner: string | null): Promise<void> {
    await this.db.query(sql.releaseClaims(owner));
  }

  /** `now` is not needed: every count is of rows as they stand. */
  async outboxStats(): Promise<OutboxStats> {
    const [row] = await this.db.query(sql.outboxStats());
    if (!row) throw new Error('store: outbox stats returned no row');
    return toOutboxStats(row);
  }

  async existingAlertKeys(keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const chunk of sql.existingAlertKeys(keys)) for (const row of await this.db.query(chunk)) found.add(text(row, 'dedupe_key'));
    return found;
  }

  async messageRef(channelId: string, jobId: string): Promise<string | null> {
    return (await this.jobMessage(channelId, jobId))?.ts ?? null;
  }

  async jobMessage(channelId: string, jobId: string): Promise<JobMessage | null> {
    const [row] = await this.db.query(sql.messageRef(channelId, jobId));
    return row ? { ts: text(row, 'ts'), version: intOrNull(row, 'version') } : null;
  }

  async givenUpAlerts(channelId: string | null): Promise<GivenUpAlerts[]> {
    return (await this.db.query(sql.givenUpAlerts(channelId))).map(toGivenUp);
  }

  async settingChanges(channelId: string | null, since: number, limit: number): Promise<SettingChangesPage> {
    const [rows, [count]] = await Promise.all([
      this.db.query(changes.settingChanges(channelId, since, limit)),
      this.db.query(changes.countSettingChanges(channelId, since)),
    ]);
    const page = rows.map(changes.toSettingChange);
    return { changes: page, more: Math.max(0, (count ? int(count, 'n') : 0) - page.length) };
  }

  async latestSettingChanges(channelId: string | null): Promise<SettingChange[]> {
    return (await this.db.query(changes.latestSettingChanges(channelId))).map(changes.toSettingChange);
  }

  async recordSettingChange(change: NewSettingChange): Promise<void> {
    await this.writeOne(changes.insertSettingChange(change));
  }

  async prune(policy: RetentionCutoffs): Promise<PruneReport> {
    const report: PruneReport = { outboxRows: 0, jobs: 0, settingChanges: 0 };
    for (const [status, before] of [['done', policy.deliveredBefore], ['failed', policy.failedBefore]] as const) {
      for (;;) {
        const deleted = (await this.writeOne(sql.pruneOutbox(status, before))).length;
        report.outboxRows += deleted;
        if (deleted < sql.PRUNE_BATCH) break;
      }
    }
    for (;;) {
      const ids = await this.write(() => scripts.pruneJobs(policy.finishedJobsBefore));
      report.jobs += ids;
      if (ids < sql.PRUNE_BATCH) break;
    }
    for (;;) {
      const deleted = (await this.writeOne(changes.pruneSettingChanges(policy.settingChangesBefore))).length;
      report.settingChanges += deleted;
      if (deleted < sql.PRUNE_BATCH) break;
    }
    return report;
  }

  async claimAlert(claim: AlertClaim): Promise<{ taken: boolean; claim: AlertClaim }> {
    const [inserted] = await this.db.query(actions.insertClaim(claim));
    if (inserted) return { taken: true, claim };
    const [row] = await this.db.query(actions.selectClaim(claim.channelId, claim.jobId));
    // Deleted between the two statements (retention pruned the job): try once more.
    if (!row) return this.claimAlert(claim);
    return { taken: false, claim: actions.toClaim(row) };
  }

  async alertActionState(channelId: string, jobId: string, cause: string | null): Promise<AlertActionState> {
    const [claim] = await this.db.query(actions.selectClaim(channelId, jobId));
    const [mute] = cause === null ? [] : await this.db.query(actions.selectMute(channelId, cause));
    return { claim: claim ? actions.toClaim(claim) : null, mute: mute ? actions.toMute(mute) : null };
  }

  async alertRowShownAt(channelId: string, jobId: string, ts: string): Promise<OutboxRow | null> {
    const ref = await this.jobMessage(channelId, jobId);
    if (ref && ref.ts === ts && ref.version !== null) {
      const [row] = await this.db.query(actions.outboxRowById(ref.version));
      const read = row ? toOutboxRow(row) : null;
      if (read?.ok) return read.row;
    }
    return actions.rowThatPosted(await this.db.query(actions.jobRows(channelId, jobId)), ts);
  }

  async lockAlertMessage(channelId: string, jobId: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    return (await this.writeOne(actions.lockMessage(channelId, jobId, holder, now, ttlMs))).length > 0;
  }

  async unlockAlertMessage(channelId: string, jobId: string, holder: string): Promise<void> {
    await this.writeOne(actions.unlockMessage(channelId, jobId, holder));
  }

  async recordMessageShown(ref: MessageRef): Promise<void> {
    await this.writeOne(sql.upsertMessageRef(ref));
  }

  async muteCause(mute: Mute, change?: ChangeStamp): Promise<{ created: boolean; mute: Mute }> {
    const { created, row } = await this.db.transaction(() => actions.startMute(mute, change));
    // Ended between the two statements: start it again.
    if (!row) return this.muteCause(mute, change);
    return { created, mute: actions.toMute(row) };
  }

  async listMutes(channelId: string | null): Promise<Mute[]> {
    return (await this.db.query(actions.listMutes(channelId))).map(actions.toMute);
  }

  async dueMutes(now: number): Promise<Mute[]> {
    return (await this.db.query(actions.dueMutes(now))).map(actions.toMute);
  }

  endMute(
    channelId: string,
    cause: string,
    at: number,
    onlyIfDue: boolean,
    summarize: (mute: Mute, held: OutboxRow[]) => NewOutboxRow | null,
    change?: ChangeStamp,
  ): Promise<EndedMute | null> {
    return this.write(() => actions.endMute(channelId, cause, at, onlyIfDue, summarize, change));
  }

  async opsIncidents(): Promise<OpsIncident[]> {
    return (await this.db.query(ops.opsIncidents())).map(ops.toOpsIncident);
  }

  saveOpsIncident(incident: OpsIncident, message: NewOutboxRow | null): Promise<void> {
    // Fenced like every write of the leader's work: a thawed ex-leader tells nothing.
    return this.write(() => scripts.sequence([ops.upsertOpsIncident(incident), ...(message ? [sql.insertAlert(message)] : [])]));
  }

  async oldestUndelivered(): Promise<OldestUndelivered | null> {
    const [row] = await this.db.query(ops.oldestUndelivered());
    return ops.toOldestUndelivered(row);
  }

  async acquireLease(name: string, holder: string, now: number, ttlMs: number): Promise<Lease | null> {
    const [taken] = await this.db.query(sql.acquireLease(name, holder, now, ttlMs));
    const [row] = taken ? [taken] : await this.db.query(sql.leaseHolder(name));
    return row && text(row, 'holder') !== '' ? { holder: text(row, 'holder'), expiresAt: int(row, 'expires_at'), epoch: int(row, 'epoch') } : null;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.db.query(sql.releaseLease(name, holder));
  }
}
