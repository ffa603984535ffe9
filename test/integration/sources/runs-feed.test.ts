/**
 * The runs ChangeFeed against the simulator's runs API: its cost follows changes, not history
 * (an idle poll cycle is two requests however many runs exist), every change of a run is seen,
 * including a run errored by the silence rule coming back, and failures carry their problem
 * events. The last tests drive the real poller and store with it.
 */
import { createLogger } from '../../../src/logging/logger';
import { createPoller, type Poller } from '../../../src/poller/poller';
import { SILENCE_MS } from '../../../src/simulator/run-book';
import { openSqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { RUNS_PATH, runsHarnessPerTest, type RunsHarness } from '../../support/runs';

const start = runsHarnessPerTest();
let h: RunsHarness;

const MINUTE = 60_000;
const ids = (jobs: { id: string }[]) => jobs.map((job) => job.id).sort();

/** `count` finished runs over the last days, and `live` sessions still running. */
function history(count: number, live: number): string[] {
  const now = h.clock.now();
  for (let i = 0; i < count; i++) {
    const startedAt = now - 10 * MINUTE - i * 97_000;
    const { run_id: id } = h.book.add({ startedAt, mode: i % 2 ? 'file' : 'realtime' });
    if (i % 9 === 0) h.book.error(id, { at: startedAt + 30_000 });
    else h.book.end(id, { at: startedAt + 30_000 });
  }
  return Array.from({ length: live }, (_, i) => h.book.add({ startedAt: now - 2 * MINUTE - i * 1000, mode: 'realtime' }).run_id);
}

describe('runs feed', () => {
  it('listActive reads every page of live runs, and only live ones', async () => {
    h = await start();
    history(300, 0);
    const live = Array.from({ length: 450 }, (_, i) => h.book.add({ startedAt: h.clock.now() - i * 1000 }).run_id);
    const active = await h.feed.listActive();
    expect(ids(active)).toEqual([...live].sort());
    expect(active.every((job) => job.status === 'running')).toBe(true);
    expect(h.sim.requests.map((r) => r.query.status)).toEqual(['live', 'live', 'live']);
    expect(h.sim.requests.every((r) => r.query.page_size === '200')).toBe(true);
  });

  it('listCreatedSince asks for started_after = since (inclusive) and follows every page', async () => {
    h = await start();
    history(1000, 3);
    const since = h.clock.now() - 6 * 3_600_000;
    const onTheMark = h.book.add({ startedAt: since, mode: 'file' }).run_id;
    const found = await h.feed.listCreatedSince(since);
    const expected = h.book.list().filter((run) => Date.parse(run.started_at) >= since);
    expect(ids(found)).toEqual(expected.map((run) => run.run_id).sort());
    expect(found.map((job) => job.id)).toContain(onTheMark);
    expect(h.sim.requests).toHaveLength(Math.ceil(expected.length / 200));
    for (const request of h.sim.requests) {
      expect(request.query).toMatchObject({ page_size: '200', started_after: new Date(since).toISOString() });
    }
  });

  it('an idle cycle with 5,000 runs in the history is 2 requests', async () => {
    h = await start();
    history(5000, 40);
    const since = h.clock.now() - 5 * MINUTE;
    await h.feed.listActive();
    await h.feed.listCreatedSince(since);
    expect(h.sim.requests).toHaveLength(2);
  });

  it('every read looks back 15 min + two intervals at least; every 10 min one reads the last day and margins', async () => {
    h = await start();
    const sinceOf = () => h.listRequests().at(-1)!.query.started_after;
    const at = (ms: number) => new Date(ms).toISOString();
    await h.feed.listCreatedSince(h.clock.now() - 2 * MINUTE);
    expect(sinceOf()).toBe(at(h.clock.now() - 16 * MINUTE)); // the default interval: 30 s
    await h.feed.listCreatedSince(h.clock.now() - 60 * MINUTE);
    expect(sinceOf()).toBe(at(h.clock.now() - 60 * MINUTE)); // a mark further back is kept
    await h.clock.advance(10 * MINUTE);
    await h.feed.listCreatedSince(h.clock.now() - 2 * MINUTE);
    expect(sinceOf()).toBe(at(h.clock.now() - 24 * 60 * MINUTE - 11 * MINUTE));
    await h.clock.advance(30_000);
    await h.feed.listCreatedSince(h.clock.now() - 2 * MINUTE);
    expect(sinceOf()).toBe(at(h.clock.now() - 16 * MINUTE));
  });

  it('getJob is the run alone; enrichFailure adds its problem events counted by kind', async () => {
    h = await start({ eventCap: 10 });
    const { run_id: id } = h.book.add({ mode: 'realtime', endpoint: 'video' });
    h.book.recordProblem(id, 'invalid_image_frame', { count: 4 });
    h.book.recordProblem(id, 'inference_failed', { count: 12 });
    h.book.recordProblem(id, 'frame_dropped_by_gpu'); // a kind Hume's runs API reference does not list
    h.book.error(id, { closeCode: 1011 });
    const job = await h.feed.getJob(id);
    expect(job).toMatchObject({ status: 'failed', errorMessage: 'Connection lost (close code 1011)' });
    expect(job.problems).toBeUndefined();
    const enriched = await h.feed.enrichFailure!(job);
    expect(enriched.problems).toEqual({ counts: { invalid_image_frame: 4, inference_failed: 10, frame_dropped_by_gpu: 1 }, capped: true });
    expect(h.sim.requests.map((r) => [r.path, r.query])).toEqual([
      [`${RUNS_PATH}/${id}`, {}],
      [`${RUNS_PATH}/${id}/events`, { page_size: '200' }],
    ]);
  });

  it('errored → live → ended is visible: leaves the live list, comes back to it, leaves it for good', async () => {
    h = await start();
    const { run_id: id } = h.book.add({ mode: 'realtime', startedAt: h.clock.now() - 10 * MINUTE });
    expect(ids(await h.feed.listActive())).toEqual([id]);
    h.book.quiet(id, h.clock.now());
    await h.clock.advance(SILENCE_MS);
    expect(await h.feed.listActive()).toEqual([]);
    expect(await h.feed.getJob(id)).toMatchObject({ status: 'failed', rawStatus: 'errored', errorMessage: 'No word from the session for 5 minutes' });
    h.book.hear(id);
    expect(await h.feed.listActive()).toMatchObject([{ id, status: 'running', endedAt: null }]);
    h.book.end(id);
    expect(await h.feed.listActive()).toEqual([]);
    expect(await h.feed.getJob(id)).toMatchObject({ status: 'completed', rawStatus: 'ended', errorMessage: null });
  });
});

describe('runs feed under the real poller', () => {
  let store: Store | undefined;
  let poller: Poller | undefined;
  afterEach(async () => {
    await poller?.stop();
    await store?.close();
  });

  async function startPoller(): Promise<{ store: Store; poller: Poller }> {
    store = await openSqliteStore(':memory:');
    await store.migrate();
    poller = createPoller({ feed: h.feed, store, clock: h.clock, logger: createLogger('error'), intervalMs: 30_000 });
    return { store, poller };
  }

  it('an idle cycle with 5,000 runs and 40 live sessions costs 2 requests', async () => {
    h = await start();
    history(5000, 40);
    const { poller } = await startPoller();
    expect(await poller.runCycle()).toMatchObject({ ok: true, first: true });
    for (let cycle = 0; cycle < 3; cycle++) {
      await h.clock.advance(30_000);
      const before = h.sim.requests.length;
      expect(await poller.runCycle()).toMatchObject({ ok: true, changes: 0 });
      expect(h.sim.requests.length - before).toBe(2);
    }
  });

  it('a run errored by silence, back live, then ended: recorded failed (with its problems), running, completed', async () => {
    h = await start();
    history(50, 0);
    const { store, poller } = await startPoller();
    await poller.runCycle();
    await h.clock.advance(30_000);
    const { run_id: id } = h.book.add({ mode: 'realtime', endpoint: 'audio' });
    h.book.recordProblem(id, 'invalid_audio_frame', { count: 3 });
    const statusAfterCycle = async () => {
      expect(await poller.runCycle()).toMatchObject({ ok: true });
      return (await store.getJobs([id]))[0];
    };
    expect((await statusAfterCycle())?.status).toBe('running');
    h.book.quiet(id, h.clock.now());
    await h.clock.advance(SILENCE_MS);
    const failed = await statusAfterCycle();
    expect(failed).toMatchObject({ status: 'failed', rawStatus: 'errored' });
    expect(failed?.snapshot.problems).toEqual({ counts: { invalid_audio_frame: 3 }, capped: false });
    h.book.hear(id);
    await h.clock.advance(30_000);
    expect((await statusAfterCycle())?.status).toBe('running');
    h.book.end(id);
    await h.clock.advance(30_000);
    expect(await statusAfterCycle()).toMatchObject({ status: 'completed', rawStatus: 'ended' });
  });
});
