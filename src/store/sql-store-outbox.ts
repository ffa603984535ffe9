/** `SqlStore`'s outbox role (ports/outbox-store.ts): what delivery claims, posts and records. */
import type { SqlDriver } from './driver';
import * as scripts from './scripts';
import * as sql from './sql';
import { intOrNull, text, toGivenUp, toOutboxRow, toOutboxStats, sortReadable } from './rows';
import type { OutboxStore } from './ports/outbox-store';
import type { SqlIo } from './sql-store-io';
import type { JobMessage, MessageRef } from './store';

/** The message a job's alerts in a channel edit, and the outbox row it shows (the alert buttons read it too). */
export async function jobMessage(db: SqlDriver, channelId: string, jobId: string): Promise<JobMessage | null> {
  const [row] = await db.query(sql.messageRef(channelId, jobId));
  return row ? { ts: text(row, 'ts'), version: intOrNull(row, 'version') } : null;
}

export function sqlOutbox({ db, write, writeOne }: SqlIo): OutboxStore {
  return {
    async claimOutbox(now, limit, owner, leaseMs, shape) {
      const full = { perChannel: shape?.perChannel ?? limit, idleChannelsOnly: shape?.idleChannelsOnly ?? false };
      const claimed = await writeOne(sql.claimOutbox(db.dialect, now, limit, owner, leaseMs, full));
      const { rows, unreadable } = sortReadable(claimed.map(toOutboxRow));
      // Given up at once with the reason (it shows among the channel's given-up alerts): no retry
      // can make its payload readable. A crash before this leaves it claimed: it comes back and goes then.
      for (const bad of unreadable) await writeOne(sql.failOutbox(bad.id, bad.reason, now));
      return rows;
    },

    foldBacklogs(now, above, fold) {
      // Fenced like every write of the leader's work: a thawed ex-leader folds nothing.
      return write(() => scripts.foldBacklogs(now, above, fold));
    },

    recordPosted(id, step, ts) {
      return write(() => scripts.recordPosted(db.dialect, id, step, ts));
    },

    completeOutbox(id, refs, at) {
      const list = refs === null ? [] : Array.isArray(refs) ? refs : [refs as MessageRef];
      const stmts = [sql.completeOutbox(id, at), ...list.map(sql.upsertMessageRef)];
      return write(() => scripts.sequence(stmts));
    },

    async retryOutbox(id, retryAt, error) {
      await writeOne(sql.retryOutbox(id, retryAt, error));
    },

    async failOutbox(id, error, at) {
      await writeOne(sql.failOutbox(id, error, at));
    },

    async releaseClaims(owner) {
      await db.query(sql.releaseClaims(owner));
    },

    /** `now` is not needed: every count is of rows as they stand. */
    async outboxStats() {
      const [row] = await db.query(sql.outboxStats());
      if (!row) throw new Error('store: outbox stats returned no row');
      return toOutboxStats(row);
    },

    async existingAlertKeys(keys) {
      const found = new Set<string>();
      for (const chunk of sql.existingAlertKeys(keys)) for (const row of await db.query(chunk)) found.add(text(row, 'dedupe_key'));
      return found;
    },

    async messageRef(channelId, jobId) {
      return (await jobMessage(db, channelId, jobId))?.ts ?? null;
    },

    jobMessage(channelId, jobId) {
      return jobMessage(db, channelId, jobId);
    },

    async givenUpAlerts(channelId) {
      return (await db.query(sql.givenUpAlerts(channelId))).map(toGivenUp);
    },
  };
}
