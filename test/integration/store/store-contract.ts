/**
 * The one test suite every `Store` adapter must pass. The poller and the deliverer rely on these
 * semantics, not on an engine, so an adapter is done when this is green.
 *
 * `open` returns a store on the suite's database (not yet migrated); until `cleanup` runs, every
 * call reaches the same database, which is how two "replicas" are simulated. `cleanup` runs after
 * each test, once its stores are closed, and must leave an empty database.
 *
 * Rejections are checked by shape, not with toThrow(): better-sqlite3 creates its errors from the
 * first test file that loaded it in a worker, so they are not `instanceof` a later file's Error.
 */
import type { Job, StatusKind } from '../../../src/jobs/job';
import type { AlertPayload, DigestPayload } from '../../../src/domain/alert-payload';
import type { CycleWrite, NewOutboxRow, Store, TrackedJob } from '../../../src/store/store';
import { describeAlertActionsContract } from './alert-actions-contract';
import { describeBacklogFoldContract } from './backlog-fold-contract';
import { describeDigestContract } from './digest-contract';
import { describeFencingContract } from './fencing-contract';
import { describeOpsContract } from './ops-contract';
import { describeHomeViewerContract } from './home-viewers-contract';
import { describeOutboxPayloadContract } from './outbox-payload-contract';
import { describeSettingChangesContract } from './setting-changes-contract';
import { describeSubscriptionsContract } from './subscriptions-contract';
import { describeDeclaredSettingsContract } from './declared-settings-contract';
import { ANY_JOB } from '../../../src/jobs/job-match';
import { describePersonalAlertsContract } from './personal-alerts-contract';

export interface ContractOptions {
  /** False when each `open` gets a private database (`:memory:`): multi-store tests are skipped. */
  sharedDatabase: boolean;
}

const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const LEASE = 60_000;

function snapshot(id: string, status: StatusKind, createdAt: number | null): Job {
  return {
    id,
    source: 'batch',
    status,
    rawStatus: status.toUpperCase(),
    createdAt,
    startedAt: status === 'queued' ? null : createdAt,
    endedAt: null,
    inputs: { files: [{ name: 'a.wav', contentType: 'audio/wav', md5: null }], urls: [], textCount: 1 },
    models: [{ name: 'prosody', options: { granularity: 'word' } }],
    endpoint: null,
    mode: null,
    numPredictions: null,
    numErrors: null,
    errorMessage: null,
    userId: 'U1',
  };
}

function tracked(id: string, status: StatusKind = 'queued', createdAt: number | null = T0, seenAt = T0): TrackedJob {
  return { id, status, rawStatus: status.toUpperCase(), snapshot: snapshot(id, status, createdAt), seenAt };
}

/** A job alert about `job-<key>`: payloads are checked when read, so test rows carry real ones. */
function jobPayload(key: string, mention: string | null = null): AlertPayload {
  return { type: 'job', change: { job: snapshot(`job-${key}`, 'completed', T0), from: 'running', to: 'completed' }, mention };
}

function digestPayload(fields: Partial<DigestPayload> = {}): DigestPayload {
  return { type: 'digest', changes: [], catchUp: false, mention: null, ...fields };
}

function alert(key: string, fields: Partial<NewOutboxRow> = {}): NewOutboxRow {
  return { channelId: 'C1', jobId: `job-${key}`, dedupeKey: key, payload: jobPayload(key), createdAt: T0, ...fields };
}

function cycle(write: Partial<CycleWrite>): CycleWrite {
  return { upsertJobs: [], alerts: [], progress: {}, ...write };
}

const ids = (rows: { id: number }[]): number[] => rows.map((row) => row.id);

