/** `SqlStore`'s job role (ports/job-store.ts): the jobs the poller tracks, and its progress. */
import * as scripts from './scripts';
import * as sql from './sql';
import { text, toStatusCounts, toTrackedJob } from './rows';
import type { JobStore } from './ports/job-store';
import type { SqlIo } from './sql-store-io';
import type { TrackedJob } from './store';

export function sqlJobs({ db, write }: SqlIo): JobStore {
  return {
    async getProgress(key) {
      const [row] = await db.query(sql.getProgress(key));
      return row ? text(row, 'value') : null;
    },

    async getJobs(ids) {
      const jobs: TrackedJob[] = [];
      for (const chunk of sql.getJobs(ids)) jobs.push(...(await db.query(chunk)).map(toTrackedJob));
      return jobs;
    },

    async activeJobs() {
      return (await db.query(sql.activeJobs())).map(toTrackedJob);
    },

    async recentFinishedJobs(limit) {
      return (await db.query(sql.recentFinishedJobs(limit))).map(toTrackedJob);
    },

    async jobsCreatedSince(since) {
      return (await db.query(sql.jobsCreatedSince(since))).map(toTrackedJob);
    },

    async idsWithPrefix(prefix, limit) {
      return (await db.query(sql.idsWithPrefix(prefix, limit))).map((row) => text(row, 'id'));
    },

    async statusCountsSince(since) {
      return toStatusCounts(await db.query(sql.statusCountsSince(since)));
    },

    async recentWithStatus(status, since, limit) {
      return (await db.query(sql.recentWithStatus(status, since, limit))).map(toTrackedJob);
    },

    commitCycle(cycle) {
      return write(() => scripts.sequence(sql.commitCycle(db.dialect, cycle)));
    },
  };
}
