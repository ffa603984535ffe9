/**
 * The runs JobSource over real HTTP against the simulator's runs API. Every walk is checked
 * against the run book itself: the concatenated pages must be exactly the matching runs, newest
 * first, no gaps, no repeats, every page full but the last, including across several status
 * streams merged into one listing and runs that start or change status between two pages.
 */
import { ANY_JOB } from '../../../src/jobs/job-match';
import { HumeNotFoundError } from '../../../src/hume/errors';
import { defaultFilter, type JobFilter } from '../../../src/jobs/filter';
import { SILENCE_MS } from '../../../src/simulator/run-book';
import { encodeRunsCursor } from '../../../src/sources/runs/cursor';
import { expectPaged, walkPages } from '../../support/paging';
import { expectedRunIds, RUNS_PATH, runsHarnessPerTest, seedRuns, type RunsHarness } from '../../support/runs';

const start = runsHarnessPerTest();
let h: RunsHarness;

/** What the Slack layer's page token accepts for a source cursor (src/slack/page-state.ts). */
const MAX_TOKEN = 1000;

function filter(overrides: Partial<JobFilter> = {}): JobFilter {
  return { ...defaultFilter(), ...overrides };
}

const walk = (f: JobFilter) => walkPages(h.source, f, MAX_TOKEN);

/** The ids of every page from `cursor` on. */
async function idsFrom(f: JobFilter, cursor: string | null): Promise<string[]> {
  const ids: string[] = [];
  while (cursor !== null) {
    const page = await h.source.listPage(f, cursor);
    ids.push(...page.jobs.map((j) => j.id));
    cursor = page.nextCursor;
  }
  return ids;
}

describe('paging through a cursor across 500 runs', () => {
  it.each([
    ['every status (one unfiltered stream)', []],
    ['failed (one status)', ['failed']],
    ['running and failed (two streams merged)', ['running', 'failed']],
    ['completed and failed (two streams merged)', ['completed', 'failed']],
    ['all three (one unfiltered stream)', ['running', 'completed', 'failed']],
  ] as const)('%s, limit 25: every run once, newest first, full pages', async (_name, statuses) => {
    h = await start();
    seedRuns(h.book, 500, [1, 1, 3, 1, 12, 2, 1, 40, 1, 5]);
    const f = filter({ statuses: [...statuses], limit: 25 });
    const expected = expectedRunIds(h.book, f);
    expect(expected.length).toBeGreaterThan(150);
    const pages = await walk(f);
    expectPaged(pages, expected, 25);
    expect(pages).toHaveLength(Math.ceil(expected.length / 25)); // no trailing empty page
    const streams = new Set(h.listRequests().map((r) => r.query.status ?? 'all'));
    expect(streams.size).toBe(statuses.length === 2 ? 2 : 1);
    // Cost: a request per stream per page, plus one where a page crosses an API page of 100.
    expect(h.listRequests().length).toBeLessThanOrEqual(streams.size * (pages.length + Math.ceil(expected.length / 100)));
  });

  it('limit 10 on two streams whose runs interleave closely', async () => {
    h = await start();
    seedRuns(h.book, 300, [1, 2, 60, 1]);
    const f = filter({ statuses: ['running', 'completed'], limit: 10 });
    expectPaged(await walk(f), expectedRunIds(h.book, f), 10);
  });

  it('each API stream is asked with the same filters and page size on every request', async () => {
    h = await start();
    seedRuns(h.book, 500);
    const since = h.clock.now() - 48 * 3_600_000;
    await walk(filter({ statuses: ['completed', 'failed'], since, mode: 'realtime', limit: 25 }));
    for (const status of ['ended', 'errored']) {
      const queries = h.listRequests().filter((r) => r.query.status === status).map(({ query }) => ({ ...query, cursor: undefined }));
      expect(queries.length).toBeGreaterThan(1);
      expect(new Set(queries.map((q) => JSON.stringify(q))).size).toBe(1);
      expect(queries[0]).toEqual({ page_size: '100', status, mode: 'realtime', started_after: new Date(since).toISOString(), cursor: undefined });
    }
  });

  it('runs that start between two pages do not shift the listing', async () => {
    h = await start();
    seedRuns(h.book, 120);
    const f = filter({ limit: 25 });
    const expected = expectedRunIds(h.book, f);
    const first = await h.source.listPage(f, null);
    const second = await h.source.listPage(f, first.nextCursor);
    for (let i = 0; i < 7; i++) h.book.add({ startedAt: h.clock.now() - i }); // newer than all, on top of API page one
    const ids = [...first.jobs, ...second.jobs].map((j) => j.id);
    expect([...ids, ...(await idsFrom(f, second.nextCursor))]).toEqual(expected);
  });

  it('a run that changes status between two pages: the rest of its old stream still follows, without gaps or repeats', async () => {
    h = await start();
    seedRuns(h.book, 200);
    const f = filter({ statuses: ['running'], limit: 10 });
    const expected = expectedRunIds(h.book, f);
    const first = await h.source.listPage(f, null);
    const lastShown = first.jobs.at(-1)!;
    h.book.end(lastShown.id); // it leaves the `live` stream, so the saved place is not on the page any more
    expect([...first.jobs.map((j) => j.id), ...(await idsFrom(f, first.nextCursor))]).toEqual(expected);
  });

  it('a token made for other filters, or no token at all, starts at the first page', async () => {
    h = await start();
    seedRuns(h.book, 60);
    const f = filter({ statuses: ['failed'], limit: 10 });
    const firstIds = (await h.source.listPage(f, null)).jobs.map((j) => j.id);
    const other = await h.source.listPage(filter({ statuses: ['completed'], limit: 10 }), null);
    const foreign = [
      other.nextCursor!,
      'not a cursor at all',
      Buffer.from('{"v":1,"k":"x","s":[0]}').toString('base64url'),
      encodeRunsCursor('another-key', [{ cursor: null, shown: 3, id: 'x', at: 1 }]),
    ];
    for (const token of foreign) expect((await h.source.listPage(f, token)).jobs.map((j) => j.id)).toEqual(firstIds);
  });
});

