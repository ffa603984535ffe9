/**
 * The batch JobSource paging through the simulator. Every walk is checked against the book
 * itself: the concatenated pages must be exactly the matching jobs in order, no gaps, no
 * repeats, every page full but the last, under both readings of the API's time bounds and
 * with jobs sharing a millisecond returned in a different order on each request.
 */
import { ANY_JOB } from '../../../src/jobs/job-match';
import { HumeNotFoundError } from '../../../src/hume/errors';
import { defaultFilter, type JobFilter } from '../../../src/jobs/filter';
import type { JobBook, RawBatchJob } from '../../../src/simulator/job-book';
import { encodeCursor } from '../../../src/sources/batch/cursor';
import { harnessPerTest, type HumeHarness } from '../../support/hume';
import { expectPaged, groupedTimes, walkPages } from '../../support/paging';

const HOUR = 3_600_000;

const start = harnessPerTest();
let h: HumeHarness;

function filter(overrides: Partial<JobFilter> = {}): JobFilter {
  return { ...defaultFilter(), ...overrides };
}

/**
 * `count` jobs going back in time from the clock; `groupSizes` (cycled) says how many share each
 * millisecond. Statuses cycle so that every kind is present; finished jobs end out of creation order.
 */
function seed(book: JobBook, count: number, groupSizes: number[] = [1]): void {
  groupedTimes(book.clock.now(), count, groupSizes, 50_000).forEach((ms, i) => {
    const { job_id: id } = book.add({ createdAt: ms });
    const startedAt = ms + 1000 + ((i * 104_729) % 600_000);
    switch (i % 5) {
      case 0:
        break;
      case 1:
        book.start(id, startedAt);
        break;
      case 2:
      case 3:
        book.complete(id, { numPredictions: 4, numErrors: i % 3 }, startedAt + ((i * 31) % 900_000));
        break;
      default:
        book.fail(id, 'Failed to download media from URL', startedAt + 10);
    }
  });
}

/** What a listing must show: the book's jobs, filtered, in created-then-id order. */
function expectedIds(book: JobBook, f: JobFilter): string[] {
  const kinds: Record<string, string> = { QUEUED: 'queued', IN_PROGRESS: 'running', COMPLETED: 'completed', FAILED: 'failed' };
  const sign = f.direction === 'asc' ? 1 : -1;
  return book
    .list()
    .filter((job) => f.statuses.length === 0 || f.statuses.some((kind) => kinds[job.state.status] === kind))
    .filter((job) => (f.since === null || job.state.created_timestamp_ms >= f.since) && (f.before === null || job.state.created_timestamp_ms < f.before))
    .sort((a, b) => sign * (a.state.created_timestamp_ms - b.state.created_timestamp_ms) || sign * (a.job_id < b.job_id ? -1 : a.job_id > b.job_id ? 1 : 0))
    .map((job) => job.job_id);
}

/** Batch tokens are one position: far below the Slack limit whatever the data. */
const walk = (f: JobFilter) => walkPages(h.source, f, 300);

describe.each([
  { boundsInclusive: false, unstableTies: false },
  { boundsInclusive: true, unstableTies: true },
])('keyset paging by created time (boundsInclusive $boundsInclusive, unstableTies $unstableTies)', (server) => {
  describe.each([
    { name: '120 jobs, one per ms', count: 120, groups: [1] },
    { name: '500 jobs, many sharing one ms', count: 500, groups: [1, 3, 40, 2, 7, 60, 1, 12, 26, 1, 5] },
  ])('$name', ({ count, groups }) => {
    it.each([
      [10, 'desc'],
      [25, 'desc'],
      [10, 'asc'],
      [25, 'asc'],
    ] as const)('limit %i %s: every job once, in order, full pages', async (limit, direction) => {
      h = await start(server);
      seed(h.book, count, groups);
      const f = filter({ limit, direction });
      const pages = await walk(f);
      expectPaged(pages, expectedIds(h.book, f), limit);
      expect(pages).toHaveLength(Math.ceil(count / limit)); // no trailing empty page
    });
  });

  it('since and before together, both directions', async () => {
    h = await start(server);
    seed(h.book, 300, [1, 4, 30, 2]);
    const all = h.book.list().map((job) => job.state.created_timestamp_ms).sort((a, b) => a - b);
    const since = all[60]!;
    const before = all[240]!;
    for (const direction of ['desc', 'asc'] as const) {
      const f = filter({ since, before, direction, limit: 10 });
      const expected = expectedIds(h.book, f);
      expect(expected.length).toBeGreaterThan(100);
      expectPaged(await walk(f), expected, 10);
    }
  });

  it('statuses', async () => {
    h = await start(server);
    seed(h.book, 200, [1, 6, 1, 25]);
    const f = filter({ statuses: ['completed', 'failed'], limit: 25 });
    const pages = await walk(f);
    expectPaged(pages, expectedIds(h.book, f), 25);
    expect(new Set(pages.flat().map((job) => job.status))).toEqual(new Set(['completed', 'failed']));
    expect(h.sim.requests.every((r) => JSON.stringify(r.query.status) === '["COMPLETED","FAILED"]')).toBe(true);
  });
});

