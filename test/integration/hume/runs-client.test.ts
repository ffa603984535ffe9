/**
 * The runs client over real HTTP against the simulator's runs API: what goes on the wire, the
 * two error shapes (the service's `{type, code, message, request_id}` and the gateway's bare
 * `{message}`), and retries on the fake clock.
 */
import { z } from 'zod';
import {
  HumeBadRequestError,
  HumeNotFoundError,
  HumeRateLimitedError,
  HumeRetiredError,
  HumeUnauthorizedError,
  HumeUnavailableError,
} from '../../../src/hume/errors';
import { INTERACTIVE_POLICY } from '../../../src/hume/retry';
import { describeError } from '../../../src/slack/describe-error';
import { failure, TEST_API_KEY } from '../../support/hume';
import { RUNS_PATH, runsHarnessPerTest, seedRuns, type RunsHarness } from '../../support/runs';

const start = runsHarnessPerTest();
let h: RunsHarness;

const NINE = Date.UTC(2026, 10, 28, 9, 0, 0);
const ELEVEN_AND_A_BIT = Date.UTC(2026, 10, 28, 11, 0, 0, 250);

describe('runs client: the wire', () => {
  it('sends every filter with its real name, times in RFC 3339 UTC, and the key only in the header', async () => {
    h = await start();
    await h.client.listRuns({ pageSize: 25, status: 'errored', mode: 'realtime', endpoint: 'video', userId: 'usr_7Hq2', startedAfter: NINE, startedBefore: ELEVEN_AND_A_BIT });
    const [request] = h.sim.requests;
    expect(request?.path).toBe(RUNS_PATH);
    expect(request?.query).toEqual({
      page_size: '25',
      status: 'errored',
      mode: 'realtime',
      endpoint: 'video',
      user_id: 'usr_7Hq2',
      started_after: '2026-11-28T09:00:00.000Z',
      started_before: '2026-11-28T11:00:00.250Z',
    });
    expect(request?.headers['x-hume-api-key']).toBe(TEST_API_KEY);
  });

  it('leaves out what is not set, and refuses a page size the API would refuse', async () => {
    h = await start();
    await h.client.listRuns({});
    expect(h.sim.requests[0]?.query).toEqual({});
    await expect(h.client.listRuns({ pageSize: 201 })).rejects.toThrow(RangeError);
    await expect(h.client.listRuns({ pageSize: 0 })).rejects.toThrow(RangeError);
    expect(h.sim.requests).toHaveLength(1);
  });

  it('resends exactly the same filters and page size with the cursor, until the last page', async () => {
    h = await start();
    seedRuns(h.book, 7);
    const query = { pageSize: 3, startedAfter: h.clock.now() - 3_600_000, mode: 'realtime' } as const;
    const ids: string[] = [];
    let page = await h.client.listRuns(query);
    ids.push(...page.runs.map((r) => r.run_id));
    while (page.nextCursor !== null) {
      page = await h.client.listRuns({ ...query, cursor: page.nextCursor });
      ids.push(...page.runs.map((r) => r.run_id));
    }
    const realtime = h.book.list().filter((r) => r.mode === 'realtime');
    expect(ids.sort()).toEqual(realtime.map((r) => r.run_id).sort());
    const [first, ...rest] = h.sim.requests.map((r) => r.query);
    expect(rest).toHaveLength(Math.ceil(realtime.length / 3) - 1);
    for (const later of rest) expect(later).toEqual({ ...first, cursor: expect.any(String) });
  });

  it('a cursor sent with other filters is refused by the API (400 invalid_cursor)', async () => {
    h = await start();
    seedRuns(h.book, 5);
    const page = await h.client.listRuns({ pageSize: 2 });
    const error = await failure(h.client.listRuns({ pageSize: 2, status: 'live', cursor: page.nextCursor }));
    expect(error).toBeInstanceOf(HumeBadRequestError);
    expect(error.message).toMatch(/^GET \/v1\/expression\/run answered HTTP 400: invalid_cursor: .* \(request id req_\w+\)$/);
    expect(await failure(h.client.listRuns({ pageSize: 3, cursor: page.nextCursor }))).toBeInstanceOf(HumeBadRequestError);
  });

  it('returns a run and its events, page by page in seq order', async () => {
    h = await start({ eventCap: 200 });
    const added = h.book.add({ mode: 'realtime', endpoint: 'video' });
    h.book.recordProblem(added.run_id, 'invalid_image_frame', { count: 150 });
    h.book.recordProblem(added.run_id, 'rate_limited', { count: 120 });
    expect(await h.client.getRun(added.run_id)).toMatchObject({ run_id: added.run_id, status: 'live', ended_at: null });
    const first = await h.client.listEvents(added.run_id, { pageSize: 200 });
    expect(first.events.map((e) => e.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(first).toMatchObject({ atCap: false, cappedKinds: [], gaps: false, nextCursor: expect.any(String) });
    const second = await h.client.listEvents(added.run_id, { pageSize: 200, cursor: first.nextCursor });
    expect(second.events.map((e) => e.seq)).toEqual(Array.from({ length: 70 }, (_, i) => i + 201));
    expect(second.nextCursor).toBeNull();
    expect(h.sim.requests.at(-1)?.query).toEqual({ page_size: '200', cursor: first.nextCursor });
  });

  it('reports the per-kind cap and lost entries as the API does', async () => {
    h = await start({ eventCap: 5 });
    const added = h.book.add({ mode: 'realtime', endpoint: 'audio' });
    h.book.recordProblem(added.run_id, 'rate_limited', { count: 8 });
    h.book.loseEvents(added.run_id, 2);
    h.book.recordProblem(added.run_id, 'invalid_audio_frame');
    const page = await h.client.listEvents(added.run_id);
    expect(page.events.map((e) => [e.seq, e.kind])).toEqual([
      [1, 'rate_limited'],
      [2, 'rate_limited'],
      [3, 'rate_limited'],
      [4, 'rate_limited'],
      [5, 'rate_limited'],
      [11, 'invalid_audio_frame'],
    ]);
    expect(page).toMatchObject({ atCap: true, cappedKinds: ['rate_limited'], gaps: true, nextCursor: null });
  });

  it('encodes ids in paths', async () => {
    h = await start();
    await failure(h.client.getRun('a/b c?d'));
    expect(h.sim.requests[0]?.path).toBe(`${RUNS_PATH}/a%2Fb%20c%3Fd`);
  });

  it('skips unreadable runs in a list, warns, and keeps the rest', async () => {
    h = await start();
    const good = h.book.add();
    h.sim.faults.push({ status: 200, body: { runs: [good, { run_id: 'x', status: 'paused', started_at: good.started_at }], next_cursor: '' } });
    const list = await h.client.listRuns({});
    expect(list.runs.map((r) => r.run_id)).toEqual([good.run_id]);
    expect(list.dropped.map((d) => d.jobId)).toEqual(['x']);
    expect(list.nextCursor).toBeNull();
    expect(h.logs.filter((l) => l.level === 'warn').map((l) => l.message)).toEqual(['Hume sent a run this app cannot read; skipped it']);
  });
});

describe('runs client: errors in both shapes', () => {
  it('401 from the gateway (bare message) → HumeUnauthorizedError, told to the user as an invalid or expired key that cannot be extended', async () => {
    const wrongKey = 'hk-expired-key-0a9b8c7d6e';
    h = await start({ apiKey: wrongKey });
    const error = await failure(h.client.listRuns({}));
    expect(error).toBeInstanceOf(HumeUnauthorizedError);
    expect(error.message).toMatch(/^Hume rejected the API key \(HTTP 401\) for GET \/v1\/expression\/run: Unauthorized \(request id req_\w+\)$/);
    expect(error.retryable).toBe(false);
    expect(h.sim.requests).toHaveLength(1);
    const told = describeError(error, 'runs');
    expect(told).toMatch(/wrong, expired/);
    expect(told).toMatch(/Hume keys cannot be extended/);
    for (const text of [error.message, error.stack ?? '', told, JSON.stringify(h.logs)]) expect(text).not.toContain(wrongKey);
  });

  it('404 with type and code (the service: no such run) → HumeNotFoundError, on the run and its events', async () => {
    h = await start();
    const missing = await failure(h.client.getRun('4b1f3e7a-0000-4000-8000-000000000000'));
    expect(missing).toBeInstanceOf(HumeNotFoundError);
    expect(missing.message).toMatch(/^GET \/v1\/expression\/run\/4b1f3e7a-0000-4000-8000-000000000000 answered HTTP 404: run_not_found: No run with that ID\. \(request id req_\w+\)$/);
    expect(missing.requestId).toMatch(/^req_/);
    expect(await failure(h.client.listEvents('nope'))).toBeInstanceOf(HumeNotFoundError);
  });

  it('404 without type or code on the list route (the gateway: no such route) → HumeRetiredError, "not served"', async () => {
    h = await start({ basePath: '/v1/typo' }); // the simulator's gateway answers unknown /v1 paths
    const error = await failure(h.client.listRuns({}));
    expect(error).toBeInstanceOf(HumeRetiredError);
    expect(error.message).toBe('Hume no longer serves GET /v1/expression/run (HTTP 404): Not Found');
    expect(h.sim.requests[0]?.path).toBe('/v1/typo/v1/expression/run');
    expect(describeError(error, 'runs')).toMatch(/check HUME_API_URL/);
  });

  it('404 with type and code on the list route is not mistaken for a missing route', async () => {
    h = await start();
    h.sim.faults.push({ status: 404, body: { type: 'error', code: 'user_not_found', message: 'No such user.', request_id: 'req_7' } });
    const error = await failure(h.client.listRuns({ userId: 'usr_gone' }));
    expect(error).toBeInstanceOf(HumeNotFoundError);
    expect(error.message).toBe('GET /v1/expression/run answered HTTP 404: user_not_found: No such user. (request id req_7)');
  });

  it('400 from the service carries its code and request id', async () => {
    h = await start();
    const error = await failure(h.http.getJson(RUNS_PATH, { status: ['live', 'errored'] }, z.unknown(), { listRoute: true }));
    expect(error).toBeInstanceOf(HumeBadRequestError);
    expect(error.message).toMatch(/invalid_parameter: status takes one value/);
    expect(error.requestId).toMatch(/^req_/);
  });

  it('the simulator refuses what the API refuses', async () => {
    h = await start();
    const refused = async (query: Record<string, string>) => (await failure(h.http.getJson(RUNS_PATH, query, z.unknown()))).message;
    expect(await refused({ page_size: '0' })).toMatch(/invalid_parameter: page_size/);
    expect(await refused({ page_size: '201' })).toMatch(/invalid_parameter: page_size/);
    expect(await refused({ mode: 'batch' })).toMatch(/invalid_parameter: mode/);
    expect(await refused({ started_after: '1764320000000' })).toMatch(/invalid_parameter: started_after must be an RFC 3339/);
    expect(await refused({ cursor: 'not-a-cursor' })).toMatch(/invalid_cursor/);
  });
});

describe('runs client: retries (fake clock)', () => {
  it('429 from the gateway with Retry-After, then 200 → success after exactly Retry-After', async () => {
    h = await start({ retry: INTERACTIVE_POLICY });
    h.sim.faults.push({ status: 429, headers: { 'retry-after': '2' }, body: { message: 'API rate limit exceeded' } });
    const listing = h.client.listRuns({});
    await h.clock.untilSleeping(2000);
    await h.clock.advance(1999);
    expect(h.sim.requests).toHaveLength(1); // not a millisecond early
    await h.clock.advance(1);
    await expect(listing).resolves.toMatchObject({ runs: [], nextCursor: null });
    expect(h.sim.requests).toHaveLength(2);
    expect(h.clock.completedSleeps).toEqual([2000]);
  });

  it('429 whose Retry-After exceeds the budget → HumeRateLimitedError at once, with the wait', async () => {
    h = await start({ retry: INTERACTIVE_POLICY });
    h.sim.faults.push({ status: 429, headers: { 'retry-after': '90' }, body: { message: 'API rate limit exceeded' } });
    const error = await failure(h.client.getRun('anything'));
    expect(error).toBeInstanceOf(HumeRateLimitedError);
    expect((error as HumeRateLimitedError).retryAfterMs).toBe(90_000);
    expect(error.message).toBe('GET /v1/expression/run/anything was rate limited (HTTP 429): API rate limit exceeded');
    expect(describeError(error, 'runs')).toBe('Hume is limiting how often this app may ask. Please try again in 90 s.');
  });

  it('500 in the service shape is retried, then reported with its code', async () => {
    h = await start({ retry: INTERACTIVE_POLICY, random: () => 0.5 });
    const body = { type: 'error', code: 'internal_error', message: 'Something broke.', request_id: 'req_5' };
    h.sim.faults.push({ status: 500, body }, { status: 500, body }, { status: 500, body });
    const listing = failure(h.client.listRuns({}));
    for (const wait of [150, 300]) {
      await h.clock.untilSleeping(wait);
      await h.clock.advance(wait);
    }
    const error = await listing;
    expect(error).toBeInstanceOf(HumeUnavailableError);
    expect(error.message).toBe('GET /v1/expression/run answered HTTP 500 after 3 attempts: internal_error: Something broke. (request id req_5)');
  });
});