export function describeStoreContract(
  name: string,
  open: () => Promise<Store>,
  cleanup: () => Promise<void>,
  options: ContractOptions = { sharedDatabase: true },
): void {
  const shared = options.sharedDatabase ? it : it.skip;

  describe(`${name}: Store contract`, () => {
    const opened: Store[] = [];
    async function openMigrated(): Promise<Store> {
      const store = await open();
      opened.push(store);
      await store.migrate();
      return store;
    }

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((store) => store.close()));
      await cleanup();
    });

    describe('schema', () => {
      it('migrates again without error or data loss, and answers ping', async () => {
        const store = await openMigrated();
        await store.subscribe('C1', ['failed'], null, 'U1', T0);
        await store.migrate();
        await store.migrate();
        await expect(store.ping()).resolves.toBeUndefined();
        expect(await store.listSubscriptions(null)).toHaveLength(1);
      });

      shared('lets two stores migrate the same fresh database at once', async () => {
        const [a, b] = await Promise.all([open(), open()]);
        opened.push(a, b);
        await Promise.all([a.migrate(), b.migrate()]);
        await a.subscribe('C1', ['failed'], null, null, T0);
        expect(await b.listSubscriptions('C1')).toHaveLength(1);
      });

      it('can be closed twice', async () => {
        const store = await openMigrated();
        await store.close();
        await expect(store.close()).resolves.toBeUndefined();
      });
    });

    describe('with a migrated store', () => {
      let store: Store;
      beforeEach(async () => {
        store = await openMigrated();
      });

      describe('poller', () => {
        it('keeps progress keys, overwriting on each cycle', async () => {
          expect(await store.getProgress('hwm')).toBeNull();
          await store.commitCycle(cycle({ progress: { hwm: '10', cursor: 'a' } }));
          await store.commitCycle(cycle({ progress: { hwm: '20' } }));
          expect(await store.getProgress('hwm')).toBe('20');
          expect(await store.getProgress('cursor')).toBe('a');
        });

        it('inserts then updates job states, snapshots intact', async () => {
          await store.commitCycle(cycle({ upsertJobs: [tracked('j1'), tracked('j2')] }));
          const later = tracked('j1', 'completed', T0, T0 + 5000);
          await store.commitCycle(cycle({ upsertJobs: [later] }));
          const jobs = await store.getJobs(['j1', 'j2', 'missing']);
          expect(jobs.sort((a, b) => a.id.localeCompare(b.id))).toEqual([later, tracked('j2')]);
        });

        it('answers getJobs([]) without touching the database', async () => {
          await store.close();
          await expect(store.getJobs([])).resolves.toEqual([]);
        });

        it('finds jobs among 10,000 ids', async () => {
          const present = Array.from({ length: 1000 }, (_, i) => tracked(`job-${i * 10}`));
          await store.commitCycle(cycle({ upsertJobs: present }));
          const wanted = Array.from({ length: 10_000 }, (_, i) => `job-${i}`);
          const found = await store.getJobs(wanted);
          expect(found.map((job) => job.id).sort()).toEqual(present.map((job) => job.id).sort());
        });

        it('lists active jobs: queued and running only', async () => {
          const states: StatusKind[] = ['queued', 'running', 'completed', 'failed'];
          await store.commitCycle(cycle({ upsertJobs: states.map((status) => tracked(`j-${status}`, status)) }));
          expect((await store.activeJobs()).map((job) => job.id).sort()).toEqual(['j-queued', 'j-running']);
        });

        it("lists jobs created since a time, by the snapshot's createdAt", async () => {
          await store.commitCycle(
            cycle({
              upsertJobs: [
                tracked('old', 'completed', T0 - 1, T0 + 100),
                tracked('edge', 'completed', T0),
                tracked('new', 'running', T0 + 1),
                tracked('unknown', 'queued', null),
              ],
            }),
          );
          expect((await store.jobsCreatedSince(T0)).map((job) => job.id)).toEqual(['edge', 'new']);
        });

        it('finds tracked ids by prefix, exactly (no wildcards, case-sensitive), in id order, up to a limit', async () => {
          await store.commitCycle(cycle({ upsertJobs: ['1a2b3c4d-0001', '1a2b3c4d-0002', '1a2b3c4e-0003', '1A2B3C4D-0004', '1a2_3c4d-0005'].map((id) => tracked(id)) }));
          expect(await store.idsWithPrefix('1a2b3c4d', 6)).toEqual(['1a2b3c4d-0001', '1a2b3c4d-0002']);
          expect(await store.idsWithPrefix('1a2b3c4d', 1)).toEqual(['1a2b3c4d-0001']);
          expect(await store.idsWithPrefix('1a2_', 6)).toEqual(['1a2_3c4d-0005']);
          expect(await store.idsWithPrefix('1a2%', 6)).toEqual([]);
          expect(await store.idsWithPrefix('ffff', 6)).toEqual([]);
        });

        it('counts jobs created since a time by status, completed with errors apart, without reading them out', async () => {
          const withErrors = tracked('err', 'completed', T0 + 2);
          withErrors.snapshot.numErrors = 3;
          const clean = tracked('ok', 'completed', T0 + 3);
          clean.snapshot.numErrors = 0;
          await store.commitCycle(
            cycle({ upsertJobs: [tracked('old', 'failed', T0 - 1), tracked('f', 'failed', T0), withErrors, clean, tracked('r', 'running', T0 + 4), tracked('x', 'queued', null)] }),
          );
          expect(await store.statusCountsSince(T0)).toEqual({ counts: { queued: 0, running: 1, completed: 2, failed: 1 }, completedWithErrors: 1 });
          expect(await store.statusCountsSince(T0 + 100)).toEqual({ counts: { queued: 0, running: 0, completed: 0, failed: 0 }, completedWithErrors: 0 });
        });

        it('lists the newest jobs of one status since a time, up to a limit', async () => {
          await store.commitCycle(
            cycle({ upsertJobs: [tracked('f0', 'failed', T0 - 1), tracked('f1', 'failed', T0), tracked('f2', 'failed', T0 + 2), tracked('f3', 'failed', T0 + 1), tracked('c', 'completed', T0 + 5)] }),
          );
          expect((await store.recentWithStatus('failed', T0, 2)).map((job) => job.id)).toEqual(['f2', 'f3']);
          expect((await store.recentWithStatus('failed', T0, 10)).map((job) => job.id)).toEqual(['f2', 'f3', 'f1']);
        });

        it('lists the most recently created finished jobs, newest first, up to a limit', async () => {
          await store.commitCycle(
            cycle({
              upsertJobs: [
                tracked('a', 'completed', T0 - 3),
                tracked('b', 'failed', T0 - 2),
                tracked('c', 'running', T0 - 1),
                tracked('d', 'completed', T0),
                tracked('e', 'completed', null),
              ],
            }),
          );
          expect((await store.recentFinishedJobs(2)).map((job) => job.id)).toEqual(['d', 'b']);
          expect((await store.recentFinishedJobs(10)).map((job) => job.id)).toEqual(['d', 'b', 'a']);
        });

        it('queues each dedupe key once, across and within cycles', async () => {
          await store.commitCycle(cycle({ alerts: [alert('k1'), alert('k2'), alert('k1', { payload: jobPayload('k1', 'dup') })] }));
          await store.commitCycle(cycle({ alerts: [alert('k2', { payload: jobPayload('k2', 'again') }), alert('k3')] }));
          const claimed = await store.claimOutbox(T0, 10, 'd1', LEASE);
          expect(claimed.map((row) => row.dedupeKey)).toEqual(['k1', 'k2', 'k3']);
          expect(claimed[0]!.payload).toEqual(jobPayload('k1'));
        });

        it('writes a cycle all or nothing', async () => {
          // channel_id is NOT NULL: the second alert's insert fails after the first one's.
          const bad = alert('bad', { channelId: null as unknown as string });
          const write = cycle({ upsertJobs: [tracked('j1')], alerts: [alert('ok'), bad], progress: { hwm: '1' } });
          await expect(store.commitCycle(write)).rejects.toHaveProperty('message');
          expect(await store.getJobs(['j1'])).toEqual([]);
          expect(await store.getProgress('hwm')).toBeNull();
          expect(await store.outboxStats(T0)).toEqual({ pending: 0, oldestCreatedAt: null, held: 0, dead: 0 });
        });
      });

      describe('subscriptions', () => {
        it('creates a subscription with kinds in canonical order', async () => {
          const sub = await store.subscribe('C1', ['failed', 'queued'], '<!subteam^S1>', 'U1', T0);
          expect(sub).toEqual({
            id: expect.any(Number),
            channelId: 'C1',
            kinds: ['queued', 'failed'],
            match: ANY_JOB,
            mention: '<!subteam^S1>',
            createdBy: 'U1',
            createdAt: T0,
            overdueMs: null,
          });
          expect(await store.listSubscriptions('C1')).toEqual([sub]);
        });

        it('adds kinds, keeps the mention unless a new one is given, keeps who created it', async () => {
          await store.subscribe('C1', ['failed'], '@oncall', 'U1', T0);
          const kept = await store.subscribe('C1', ['completed', 'failed'], null, 'U2', T0 + 1);
          expect(kept).toMatchObject({ channelId: 'C1', kinds: ['completed', 'failed'], mention: '@oncall', createdBy: 'U1', createdAt: T0, overdueMs: null });
          const replaced = await store.subscribe('C1', ['queued'], '<!here>', 'U2', T0 + 2);
          expect(replaced.kinds).toEqual(['queued', 'completed', 'failed']);
          expect(replaced.mention).toBe('<!here>');
          expect(await store.listSubscriptions('C1')).toEqual([replaced]);
        });

        it('lists one channel or all of them', async () => {
          await store.subscribe('C2', ['running'], null, null, T0);
          await store.subscribe('C1', ['failed'], null, null, T0);
          expect((await store.listSubscriptions(null)).map((sub) => sub.channelId)).toEqual(['C1', 'C2']);
          expect((await store.listSubscriptions('C2')).map((sub) => sub.kinds)).toEqual([['running']]);
          expect(await store.listSubscriptions('C3')).toEqual([]);
        });

        it('removes kinds, and the subscription with its last kind', async () => {
          await store.subscribe('C1', ['queued', 'failed', 'completed'], '@a', 'U1', T0);
          expect(await store.unsubscribe('C1', ['queued', 'running'])).toMatchObject([{ kinds: ['completed', 'failed'], mention: '@a' }]);
          expect(await store.unsubscribe('C1', ['completed', 'failed'])).toEqual([]);
          expect(await store.listSubscriptions('C1')).toEqual([]);
        });

        it('removes the whole subscription when no kinds are given', async () => {
          await store.subscribe('C1', ['queued', 'failed'], null, null, T0);
          expect(await store.unsubscribe('C1', [])).toEqual([]);
          expect(await store.listSubscriptions(null)).toEqual([]);
          expect(await store.unsubscribe('C-unknown', ['failed'])).toEqual([]);
        });

        it('records, replaces and clears channel problems', async () => {
          expect(await store.channelProblems()).toEqual([]);
          await store.setChannelProblem('C2', { error: 'not_in_channel', at: T0 });
          await store.setChannelProblem('C1', { error: 'not_in_channel', at: T0 });
          await store.setChannelProblem('C1', { error: 'is_archived', at: T0 + 1 });
          expect(await store.channelProblems()).toEqual([
            { channelId: 'C1', error: 'is_archived', at: T0 + 1 },
            { channelId: 'C2', error: 'not_in_channel', at: T0 },
          ]);
          await store.setChannelProblem('C1', null);
          expect((await store.channelProblems()).map((problem) => problem.channelId)).toEqual(['C2']);
        });
      });

      describeHomeViewerContract(() => store, openMigrated, shared);
      describeOutboxPayloadContract(() => store);
      describeBacklogFoldContract(() => store, openMigrated, shared);
      describeFencingContract(() => store);
      describeAlertActionsContract(() => store, openMigrated, shared);
      describeSettingChangesContract(() => store);
      describeSubscriptionsContract(() => store, openMigrated, shared);
      describeDeclaredSettingsContract(() => store, openMigrated, shared);
      describePersonalAlertsContract(() => store);
      describeOpsContract(() => store);
      describeDigestContract(() => store, openMigrated, shared);

      describe('leases', () => {
        it('is taken when free, renewed by its holder, refused to others until it expires', async () => {
          // The term (epoch) stays on renewals and grows by one when another holder takes over.
          expect(await store.acquireLease('poller', 'a', T0, 1000)).toEqual({ holder: 'a', expiresAt: T0 + 1000, epoch: 1 });
          expect(await store.acquireLease('poller', 'b', T0 + 500, 1000)).toEqual({ holder: 'a', expiresAt: T0 + 1000, epoch: 1 });
          expect(await store.acquireLease('poller', 'a', T0 + 900, 1000)).toEqual({ holder: 'a', expiresAt: T0 + 1900, epoch: 1 });
          expect(await store.acquireLease('poller', 'b', T0 + 1899, 1000)).toEqual({ holder: 'a', expiresAt: T0 + 1900, epoch: 1 });
          expect(await store.acquireLease('poller', 'b', T0 + 1901, 1000)).toEqual({ holder: 'b', expiresAt: T0 + 2901, epoch: 2 });
        });

        it('is free again at once when its holder releases it; others cannot release it', async () => {
          await store.acquireLease('poller', 'a', T0, 60_000);
          await store.releaseLease('poller', 'b');
          expect((await store.acquireLease('poller', 'b', T0 + 1, 60_000))!.holder).toBe('a');
          await store.releaseLease('poller', 'a');
          // A released lease keeps counting terms: the next one is a new term, even for 'a' again.
          expect(await store.acquireLease('poller', 'b', T0 + 2, 60_000)).toEqual({ holder: 'b', expiresAt: T0 + 60_002, epoch: 2 });
          await store.releaseLease('poller', 'b');
          expect((await store.acquireLease('poller', 'a', T0 + 3, 60_000))!.epoch).toBe(3);
        });

        shared('goes to exactly one of several replicas trying at once', async () => {
          const replicas = await Promise.all([openMigrated(), openMigrated(), openMigrated()]);
          const results = await Promise.all(
            replicas.flatMap((replica, i) => Array.from({ length: 5 }, () => replica.acquireLease('poller', `r${i}`, T0, 10_000))),
          );
          const holders = new Set(results.map((r) => r!.holder));
          expect(holders.size).toBe(1);
        });
      });

      describe('outbox', () => {
        it('claims due rows oldest first, up to the limit, with their full state', async () => {
          await store.commitCycle(
            cycle({
              alerts: [
                alert('c', { createdAt: T0 + 2 }),
                alert('a', { createdAt: T0, payload: digestPayload(), jobId: null }),
                alert('b', { createdAt: T0 + 1 }),
                alert('later', { createdAt: T0 + 10 }),
              ],
            }),
          );
          const claimed = await store.claimOutbox(T0 + 5, 2, 'd1', LEASE);
          expect(claimed).toEqual([
            {
              id: expect.any(Number),
              channelId: 'C1',
              jobId: null,
              kind: 'digest',
              dedupeKey: 'a',
              payload: digestPayload(),
              createdAt: T0,
              attempts: 1,
              postedTs: null,
              steps: {},
              lastError: null,
            },
            expect.objectContaining({ dedupeKey: 'b', jobId: 'job-b', kind: 'job' }),
          ]);
          expect((await store.claimOutbox(T0 + 5, 10, 'd1', LEASE)).map((row) => row.dedupeKey)).toEqual(['c']);
        });

        it('orders rows created at the same time by id', async () => {
          await store.commitCycle(cycle({ alerts: [alert('x'), alert('y'), alert('z')] }));
          const claimed = ids(await store.claimOutbox(T0, 10, 'd1', LEASE));
          expect(claimed).toEqual([...claimed].sort((a, b) => a - b));
        });

        it('does not hand out a leased row again until the lease ends', async () => {
          await store.commitCycle(cycle({ alerts: [alert('k')] }));
          const [first] = await store.claimOutbox(T0, 10, 'd1', LEASE);
          expect(await store.claimOutbox(T0, 10, 'd2', LEASE)).toEqual([]);
          expect(await store.claimOutbox(T0 + LEASE, 10, 'd2', LEASE)).toEqual([]);
          const again = await store.claimOutbox(T0 + LEASE + 1, 10, 'd2', LEASE);
          expect(again).toEqual([{ ...first, attempts: 2 }]);
        });

        it('gives a retried row back at its retry time, with the error', async () => {
          await store.commitCycle(cycle({ alerts: [alert('k')] }));
          const [row] = await store.claimOutbox(T0, 10, 'd1', LEASE);
          await store.retryOutbox(row!.id, T0 + 5000, 'ratelimited');
          expect(await store.claimOutbox(T0 + 4999, 10, 'd1', LEASE)).toEqual([]);
          const [retried] = await store.claimOutbox(T0 + 5000, 10, 'd1', LEASE);
          expect(retried).toMatchObject({ id: row!.id, attempts: 2, lastError: 'ratelimited' });
        });

        it("skips a channel with a problem, and not other channels' rows", async () => {
          await store.commitCycle(cycle({ alerts: [alert('bad', { channelId: 'C-bad' }), alert('good', { channelId: 'C-good' })] }));
          await store.setChannelProblem('C-bad', { error: 'not_in_channel', at: T0 });
          expect((await store.claimOutbox(T0, 10, 'd1', LEASE)).map((row) => row.dedupeKey)).toEqual(['good']);
          await store.setChannelProblem('C-bad', null);
          expect((await store.claimOutbox(T0, 10, 'd1', LEASE)).map((row) => row.dedupeKey)).toEqual(['bad']);
        });

        it('tells which dedupe keys were queued before, whatever became of their rows', async () => {
          await store.commitCycle(cycle({ alerts: [alert('said'), alert('done')] }));
          const rows = await store.claimOutbox(T0, 10, 'd1', LEASE);
          await store.completeOutbox(rows.find((row) => row.dedupeKey === 'done')!.id, null, T0 + 1);
          const many = Array.from({ length: 1200 }, (_, i) => `never-${i}`);
          expect(await store.existingAlertKeys(['said', 'done', 'new', ...many, 'said'])).toEqual(new Set(['said', 'done']));
          expect(await store.existingAlertKeys([])).toEqual(new Set());
        });

        it('records posted steps; only the main step sets postedTs', async () => {
          await store.commitCycle(cycle({ alerts: [alert('k')] }));
          const [row] = await store.claimOutbox(T0, 10, 'd1', LEASE);
          await store.recordPosted(row!.id, 'thread', '111.1');
          await store.recordPosted(row!.id, 'main', '222.2');
          await store.recordPosted(row!.id, 'thread', '333.3');
          const [resumed] = await store.claimOutbox(T0 + LEASE + 1, 10, 'd2', LEASE);
          expect(resumed).toMatchObject({ postedTs: '222.2', steps: { main: '222.2', thread: '333.3' } });
        });

        it('completes a row and remembers its message in the same step', async () => {
          await store.commitCycle(cycle({ alerts: [alert('k1'), alert('k2', { jobId: 'j2' })] }));
          const [one, two] = await store.claimOutbox(T0, 10, 'd1', LEASE);
          expect(await store.messageRef('C1', 'j2')).toBeNull();
          await store.completeOutbox(one!.id, null, T0 + 1);
          await store.completeOutbox(two!.id, { channelId: 'C1', jobId: 'j2', ts: '100.1' }, T0 + 1);
          expect(await store.messageRef('C1', 'j2')).toBe('100.1');
          expect(await store.messageRef('C2', 'j2')).toBeNull();
          expect(await store.claimOutbox(T0 + LEASE * 10, 10, 'd1', LEASE)).toEqual([]);
          expect(await store.outboxStats(T0)).toEqual({ pending: 0, oldestCreatedAt: null, held: 0, dead: 0 });

          await store.commitCycle(cycle({ alerts: [alert('k3', { jobId: 'j2' })] }));
          const [three] = await store.claimOutbox(T0, 10, 'd1', LEASE);
          await store.completeOutbox(three!.id, { channelId: 'C1', jobId: 'j2', ts: '200.2' }, T0 + 2);
          expect(await store.messageRef('C1', 'j2')).toBe('200.2');
        });

        it('leaves a row pending when its message ref cannot be written', async () => {
          await store.commitCycle(cycle({ alerts: [alert('k')] }));
          const [row] = await store.claimOutbox(T0, 10, 'd1', LEASE);
          const broken = { channelId: 'C1', jobId: 'j', ts: null as unknown as string };
          await expect(store.completeOutbox(row!.id, broken, T0 + 1)).rejects.toHaveProperty('message');
          expect(await store.outboxStats(T0)).toMatchObject({ pending: 1 });
          expect(ids(await store.claimOutbox(T0 + LEASE + 1, 10, 'd1', LEASE))).toEqual([row!.id]);
        });

        it('never claims a failed row again, and counts it as dead', async () => {
          await store.commitCycle(cycle({ alerts: [alert('k')] }));
          const [row] = await store.claimOutbox(T0, 10, 'd1', LEASE);
          await store.failOutbox(row!.id, 'channel_not_found', T0 + 1);
          expect(await store.claimOutbox(T0 + LEASE * 10, 10, 'd1', LEASE)).toEqual([]);
          expect(await store.outboxStats(T0)).toEqual({ pending: 0, oldestCreatedAt: null, held: 0, dead: 1 });
        });

        it("holds a job's later row in a channel while an earlier one is pending, claimed or waiting to be retried", async () => {
          await store.commitCycle(
            cycle({ alerts: [alert('x1', { jobId: 'x' }), alert('y1', { jobId: 'y' }), alert('x2', { jobId: 'x' }), alert('x-other', { jobId: 'x', channelId: 'C2' })] }),
          );
          const first = await store.claimOutbox(T0, 10, 'd1', LEASE);
          expect(first.map((r) => r.dedupeKey)).toEqual(['x1', 'y1', 'x-other']);
          const x1 = first[0]!;
          await store.retryOutbox(x1.id, T0 + 5000, 'ratelimited');
          expect(await store.claimOutbox(T0 + 1, 10, 'd1', LEASE)).toEqual([]);
          expect((await store.claimOutbox(T0 + 5000, 10, 'd1', LEASE)).map((r) => r.dedupeKey)).toEqual(['x1']);
          await store.failOutbox(x1.id, 'invalid_blocks', T0 + 5000);
          // A given-up row no longer holds the job's next one.
          expect((await store.claimOutbox(T0 + 5001, 10, 'd1', LEASE)).map((r) => r.dedupeKey)).toEqual(['x2']);
        });

        it('claims per channel: at most perChannel rows each, and none of a channel still in flight', async () => {
          await store.commitCycle(
            cycle({ alerts: ['a1', 'a2', 'a3', 'b1', 'b2'].map((key) => alert(key, { channelId: key.startsWith('a') ? 'CA' : 'CB' })) }),
          );
          const shape = { perChannel: 2, idleChannelsOnly: true };
          const first = await store.claimOutbox(T0, 10, 'd1', LEASE, shape);
          expect(first.map((r) => r.dedupeKey)).toEqual(['a1', 'a2', 'b1', 'b2']);
          for (const row of first.filter((r) => r.channelId === 'CB')) await store.completeOutbox(row.id, null, T0);
          await store.commitCycle(cycle({ alerts: [alert('b3', { channelId: 'CB' })] }));
          // CA still has rows in flight: only the idle CB gets more.
          expect((await store.claimOutbox(T0, 10, 'd1', LEASE, shape)).map((r) => r.dedupeKey)).toEqual(['b3']);
          await store.completeOutbox(first[0]!.id, null, T0);
          expect(await store.claimOutbox(T0, 10, 'd1', LEASE, shape)).toEqual([]);
          await store.completeOutbox(first[1]!.id, null, T0);
          expect((await store.claimOutbox(T0, 10, 'd1', LEASE, shape)).map((r) => r.dedupeKey)).toEqual(['a3']);
        });

        it("never moves a job's message back to an older version", async () => {
          await store.commitCycle(cycle({ alerts: [alert('k1'), alert('k2'), alert('k3')] }));
          const [one, two, three] = await store.claimOutbox(T0, 10, 'd1', LEASE);
          await store.completeOutbox(two!.id, { channelId: 'C1', jobId: 'j', ts: '200.2', version: two!.id }, T0);
          expect(await store.jobMessage('C1', 'j')).toEqual({ ts: '200.2', version: two!.id });
          await store.completeOutbox(one!.id, { channelId: 'C1', jobId: 'j', ts: '100.1', version: one!.id }, T0);
          expect(await store.jobMessage('C1', 'j')).toEqual({ ts: '200.2', version: two!.id });
          await store.completeOutbox(three!.id, [{ channelId: 'C1', jobId: 'j', ts: '300.3', version: three!.id }], T0);
          expect(await store.jobMessage('C1', 'j')).toEqual({ ts: '300.3', version: three!.id });
        });

        it('counts given-up alerts by channel and reason', async () => {
          await store.commitCycle(cycle({ alerts: [alert('a'), alert('b'), alert('c', { channelId: 'C2' }), alert('d')] }));
          const [a, b, c, d] = await store.claimOutbox(T0, 10, 'd1', LEASE);
          await store.failOutbox(a!.id, 'invalid_blocks', T0 + 1);
          await store.failOutbox(b!.id, 'invalid_blocks', T0 + 5);
          await store.failOutbox(c!.id, 'msg_too_long', T0 + 2);
          await store.completeOutbox(d!.id, null, T0);
          expect(await store.givenUpAlerts(null)).toEqual([
            { channelId: 'C1', reason: 'invalid_blocks', count: 2, lastAt: T0 + 5 },
            { channelId: 'C2', reason: 'msg_too_long', count: 1, lastAt: T0 + 2 },
          ]);
          expect(await store.givenUpAlerts('C2')).toEqual([{ channelId: 'C2', reason: 'msg_too_long', count: 1, lastAt: T0 + 2 }]);
        });

        it("releases one owner's leases only", async () => {
          await store.commitCycle(cycle({ alerts: [alert('a'), alert('b'), alert('c')] }));
          const [a] = await store.claimOutbox(T0, 1, 'd1', LEASE);
          const [b, c] = await store.claimOutbox(T0, 2, 'd2', LEASE);
          await store.completeOutbox(c!.id, null, T0);
          await store.releaseClaims('d1');
          expect(ids(await store.claimOutbox(T0 + 1, 10, 'd3', LEASE))).toEqual([a!.id]);
          await store.releaseClaims('d2');
          expect(ids(await store.claimOutbox(T0 + 1, 10, 'd3', LEASE))).toEqual([b!.id]);
        });

        it("releases every owner's leases at once, leaving finished rows alone", async () => {
          await store.commitCycle(cycle({ alerts: [alert('a'), alert('b'), alert('c')] }));
          const [a] = await store.claimOutbox(T0, 1, 'd1', LEASE);
          const [b, c] = await store.claimOutbox(T0, 2, 'd2', LEASE);
          await store.completeOutbox(c!.id, null, T0);
          await store.releaseClaims(null);
          expect(ids(await store.claimOutbox(T0 + 1, 10, 'd3', LEASE))).toEqual([a!.id, b!.id]);
        });

        it('counts pending and dead rows and dates the oldest pending one', async () => {
          expect(await store.outboxStats(T0)).toEqual({ pending: 0, oldestCreatedAt: null, held: 0, dead: 0 });
          await store.commitCycle(cycle({ alerts: [alert('a', { createdAt: T0 - 50 }), alert('b', { createdAt: T0 - 10 }), alert('c')] }));
          const [a, b] = await store.claimOutbox(T0, 2, 'd1', LEASE);
          // A claimed row is still undelivered: it counts as pending.
          expect(await store.outboxStats(T0)).toEqual({ pending: 3, oldestCreatedAt: T0 - 50, held: 0, dead: 0 });
          await store.completeOutbox(a!.id, null, T0);
          await store.failOutbox(b!.id, 'boom', T0);
          expect(await store.outboxStats(T0)).toEqual({ pending: 1, oldestCreatedAt: T0, held: 0, dead: 1 });
        });

        shared('never gives one row to two replicas claiming at once', async () => {
          const other = await openMigrated();
          const alerts = Array.from({ length: 200 }, (_, i) => alert(`k${i}`, { channelId: `C${i % 7}`, createdAt: T0 + (i % 13) }));
          await store.commitCycle(cycle({ alerts }));
          const claimer = async (replica: Store, owner: string): Promise<number[]> => {
            const got: number[] = [];
            for (;;) {
              const batch = await replica.claimOutbox(T0 + 100, 7, owner, LEASE);
              if (batch.length === 0) return got;
              got.push(...ids(batch));
            }
          };
          const results = await Promise.all([claimer(store, 'a1'), claimer(other, 'b1'), claimer(store, 'a2'), claimer(other, 'b2')]);
          const all = results.flat();
          expect(all).toHaveLength(200);
          expect(new Set(all).size).toBe(200);
        });
      });

      describe('retention', () => {
        const DAY = 86_400_000;
        const cutoffs = { deliveredBefore: T0 - 7 * DAY, failedBefore: T0 - 30 * DAY, finishedJobsBefore: T0 - 30 * DAY, settingChangesBefore: T0 - 365 * DAY };

        it('deletes old delivered and given-up alerts, keeps pending ones, recent ones and those of active jobs', async () => {
          const old = T0 - 8 * DAY;
          await store.commitCycle(
            cycle({
              upsertJobs: [tracked('stuck', 'running', T0 - 40 * DAY), tracked('done', 'completed', T0 - 8 * DAY)],
              alerts: [
                alert('old-done', { jobId: 'done', createdAt: old }),
                alert('old-digest', { jobId: null, payload: digestPayload(), createdAt: old }),
                alert('old-stuck', { jobId: 'stuck', createdAt: old }),
                // Other jobs than 'done' (untracked ones prune alike): a job's rows are claimed one at a time.
                alert('old-failed', { jobId: 'done-2', createdAt: old }),
                alert('ancient-failed', { jobId: 'done-3', createdAt: T0 - 31 * DAY }),
                alert('old-pending', { jobId: 'done-4', createdAt: old }),
                alert('recent', { jobId: 'done-5', createdAt: T0 - DAY }),
              ],
            }),
          );
          const rows = await store.claimOutbox(T0, 10, 'd1', LEASE);
          const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
          for (const key of ['old-done', 'old-digest', 'old-stuck']) await store.completeOutbox(byKey.get(key)!.id, null, old);
          await store.failOutbox(byKey.get('old-failed')!.id, 'invalid_blocks', old);
          await store.failOutbox(byKey.get('ancient-failed')!.id, 'invalid_blocks', T0 - 31 * DAY);
          await store.completeOutbox(byKey.get('recent')!.id, null, T0 - DAY);
          await store.releaseClaims(null);

          expect(await store.prune(cutoffs)).toEqual({ outboxRows: 3, jobs: 0, settingChanges: 0 });
          const left = (await store.claimOutbox(T0 + LEASE, 10, 'd2', LEASE)).map((r) => r.dedupeKey);
          expect(left).toEqual(['old-pending']);
          expect(await store.outboxStats(T0)).toMatchObject({ dead: 1 });
          // The stuck job's overdue-style row is still there: re-queuing its key is still refused.
          await store.commitCycle(cycle({ alerts: [alert('old-stuck', { jobId: 'stuck', createdAt: T0 })] }));
          expect(await store.outboxStats(T0)).toMatchObject({ pending: 1 });
          expect(await store.prune(cutoffs)).toEqual({ outboxRows: 0, jobs: 0, settingChanges: 0 });
        });

        it('deletes finished jobs created before the cutoff with their message refs, in batches, and keeps active ones', async () => {
          const finished = Array.from({ length: 1200 }, (_, i) => tracked(`f${i}`, i % 2 === 0 ? 'completed' : 'failed', T0 - 31 * DAY + i));
          await store.commitCycle(cycle({ upsertJobs: [...finished, tracked('stuck', 'queued', T0 - 60 * DAY), tracked('fresh', 'completed', T0 - DAY)] }));
          await store.commitCycle(cycle({ alerts: [alert('ref-old', { jobId: 'f0' }), alert('ref-new', { jobId: 'fresh' })] }));
          for (const row of await store.claimOutbox(T0, 10, 'd1', LEASE)) {
            await store.completeOutbox(row.id, { channelId: 'C1', jobId: row.jobId!, ts: `ts-${row.jobId}` }, T0);
          }
          expect(await store.prune(cutoffs)).toEqual({ outboxRows: 0, jobs: 1200, settingChanges: 0 });
          expect((await store.getJobs(['f0', 'f1199', 'stuck', 'fresh'])).map((j) => j.id).sort()).toEqual(['fresh', 'stuck']);
          expect(await store.messageRef('C1', 'f0')).toBeNull();
          expect(await store.messageRef('C1', 'fresh')).toBe('ts-fresh');
        });
      });

      describe('overdue limit', () => {
        it('is learnt (null) by default, set per channel, and needs a subscription', async () => {
          expect(await store.setOverdue('C1', 45 * 60_000)).toEqual([]);
          expect((await store.subscribe('C1', ['failed'], null, 'U1', T0)).overdueMs).toBeNull();
          expect(await store.setOverdue('C1', 45 * 60_000)).toMatchObject([{ channelId: 'C1', kinds: ['failed'], overdueMs: 2_700_000 }]);
          // Subscribing again keeps the limit.
          await store.subscribe('C1', ['completed'], null, 'U2', T0 + 1);
          expect((await store.listSubscriptions('C1'))[0]).toMatchObject({ kinds: ['completed', 'failed'], overdueMs: 2_700_000 });
          expect((await store.setOverdue('C1', 0))[0]?.overdueMs).toBe(0);
          expect((await store.setOverdue('C1', null))[0]?.overdueMs).toBeNull();
        });
      });

      describe('snoozes', () => {
        const snooze = (channelId: string, startedAt: number, endsAt: number) => ({ channelId, startedAt, endsAt, createdBy: 'U1' });
        const summaryOf = (s: { channelId: string; startedAt: number }, held: { payload: AlertPayload }[], at: number): NewOutboxRow =>
          alert(`summary:${s.channelId}:${s.startedAt}`, {
            channelId: s.channelId,
            jobId: null,
            payload: digestPayload({ changes: held.flatMap((h) => (h.payload.type === 'job' ? [h.payload.change] : [])), snooze: { startedAt: s.startedAt, endedAt: at, endedBy: null } }),
            createdAt: at,
          });

        it('a second snooze moves the end and keeps the start', async () => {
          expect(await store.snooze(snooze('C1', T0, T0 + 100))).toEqual(snooze('C1', T0, T0 + 100));
          expect(await store.snooze({ ...snooze('C1', T0 + 50, T0 + 500), createdBy: 'U2' })).toEqual({ ...snooze('C1', T0, T0 + 500), createdBy: 'U2' });
          await store.snooze(snooze('C2', T0, T0 + 200));
          expect((await store.listSnoozes(null)).map((s) => s.channelId)).toEqual(['C1', 'C2']);
          expect(await store.listSnoozes('C2')).toEqual([snooze('C2', T0, T0 + 200)]);
          expect((await store.dueSnoozes(T0 + 200)).map((s) => s.channelId)).toEqual(['C2']);
          expect(await store.dueSnoozes(T0 + 199)).toEqual([]);
        });

        it('holds the channel: its rows are not claimed while it is snoozed, other channels are', async () => {
          await store.snooze(snooze('C1', T0, T0 + 100));
          await store.commitCycle(cycle({ alerts: [alert('a', { channelId: 'C1' }), alert('b', { channelId: 'C2' })] }));
          expect((await store.claimOutbox(T0 + 1000, 10, 'd1', LEASE)).map((r) => r.dedupeKey)).toEqual(['b']);
          // Held rows wait on purpose: they are counted apart, not as a stuck outbox.
          expect(await store.outboxStats(T0 + 1000)).toEqual({ pending: 1, oldestCreatedAt: T0, held: 1, dead: 0 });
        });

        it('ending folds what it held into one summary row, in one transaction', async () => {
          await store.commitCycle(cycle({ alerts: [alert('before', { channelId: 'C1', createdAt: T0 - 10 })] }));
          const [inFlight] = await store.claimOutbox(T0 - 5, 1, 'd1', LEASE);
          await store.recordPosted(inFlight!.id, 'main:intent', String(T0 - 5));
          await store.snooze(snooze('C1', T0, T0 + 100));
          await store.commitCycle(cycle({ alerts: [alert('x', { channelId: 'C1', createdAt: T0 + 1 }), alert('y', { channelId: 'C1', createdAt: T0 + 2 }), alert('z', { channelId: 'C2', createdAt: T0 + 3 })] }));
          let seen: string[] = [];
          const ended = await store.endSnooze('C1', T0 + 100, true, (s, held) => {
            seen = held.map((h) => h.dedupeKey);
            return summaryOf(s, held, T0 + 100);
          });
          // The row a deliverer had begun before the snooze is not folded: it finishes as it began.
          expect(seen).toEqual(['x', 'y']);
          expect(ended?.snooze).toEqual(snooze('C1', T0, T0 + 100));
          expect(ended?.held.map((h) => h.dedupeKey)).toEqual(['x', 'y']);
          expect(await store.listSnoozes('C1')).toEqual([]);
          const claimed = await store.claimOutbox(T0 + LEASE, 10, 'd2', LEASE);
          expect(claimed.map((r) => r.dedupeKey).sort()).toEqual(['before', 'summary:C1:' + T0, 'z'].sort());
          const summary = claimed.find((r) => r.kind === 'snooze-summary')?.payload;
          expect(summary?.type === 'digest' ? summary.changes.map((c) => c.job.id) : summary).toEqual(['job-x', 'job-y']);
          expect(await store.outboxStats(T0 + LEASE)).toMatchObject({ pending: 3 });
        });

        it('ends only once, and only when due if asked so', async () => {
          await store.snooze(snooze('C1', T0, T0 + 100));
          const summarize = (s: { channelId: string; startedAt: number }, held: { payload: AlertPayload }[]) => summaryOf(s, held, T0 + 100);
          expect(await store.endSnooze('C1', T0 + 99, true, summarize)).toBeNull();
          expect(await store.endSnooze('C1', T0 + 100, true, summarize)).not.toBeNull();
          expect(await store.endSnooze('C1', T0 + 100, true, summarize)).toBeNull();
          // `snooze off` ends it whenever. The first summary was not delivered yet: like any
          // alert of the channel it was held, and goes into the next summary.
          await store.snooze(snooze('C1', T0 + 200, T0 + 900));
          const again = await store.endSnooze('C1', T0 + 300, false, (s, held) => (held.length > 0 ? summaryOf(s, held, T0 + 300) : null));
          expect(again?.held.map((h) => h.dedupeKey)).toEqual([`summary:C1:${T0}`]);
          expect((await store.claimOutbox(T0 + 300, 10, 'd1', LEASE)).map((r) => r.dedupeKey)).toEqual([`summary:C1:${T0 + 200}`]);
        });

        it('a summarizer that throws leaves the snooze and its rows as they were', async () => {
          await store.snooze(snooze('C1', T0, T0 + 100));
          await store.commitCycle(cycle({ alerts: [alert('x', { channelId: 'C1', createdAt: T0 + 1 })] }));
          await expect(
            store.endSnooze('C1', T0 + 100, true, () => {
              throw new Error('summary failed');
            }),
          ).rejects.toHaveProperty('message', 'summary failed');
          expect(await store.listSnoozes('C1')).toHaveLength(1);
          expect(await store.outboxStats(T0)).toMatchObject({ pending: 0, held: 1 });
        });

        shared('two replicas ending the same snooze at once make one summary', async () => {
          const other = await openMigrated();
          await store.snooze(snooze('C1', T0, T0 + 100));
          await store.commitCycle(cycle({ alerts: Array.from({ length: 20 }, (_, i) => alert(`h${i}`, { channelId: 'C1', createdAt: T0 + i })) }));
          const summarize = (s: { channelId: string; startedAt: number }, held: { payload: AlertPayload }[]) => summaryOf(s, held, T0 + 100);
          const results = await Promise.all([
            store.endSnooze('C1', T0 + 100, true, summarize),
            other.endSnooze('C1', T0 + 100, false, summarize),
          ]);
          expect(results.filter((r) => r !== null)).toHaveLength(1);
          expect(results.find((r) => r !== null)?.held).toHaveLength(20);
          expect(await store.outboxStats(T0)).toMatchObject({ pending: 1 });
        });
      });

      describe('boards', () => {
        const board = (channelId: string, ts: string, at = T0) => ({ channelId, ts, createdBy: 'U1', createdAt: at, editedAt: at, fingerprint: `f-${ts}` });

        it('one board per channel: a new one replaces the old and returns it', async () => {
          expect(await store.putBoard(board('C1', '1.1'))).toBeNull();
          expect(await store.putBoard(board('C2', '2.1'))).toBeNull();
          expect(await store.putBoard(board('C1', '1.2', T0 + 5))).toEqual(board('C1', '1.1'));
          expect(await store.listBoards()).toEqual([board('C1', '1.2', T0 + 5), board('C2', '2.1')]);
        });

        it('records edits of the current message only, and forgets a removed board', async () => {
          await store.putBoard(board('C1', '1.1'));
          expect(await store.boardEdited('C1', '1.1', 'new', T0 + 30_000)).toBe(true);
          expect((await store.listBoards())[0]).toMatchObject({ editedAt: T0 + 30_000, fingerprint: 'new' });
          expect(await store.boardEdited('C1', '0.9', 'old', T0 + 60_000)).toBe(false);
          expect(await store.removeBoard('C1')).toMatchObject({ ts: '1.1' });
          expect(await store.removeBoard('C1')).toBeNull();
          expect(await store.boardEdited('C1', '1.1', 'late', T0 + 90_000)).toBe(false);
          expect(await store.listBoards()).toEqual([]);
        });
      });
    });
  });
}