describe('batch source queries', () => {
  it('`failed since 2h limit 5` asks for exactly this', async () => {
    h = await start();
    const now = h.clock.now();
    await h.source.listPage(filter({ statuses: ['failed'], since: now - 2 * HOUR, limit: 5 }), null);
    expect(h.sim.requests).toHaveLength(1);
    expect(h.sim.requests[0]?.path).toBe('/v0/batch/jobs');
    expect(h.sim.requests[0]?.query).toEqual({
      limit: '11', // 5, one more to know if there is a next page, and 5 of slack
      status: 'FAILED',
      when: 'created_before',
      timestamp_ms: String(now + 60_000 + 1), // now, plus a minute for Hume's clock being ahead
      sort_by: 'created',
      direction: 'desc',
    });
  });

  it('a single page that holds everything needs a single request and has no next page', async () => {
    h = await start();
    seed(h.book, 7);
    const page = await h.source.listPage(filter({ limit: 10 }), null);
    expect(page.jobs).toHaveLength(7);
    expect(page.nextCursor).toBeNull();
    expect(h.sim.requests).toHaveLength(1);
  });

  it('stops reading once past `since` (newest first)', async () => {
    h = await start();
    seed(h.book, 300);
    const since = h.book.list()[20]!.state.created_timestamp_ms;
    const pages = await walk(filter({ since, limit: 25 }));
    expect(pages.flat()).toHaveLength(21);
    expect(h.sim.requests).toHaveLength(1);
  });

  it('bad or foreign cursors start from the first page', async () => {
    h = await start();
    seed(h.book, 30);
    const f = filter({ limit: 10 });
    const first = (await h.source.listPage(f, null)).jobs.map((job) => job.id);
    const foreign = [
      'not a cursor at all',
      Buffer.from('{"v":1,"kind":"keyset"}').toString('base64url'),
      encodeCursor({ kind: 'keyset', direction: 'asc', ts: 1, id: 'x' }), // made for oldest first
      encodeCursor({ kind: 'offset', sort: 'ended', direction: 'desc', offset: 10 }), // made for sort ended
    ];
    for (const cursor of foreign) {
      expect((await h.source.listPage(f, cursor)).jobs.map((job) => job.id)).toEqual(first);
    }
  });
});