describe('runs source queries', () => {
  it('since → started_after (inclusive), before → started_before (exclusive), on the wire and in what shows', async () => {
    h = await start();
    seedRuns(h.book, 200);
    const times = h.book.list().map((r) => Date.parse(r.started_at)).sort((a, b) => a - b);
    const [since, before] = [times[40]!, times[160]!];
    const f = filter({ since, before, limit: 25 });
    const pages = await walk(f);
    expectPaged(pages, expectedRunIds(h.book, f), 25);
    const ids = pages.flat();
    expect(ids.some((job) => job.createdAt === since)).toBe(true); // the boundary run is in
    expect(ids.some((job) => job.createdAt === before)).toBe(false); // and this one out
    expect(h.listRequests()[0]?.query).toEqual({
      page_size: '100',
      started_after: new Date(since).toISOString(),
      started_before: new Date(before).toISOString(),
    });
  });

  it('mode, endpoint and user go to the API as its own filters', async () => {
    h = await start();
    seedRuns(h.book, 150);
    const user = h.book.list()[0]!.user_id;
    const f = filter({ mode: 'realtime', endpoint: 'video', userId: user, statuses: ['completed'], limit: 5 });
    expectPaged(await walk(f), expectedRunIds(h.book, f), 5);
    expect(h.listRequests()[0]?.query).toEqual({ page_size: '100', status: 'ended', mode: 'realtime', endpoint: 'video', user_id: user });
  });

  it('a single page that holds everything needs one request per stream and has no next page', async () => {
    h = await start();
    seedRuns(h.book, 9);
    const page = await h.source.listPage(filter({ statuses: ['running', 'failed'] }), null);
    expect(page.jobs.map((j) => j.id)).toEqual(expectedRunIds(h.book, filter({ statuses: ['running', 'failed'] })));
    expect(page.nextCursor).toBeNull();
    expect(h.listRequests()).toHaveLength(2);
  });

  it('`queued` alone matches no run and asks nothing', async () => {
    h = await start();
    seedRuns(h.book, 5);
    expect(await h.source.listPage(filter({ statuses: ['queued'] }), null)).toEqual({ jobs: [], nextCursor: null });
    expect(h.sim.requests).toHaveLength(0);
  });

  it('refuses `model` in an alert rule: runs name no models', async () => {
    h = await start();
    expect(h.source.unsupportedMatch({ mode: 'realtime', endpoint: 'audio', userId: 'usr_7Hq2', model: null })).toEqual([]);
    expect(h.source.unsupportedMatch({ ...ANY_JOB, model: 'face' })).toEqual([
      "`model` is a batch-only filter; this app reads Hume's runs API (HUME_SOURCE=runs), whose runs name no models: choose runs with `endpoint`, `mode` or `user` instead.",
    ]);
  });

  it('names each filter it cannot apply, and the source', async () => {
    h = await start();
    expect(h.source.unsupported(filter({ mode: 'file', endpoint: 'audio', userId: 'usr_7Hq2', statuses: ['failed'] }))).toEqual([]);
    expect(h.source.unsupported(filter({ statuses: ['queued', 'running'] }))).toEqual([
      "`queued` does not apply to Hume's runs API (HUME_SOURCE=runs): runs have no queue: a run is live, ended or errored.",
    ]);
    const instead = 'Leave it out; `since` and `before` choose the start times shown, and `live`, `ended`, `errored`, `mode`, `endpoint` and `user` narrow the runs.';
    expect(h.source.unsupported(filter({ sort: 'started' }))).toEqual([
      `\`sort started\` is not available on Hume's runs API (HUME_SOURCE=runs): it lists runs newest first and cannot sort. ${instead}`,
    ]);
    expect(h.source.unsupported(filter({ sort: 'ended', direction: 'asc' }))).toEqual([
      "`sort ended` is not available on Hume's runs API (HUME_SOURCE=runs): it lists runs newest first and cannot sort.",
      `\`oldest\` first is not available on Hume's runs API (HUME_SOURCE=runs): it lists runs newest first only. ${instead}`,
    ]);
  });
});

