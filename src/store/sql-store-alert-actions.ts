/** `SqlStore`'s alert buttons role (ports/alert-actions.ts): claims, muted causes and the edit lock of a job's messages. */
import * as sql from './sql';
import { toOutboxRow } from './rows';
import * as actions from './sql-alert-actions';
import { jobMessage } from './sql-store-outbox';
import type { AlertActionStore } from './ports/alert-actions';
import type { SqlIo } from './sql-store-io';
import type { AlertClaim, ChangeStamp, Mute } from './store';

export function sqlAlertActions({ db, write, writeOne }: SqlIo): AlertActionStore {
  async function claimAlert(claim: AlertClaim): Promise<{ taken: boolean; claim: AlertClaim }> {
    const [inserted] = await db.query(actions.insertClaim(claim));
    if (inserted) return { taken: true, claim };
    const [row] = await db.query(actions.selectClaim(claim.channelId, claim.jobId));
    // Deleted between the two statements (retention pruned the job): try once more.
    if (!row) return claimAlert(claim);
    return { taken: false, claim: actions.toClaim(row) };
  }

  async function muteCause(mute: Mute, change?: ChangeStamp): Promise<{ created: boolean; mute: Mute }> {
    const { created, row } = await db.transaction(() => actions.startMute(mute, change));
    // Ended between the two statements: start it again.
    if (!row) return muteCause(mute, change);
    return { created, mute: actions.toMute(row) };
  }

  return {
    claimAlert,
    muteCause,

    async alertActionState(channelId, jobId, cause) {
      const [claim] = await db.query(actions.selectClaim(channelId, jobId));
      const [mute] = cause === null ? [] : await db.query(actions.selectMute(channelId, cause));
      return { claim: claim ? actions.toClaim(claim) : null, mute: mute ? actions.toMute(mute) : null };
    },

    async alertRowShownAt(channelId, jobId, ts) {
      const ref = await jobMessage(db, channelId, jobId);
      if (ref && ref.ts === ts && ref.version !== null) {
        const [row] = await db.query(actions.outboxRowById(ref.version));
        const read = row ? toOutboxRow(row) : null;
        if (read?.ok) return read.row;
      }
      return actions.rowThatPosted(await db.query(actions.jobRows(channelId, jobId)), ts);
    },

    async lockAlertMessage(channelId, jobId, holder, now, ttlMs) {
      return (await writeOne(actions.lockMessage(channelId, jobId, holder, now, ttlMs))).length > 0;
    },

    async unlockAlertMessage(channelId, jobId, holder) {
      await writeOne(actions.unlockMessage(channelId, jobId, holder));
    },

    async recordMessageShown(ref) {
      await writeOne(sql.upsertMessageRef(ref));
    },

    async listMutes(channelId) {
      return (await db.query(actions.listMutes(channelId))).map(actions.toMute);
    },

    async dueMutes(now) {
      return (await db.query(actions.dueMutes(now))).map(actions.toMute);
    },

    endMute(channelId, cause, at, onlyIfDue, summarize, change) {
      return write(() => actions.endMute(channelId, cause, at, onlyIfDue, summarize, change));
    },
  };
}