describe('offset paging by end time', () => {
  /** The simulator's order for sort_by=ended: by end time, jobs not ended last, ties as added. */
  function endedOrder(jobs: RawBatchJob[], direction: 'asc' | 'desc'): string[] {
    const sign = direction === 'asc' ? 1 : -1;
    const ended = jobs.filter((job) => job.state.ended_timestamp_ms !== undefined);
    const open = jobs.filter((job) => job.state.ended_timestamp_ms === undefined);
    ended.sort((a, b) => sign * (a.state.ended_timestamp_ms! - b.state.ended_timestamp_ms!));
    return [...ended, ...open].map((job) => job.job_id);
  }

  it.each(['desc', 'asc'] as const)('walks every job once (%s), asking for offset + page + 1', async (direction) => {
    h = await start();
    seed(h.book, 120);
    const f = filter({ sort: 'ended', direction, limit: 10 });
    const pages = await walk(f);
    expectPaged(pages, endedOrder(h.book.list(), direction), 10);
    expect(h.sim.requests.map((r) => r.query.limit)).toEqual(Array.from({ length: 12 }, (_, i) => String(i * 10 + 11)));
    expect(h.sim.requests.every((r) => r.query.sort_by === 'ended' && r.query.direction === direction)).toBe(true);
  });

  it('since goes to the server, before is applied here', async () => {
    h = await start({ boundsInclusive: true });
    seed(h.book, 120);
    const times = h.book.list().map((job) => job.state.created_timestamp_ms).sort((a, b) => a - b);
    const [since, before] = [times[30]!, times[90]!];
    const f = filter({ sort: 'ended', since, before, limit: 25 });
    const inRange = h.book.list().filter((job) => job.state.created_timestamp_ms >= since && job.state.created_timestamp_ms < before);
    expectPaged(await walk(f), endedOrder(inRange, 'desc'), 25);
    expect(h.sim.requests[0]?.query).toMatchObject({ when: 'created_after', timestamp_ms: String(since - 1) });
  });

  it('stops at the 1000th job: past it there is no next page', async () => {
    h = await start();
    seed(h.book, 1010);
    const f = filter({ sort: 'ended', limit: 25 });
    const page = await h.source.listPage(f, encodeCursor({ kind: 'offset', sort: 'ended', direction: 'desc', offset: 990 }));
    expect(page.jobs.map((job) => job.id)).toEqual(endedOrder(h.book.list(), 'desc').slice(990, 1000));
    expect(page.nextCursor).toBeNull();
    expect(h.sim.requests[0]?.query.limit).toBe('1000');
  });
});

describe('single jobs', () => {
  it('getJob maps the job; an unknown id is HumeNotFoundError', async () => {
    h = await start();
    const added = h.book.add({ input: 'files' });
    h.book.fail(added.job_id, 'E0200: Media format not recognized');
    await expect(h.source.getJob(added.job_id)).resolves.toMatchObject({
      id: added.job_id,
      status: 'failed',
      errorMessage: 'E0200: Media format not recognized',
    });
    await expect(h.source.getJob('missing')).rejects.toBeInstanceOf(HumeNotFoundError);
  });

  it('findByPrefix matches case-insensitively among the most recent jobs, at most 5 requests of 100', async () => {
    h = await start();
    seed(h.book, 650, [1, 30, 2]);
    const jobs = h.book.list();
    const recent = jobs[123]!.job_id;
    const tooOld = jobs[600]!.job_id; // beyond the 500 most recent
    expect((await h.source.findByPrefix(recent.slice(0, 8).toUpperCase())).map((job) => job.id)).toEqual([recent]);
    expect(await h.source.findByPrefix(tooOld.slice(0, 12))).toEqual([]);
    expect(h.sim.requests.length).toBeLessThanOrEqual(10);
    expect(h.sim.requests.every((r) => r.query.limit === '100' && r.query.when === 'created_before')).toBe(true);
    expect(await h.source.findByPrefix('')).toEqual([]);
  });

  it('names each runs-only filter it cannot apply', async () => {
    h = await start();
    expect(h.source.unsupported(filter())).toEqual([]);
    expect(h.source.unsupported(filter({ mode: 'realtime', endpoint: 'audio', userId: 'U1' }))).toEqual([
      "`mode` is a runs-only filter; this app reads Hume's batch jobs API (HUME_SOURCE=batch).",
      "`endpoint` is a runs-only filter; this app reads Hume's batch jobs API (HUME_SOURCE=batch).",
      "`user` is a runs-only filter; this app reads Hume's batch jobs API (HUME_SOURCE=batch).",
    ]);
  });

  it('refuses the same runs-only words in an alert rule, and takes a model', async () => {
    h = await start();
    expect(h.source.unsupportedMatch({ ...ANY_JOB, model: 'face' })).toEqual([]);
    expect(h.source.unsupportedMatch({ ...ANY_JOB, endpoint: 'audio' })).toEqual([
      "`endpoint` is a runs-only filter; this app reads Hume's batch jobs API (HUME_SOURCE=batch).",
    ]);
  });
});