describe('single runs', () => {
  it('getJob on an errored session: the run plus its problem events by kind, capped when a kind hit its limit', async () => {
    h = await start({ eventCap: 20 });
    const run = h.book.add({ mode: 'realtime', endpoint: 'video' });
    h.book.recordProblem(run.run_id, 'invalid_image_frame', { count: 25 });
    h.book.recordProblem(run.run_id, 'rate_limited', { count: 3 });
    h.book.error(run.run_id);
    const job = await h.source.getJob(run.run_id);
    expect(job).toMatchObject({ id: run.run_id, status: 'failed', errorMessage: 'Connection lost (close code 1011)' });
    expect(job.problems).toEqual({ counts: { invalid_image_frame: 20, rate_limited: 3 }, capped: true });
    expect(h.sim.requests.map((r) => r.path)).toEqual([`${RUNS_PATH}/${run.run_id}`, `${RUNS_PATH}/${run.run_id}/events`]);
  });

  it('getJob on a live session counts its problems so far; uncapped', async () => {
    h = await start();
    const run = h.book.add({ mode: 'realtime', endpoint: 'audio' });
    h.book.recordProblem(run.run_id, 'invalid_audio_frame', { count: 2 });
    expect((await h.source.getJob(run.run_id)).problems).toEqual({ counts: { invalid_audio_frame: 2 }, capped: false });
  });

  it('getJob on a run errored by silence says so, its end being when it was last heard', async () => {
    h = await start();
    const run = h.book.add({ mode: 'realtime', startedAt: h.clock.now() - 20 * 60_000 });
    const lastHeard = h.clock.now() - SILENCE_MS - 1000;
    h.book.quiet(run.run_id, lastHeard);
    expect(await h.source.getJob(run.run_id)).toMatchObject({
      status: 'failed',
      rawStatus: 'errored',
      endedAt: lastHeard,
      errorMessage: 'No word from the session for 5 minutes',
      problems: { counts: {}, capped: false },
    });
  });

  it('getJob on an upload that ended asks for no events (only sessions record them)', async () => {
    h = await start();
    const run = h.book.add({ mode: 'file' });
    h.book.end(run.run_id);
    const job = await h.source.getJob(run.run_id);
    expect(job).toMatchObject({ status: 'completed', mode: 'file' });
    expect(job.problems).toBeUndefined();
    expect(h.sim.requests).toHaveLength(1);
  });

  it('getJob on an unknown id is HumeNotFoundError', async () => {
    h = await start();
    await expect(h.source.getJob('0e9d1d35-3d1e-4d66-9a2f-8c7e0f6b3e21')).rejects.toBeInstanceOf(HumeNotFoundError);
  });

  it('findByPrefix matches case-insensitively among the most recent runs, at most 5 requests of 200', async () => {
    h = await start();
    const runs = seedRuns(h.book, 1100, [1, 30, 2]);
    const order = expectedRunIds(h.book, filter());
    const recent = order[523]!;
    const tooOld = order[1050]!; // beyond the 1,000 most recent
    expect((await h.source.findByPrefix(recent.slice(0, 8).toUpperCase())).map((job) => job.id)).toEqual([recent]);
    expect(await h.source.findByPrefix(tooOld.slice(0, 12))).toEqual([]);
    expect(h.sim.requests.length).toBeLessThanOrEqual(10);
    expect(h.sim.requests.every((r) => r.query.page_size === '200')).toBe(true);
    expect(await h.source.findByPrefix('  ')).toEqual([]);
    expect(runs).toHaveLength(1100);
  });
});
