/**
 * The store contract for the app's own health (part of `describeStoreContract`, run on both
 * engines): an incident and the row that tells it are saved together or not at all, only by the
 * current lease term; its rows go on while the channel is snoozed and are never folded; what is
 * late leaves out what snoozes hold and channels that cannot be posted to.
 */
import { opsOutboxRow } from '../../../src/alerts/ops-incident';
import type { OpsIncident } from '../../../src/domain/ops';
import type { AlertPayload } from '../../../src/domain/alert-payload';
import { makeJob } from '../../support/jobs';
import { FencedOutError, type NewOutboxRow, type Store } from '../../../src/store/store';

const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

const incident = (target: string, version: number, resolvedAt: number | null = null): OpsIncident => ({
  target,
  openedAt: T0,
  problems: [{ key: 'hume_key', kind: 'hume_key', detail: 'Hume rejected the API key (HTTP 401).', since: T0 }],
  version,
  editedAt: T0,
  clearSince: null,
  resolvedAt,
});

function jobAlert(key: string, channelId: string, createdAt: number): NewOutboxRow {
  const payload: AlertPayload = { type: 'job', change: { job: makeJob({ id: `job-${key}`, createdAt }), from: 'running', to: 'completed' }, mention: null };
  return { channelId, jobId: `job-${key}`, dedupeKey: key, payload, createdAt };
}

export function describeOpsContract(store: () => Store): void {
  describe("the app's own health", () => {
    it('saves an incident with the row that tells it; the same version is queued once', async () => {
      const told = incident('C0OPS', 1);
      await store().saveOpsIncident(told, opsOutboxRow(told, 'ops', T0));
      await store().saveOpsIncident(told, opsOutboxRow(told, 'ops', T0));
      await store().saveOpsIncident(incident('', 1), null);
      expect(await store().opsIncidents()).toEqual([incident('', 1), told]);
      const rows = await store().claimOutbox(T0, 10, 'a', 60_000);
      expect(rows.map((r) => [r.dedupeKey, r.kind, r.jobId])).toEqual([[`ops:C0OPS:${T0}:1`, 'ops', `ops:C0OPS:${T0}`]]);
      expect(rows[0]!.payload).toEqual(opsOutboxRow(told, 'ops', T0).payload);

      const ended = incident('C0OPS', 2, T0 + 1000);
      await store().saveOpsIncident(ended, null);
      expect((await store().opsIncidents()).find((i) => i.target === 'C0OPS')).toEqual(ended);
    });

    it('a holder whose lease was taken over saves nothing and queues nothing', async () => {
      const first = await store().acquireLease('poller', 'a', T0, 1000);
      const old = store().withFence({ current: () => ({ name: 'poller', holder: 'a', epoch: first!.epoch }) });
      await store().acquireLease('poller', 'b', T0 + 1001, 1000);
      const told = incident('C0OPS', 1);
      await expect(old.saveOpsIncident(told, opsOutboxRow(told, 'ops', T0))).rejects.toBeInstanceOf(FencedOutError);
      expect(await store().opsIncidents()).toEqual([]);
      expect(await store().outboxStats(T0)).toMatchObject({ pending: 0 });
    });

    it('goes on in a snoozed channel, is never folded into a backlog digest nor summed up when the snooze ends', async () => {
      await store().snooze({ channelId: 'C0A', startedAt: T0, endsAt: T0 + 60_000, createdBy: 'U1' });
      const told = incident('C0A', 1);
      await store().saveOpsIncident(told, opsOutboxRow(told, 'channel', T0));
      await store().commitCycle({ upsertJobs: [], alerts: [jobAlert('j1', 'C0A', T0)], progress: {} });
      // While snoozed: the job alert is held, the app's own health is not.
      const [first, ...others] = await store().claimOutbox(T0, 10, 'a', 60_000);
      expect([first!.dedupeKey, others]).toEqual([`ops:C0A:${T0}:1`, []]);
      await store().completeOutbox(first!.id, { channelId: 'C0A', jobId: first!.jobId!, ts: '1.1', version: first!.id }, T0);
      const edited = incident('C0A', 2);
      await store().saveOpsIncident(edited, opsOutboxRow(edited, 'channel', T0));
      expect(await store().foldBacklogs(T0, 0, () => [])).toEqual([]);
      const ended = await store().endSnooze('C0A', T0 + 1, false, () => null);
      expect(ended?.held.map((r) => r.dedupeKey)).toEqual(['j1']);
      expect((await store().claimOutbox(T0 + 2, 10, 'a', 60_000)).map((r) => r.dedupeKey)).toEqual([`ops:C0A:${T0}:2`]);
    });

    it('the oldest undelivered alert leaves out snoozed channels and channels that cannot be posted to', async () => {
      await store().commitCycle({
        upsertJobs: [],
        alerts: [jobAlert('held', 'C0SNOOZED', T0), jobAlert('stuck', 'C0STUCK', T0 + 1), jobAlert('late', 'C0LATE', T0 + 2), jobAlert('later', 'C0LATE', T0 + 3)],
        progress: {},
      });
      await store().snooze({ channelId: 'C0SNOOZED', startedAt: T0, endsAt: T0 + 60_000, createdBy: null });
      await store().setChannelProblem('C0STUCK', { error: 'not_in_channel', at: T0 });
      expect(await store().oldestUndelivered()).toEqual({ channelId: 'C0LATE', createdAt: T0 + 2 });
      await store().setChannelProblem('C0STUCK', null);
      expect(await store().oldestUndelivered()).toEqual({ channelId: 'C0STUCK', createdAt: T0 + 1 });
    });
  });
}
