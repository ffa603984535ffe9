/** The pruner on a real SQLite store and a fake clock: the default policy, once an hour. */
import { createLogger } from '../../../src/logging/logger';
import { createPruner, cutoffs, DEFAULT_RETENTION } from '../../../src/retention/pruner';
import { openSqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { runFor, TestClock } from '../../support/clock';
import { makeJob } from '../../support/jobs';

const DAY = 86_400_000;
let store: Store | undefined;
afterEach(async () => store?.close());

async function deliveredAlert(store: Store, key: string, at: number): Promise<void> {
  await store.commitCycle({
    upsertJobs: [],
    alerts: [{ channelId: 'C1', jobId: null, dedupeKey: key, payload: { type: 'digest', changes: [], catchUp: false, mention: null }, createdAt: at }],
    progress: {},
  });
  const [row] = await store.claimOutbox(at, 1, 'd', 60_000);
  await store.completeOutbox(row!.id, null, at);
}

test('the default policy keeps a week of delivered alerts, 30 days of finished jobs and a year of setting changes', () => {
  expect(cutoffs(DEFAULT_RETENTION, 400 * DAY)).toEqual({
    deliveredBefore: 393 * DAY,
    failedBefore: 370 * DAY,
    finishedJobsBefore: 370 * DAY,
    settingChangesBefore: 35 * DAY,
  });
});

test('prunes at start and then once an hour, on the clock it is given', async () => {
  const clock = new TestClock();
  store = await openSqliteStore(':memory:');
  await store.migrate();
  const now = clock.now();
  await deliveredAlert(store, 'a', now - 8 * DAY);
  const job = makeJob({ id: 'old-job', status: 'completed', createdAt: now - 31 * DAY });
  await store.commitCycle({ upsertJobs: [{ id: job.id, status: 'completed', rawStatus: 'COMPLETED', snapshot: job, seenAt: now }], alerts: [], progress: {} });

  const logs: string[] = [];
  const pruner = createPruner({ store, clock, logger: createLogger('info', { write: (line: string) => void logs.push(line) }) });
  const pruned = () => logs.filter((l) => l.includes('old alerts and jobs pruned')).map((l) => JSON.parse(l) as { outboxRows: number; jobs: number });
  pruner.start();
  await runFor({ clock }, 0);
  expect(pruned()).toEqual([expect.objectContaining({ outboxRows: 1, jobs: 1 })]);
  expect(await store.getJobs(['old-job'])).toEqual([]);

  // A row that turns a week old meanwhile goes at the next hourly pass, not before.
  await deliveredAlert(store, 'b', now - 7 * DAY + 30 * 60_000);
  await runFor({ clock }, 59 * 60_000);
  expect(pruned()).toHaveLength(1);
  await runFor({ clock }, 60_000);
  expect(pruned()).toEqual([expect.objectContaining({ outboxRows: 1 }), expect.objectContaining({ outboxRows: 1, jobs: 0 })]);
  await pruner.stop();
});
