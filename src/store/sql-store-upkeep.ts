/**
 * `SqlStore`'s roles for keeping the app itself going: the setting-change log
 * (ports/setting-change-log.ts), retention (ports/retention.ts), the ops incidents
 * (ports/ops-store.ts) and the leader's lease (ports/lease-store.ts).
 */
import * as scripts from './scripts';
import * as sql from './sql';
import { int, text } from './rows';
import * as changes from './sql-setting-changes';
import * as ops from './sql-ops';
import type { LeaseStore } from './ports/lease-store';
import type { OpsStore } from './ports/ops-store';
import type { Retention } from './ports/retention';
import type { SettingChangeLog } from './ports/setting-change-log';
import type { SqlIo } from './sql-store-io';
import type { PruneReport } from './store';

export function sqlSettingChangeLog({ db, writeOne }: SqlIo): SettingChangeLog {
  return {
    async settingChanges(channelId, since, limit) {
      const [rows, [count]] = await Promise.all([
        db.query(changes.settingChanges(channelId, since, limit)),
        db.query(changes.countSettingChanges(channelId, since)),
      ]);
      const page = rows.map(changes.toSettingChange);
      return { changes: page, more: Math.max(0, (count ? int(count, 'n') : 0) - page.length) };
    },

    async latestSettingChanges(channelId) {
      return (await db.query(changes.latestSettingChanges(channelId))).map(changes.toSettingChange);
    },

    async recordSettingChange(change) {
      await writeOne(changes.insertSettingChange(change));
    },
  };
}

export function sqlRetention({ write, writeOne }: SqlIo): Retention {
  return {
    async prune(policy) {
      const report: PruneReport = { outboxRows: 0, jobs: 0, settingChanges: 0 };
      for (const [status, before] of [['done', policy.deliveredBefore], ['failed', policy.failedBefore]] as const) {
        for (;;) {
          const deleted = (await writeOne(sql.pruneOutbox(status, before))).length;
          report.outboxRows += deleted;
          if (deleted < sql.PRUNE_BATCH) break;
        }
      }
      for (;;) {
        const ids = await write(() => scripts.pruneJobs(policy.finishedJobsBefore));
        report.jobs += ids;
        if (ids < sql.PRUNE_BATCH) break;
      }
      for (;;) {
        const deleted = (await writeOne(changes.pruneSettingChanges(policy.settingChangesBefore))).length;
        report.settingChanges += deleted;
        if (deleted < sql.PRUNE_BATCH) break;
      }
      return report;
    },
  };
}

export function sqlOps({ db, write }: SqlIo): OpsStore {
  return {
    async opsIncidents() {
      return (await db.query(ops.opsIncidents())).map(ops.toOpsIncident);
    },

    saveOpsIncident(incident, message) {
      // Fenced like every write of the leader's work: a thawed ex-leader tells nothing.
      return write(() => scripts.sequence([ops.upsertOpsIncident(incident), ...(message ? [sql.insertAlert(message)] : [])]));
    },

    async oldestUndelivered() {
      const [row] = await db.query(ops.oldestUndelivered());
      return ops.toOldestUndelivered(row);
    },
  };
}

/** The lease itself is never fenced: taking it is how a term begins. */
export function sqlLeases({ db }: SqlIo): LeaseStore {
  return {
    async acquireLease(name, holder, now, ttlMs) {
      const [taken] = await db.query(sql.acquireLease(name, holder, now, ttlMs));
      const [row] = taken ? [taken] : await db.query(sql.leaseHolder(name));
      return row && text(row, 'holder') !== '' ? { holder: text(row, 'holder'), expiresAt: int(row, 'expires_at'), epoch: int(row, 'epoch') } : null;
    },

    async releaseLease(name, holder) {
      await db.query(sql.releaseLease(name, holder));
    },
  };
}
