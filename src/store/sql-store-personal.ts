/** `SqlStore`'s personal notifications role (ports/personal-alerts.ts): written by slash commands (unfenced), read by the poller. */
import * as personal from './sql-personal';
import type { PersonalAlerts } from './ports/personal-alerts';
import type { SqlIo } from './sql-store-io';
import type { Watch } from './store';

export function sqlPersonalAlerts({ db }: SqlIo): PersonalAlerts {
  return {
    async addWatch(watch) {
      return (await db.query(personal.addWatch(watch))).length > 0;
    },

    async removeWatch(userId, jobId) {
      return (await db.query(personal.removeWatch(userId, jobId))).length > 0;
    },

    async listWatches(userId) {
      return (await db.query(personal.listWatches(userId))).map(personal.toWatch);
    },

    async watchesOf(jobIds) {
      const watches: Watch[] = [];
      for (const chunk of personal.watchesOf(jobIds)) watches.push(...(await db.query(chunk)).map(personal.toWatch));
      return watches;
    },

    async finishedWatches() {
      return (await db.query(personal.finishedWatches())).map(personal.toFinishedWatch);
    },

    setNotifyRule(rule) {
      return db.transaction(() => personal.setNotifyRule(rule));
    },

    async removeNotifyRule(userId) {
      const [row] = await db.query(personal.removeNotifyRule(userId));
      return row ? personal.toRule(row) : null;
    },

    async notifyRules(userId) {
      return (await db.query(personal.notifyRules(userId))).map(personal.toLinkedRule);
    },

    setHumeLink(userId, humeUserId, at) {
      return db.transaction(() => personal.setHumeLink(userId, humeUserId, at));
    },

    async getHumeLink(userId) {
      const [row] = await db.query(personal.getHumeLink(userId));
      return row ? personal.toLink(row) : null;
    },
  };
}
