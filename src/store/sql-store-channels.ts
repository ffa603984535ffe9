/**
 * `SqlStore`'s channel settings roles: what chat sets (ports/channel-settings.ts: subscriptions,
 * overdue limits, problems, snoozes) and what SUBSCRIPTIONS_FILE declares (ports/declared-settings.ts).
 */
import { ANY_JOB } from '../jobs/job-match';
import * as scripts from './scripts';
import * as sql from './sql';
import { toChannelProblem, toSnooze, toSubscription } from './rows';
import * as subscriptions from './sql-subscriptions';
import * as declared from './sql-declared';
import type { ChannelSettings } from './ports/channel-settings';
import type { DeclaredSettingsStore } from './ports/declared-settings';
import type { SqlIo } from './sql-store-io';

export function sqlChannelSettings({ db, write, writeOne }: SqlIo): ChannelSettings {
  return {
    async listSubscriptions(channelId) {
      return (await db.query(subscriptions.listSubscriptions(channelId))).map(toSubscription);
    },

    subscribe(channelId, kinds, mention, by, at, match = ANY_JOB, change) {
      return db.transaction(() => subscriptions.subscribe(db.dialect, channelId, kinds, match, mention, by, at, change));
    },

    unsubscribe(channelId, kinds, which = 'all', change) {
      return db.transaction(() => subscriptions.unsubscribe(db.dialect, channelId, kinds, which, change));
    },

    async setChannelProblem(channelId, problem) {
      await writeOne(sql.setChannelProblem(channelId, problem));
    },

    async channelProblems() {
      return (await db.query(sql.channelProblems())).map(toChannelProblem);
    },

    setOverdue(channelId, overdueMs, change) {
      return db.transaction(() => subscriptions.setOverdueScript(channelId, overdueMs, change));
    },

    snooze(snooze, change) {
      return db.transaction(() => scripts.startSnooze(snooze, change));
    },

    async listSnoozes(channelId) {
      return (await db.query(sql.listSnoozes(channelId))).map(toSnooze);
    },

    async dueSnoozes(now) {
      return (await db.query(sql.dueSnoozes(now))).map(toSnooze);
    },

    endSnooze(channelId, at, onlyIfDue, summarize, change) {
      return write(() => scripts.endSnooze(channelId, at, onlyIfDue, summarize, change));
    },
  };
}

export function sqlDeclaredSettings({ db }: SqlIo): DeclaredSettingsStore {
  return {
    // Subscriptions as code: every replica reconciles its own reading of the file (not the leader's work: unfenced).
    reconcileDeclared(channels, at, by) {
      return db.transaction(() => declared.reconcileDeclared(db.dialect, channels, { at, author: { by, source: 'file' } }));
    },

    async managedSettings(channelId) {
      return (await db.query(declared.managedSettings(channelId))).map(declared.toManagedSetting);
    },
  };
}
