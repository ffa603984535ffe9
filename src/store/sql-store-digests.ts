/** `SqlStore`'s digest role (ports/digest-store.ts): channels' digest schedules and their due digests. */
import * as scripts from './scripts';
import * as digests from './sql-digests';
import type { DigestStore } from './ports/digest-store';
import type { SqlIo } from './sql-store-io';

export function sqlDigests({ db, write }: SqlIo): DigestStore {
  return {
    putDigestSchedule(schedule, change) {
      return write(() => scripts.putDigestSchedule(db.dialect, schedule, change));
    },

    removeDigestSchedule(channelId, change) {
      return write(() => scripts.removeDigestSchedule(channelId, change));
    },

    async listDigestSchedules(channelId) {
      return (await db.query(digests.listDigestSchedules(channelId))).map(digests.toDigestSchedule);
    },

    queueScheduledDigest(schedule, dueAt, coveredUntil, digest) {
      // Fenced like every write of the leader's work: a thawed ex-leader queues nothing.
      return write(() => scripts.queueScheduledDigest(schedule.channelId, schedule.createdAt, dueAt, coveredUntil, digest));
    },
  };
}
