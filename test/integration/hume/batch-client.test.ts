/**
 * The batch client over real HTTP against the simulator: what goes on the wire, and how every
 * kind of failure comes back. Time is a fake clock: retries and timeouts take no real time.
 */
import {
  HumeBadRequestError,
  HumeInvalidResponseError,
  HumeNotFoundError,
  HumeRateLimitedError,
  HumeRetiredError,
  HumeUnauthorizedError,
  HumeUnavailableError,
} from '../../../src/hume/errors';
import { createHumeHttp } from '../../../src/hume/http';
import { createBatchClient } from '../../../src/hume/batch/client';
import { INTERACTIVE_POLICY } from '../../../src/hume/retry';
import { failure, harnessPerTest, TEST_API_KEY, type HumeHarness } from '../../support/hume';

const start = harnessPerTest();
let h: HumeHarness;

function expectNoKey(error: Error, key: string): void {
  for (const text of [error.message, error.stack ?? '', JSON.stringify(error), String(error)]) expect(text).not.toContain(key);
}

describe('batch client: the wire', () => {
  // That every filter goes on the wire exactly as Hume's own SDK puts it (names, repeated
  // `status` keys, order) is proven for every combination in sdk-contract.test.ts.
  it('sends the key only in the X-Hume-Api-Key header, never in the query', async () => {
    h = await start();
    await h.client.listJobs({ limit: 5, statuses: ['FAILED', 'QUEUED'], when: 'created_after', timestampMs: 1764324000000, sortBy: 'ended', direction: 'asc' });
    const [request] = h.sim.requests;
    expect(request?.path).toBe('/v0/batch/jobs');
    expect(request?.headers['x-hume-api-key']).toBe(TEST_API_KEY);
    expect(request?.search).not.toContain(TEST_API_KEY);
  });

  it('leaves out what is not set, and refuses `when` without a timestamp', async () => {
    h = await start();
    await h.client.listJobs({ statuses: [] });
    expect(h.sim.requests[0]?.query).toEqual({});
    await expect(h.client.listJobs({ when: 'created_before' })).rejects.toThrow(RangeError);
  });

  it('returns jobs from the list, get and predictions endpoints', async () => {
    h = await start();
    const added = h.book.add({ input: 'urls' });
    h.book.complete(added.job_id, { numPredictions: 3, numErrors: 1 });
    const list = await h.client.listJobs({ limit: 10 });
    expect(list.jobs.map((j) => j.job_id)).toEqual([added.job_id]);
    expect(await h.client.getJob(added.job_id)).toMatchObject({ job_id: added.job_id, state: { status: 'COMPLETED', num_errors: 1 } });
    const predictions = await h.client.getPredictions(added.job_id);
    expect(predictions.length).toBe(added.request.urls.length);
    expect(predictions[0]?.source.type).toBe('url');
  });

  it('encodes ids in paths', async () => {
    h = await start();
    const error = await failure(h.client.getJob('a/b c?d'));
    expect(h.sim.requests[0]?.path).toBe('/v0/batch/jobs/a%2Fb%20c%3Fd');
    expect(error).toBeInstanceOf(HumeNotFoundError);
  });

  it('drops unreadable list items, warns, and counts them', async () => {
    h = await start();
    const good = h.book.add();
    h.sim.faults.push({ status: 200, body: [good, { job_id: 'x', state: { status: 'PAUSED' } }, { state: { status: 'QUEUED' } }] });
    const list = await h.client.listJobs({ limit: 3 });
    expect(list.jobs.map((j) => j.job_id)).toEqual([good.job_id]);
    expect(list.received).toBe(3);
    expect(list.dropped.map((d) => d.jobId)).toEqual(['x', null]);
    expect(h.logs.filter((l) => l.level === 'warn')).toHaveLength(2);
  });
});

describe('batch client: errors', () => {
  it('401 → HumeUnauthorizedError, and the key appears in no message, stack or JSON', async () => {
    const wrongKey = 'hk-wrong-key-5c1d9e7a3b';
    h = await start({ apiKey: wrongKey });
    const error = await failure(h.client.listJobs({ limit: 1 }));
    expect(error).toBeInstanceOf(HumeUnauthorizedError);
    expect(error.message).toBe('Hume rejected the API key (HTTP 401) for GET /v0/batch/jobs: Invalid ApiKey');
    expect(error.retryable).toBe(false);
    expect(h.sim.requests).toHaveLength(1); // not retried
    expectNoKey(error, wrongKey);
    expect(JSON.stringify(h.logs)).not.toContain(wrongKey);
  });

  it('scrubs the key when an error body echoes it', async () => {
    h = await start();
    h.sim.faults.push({ status: 400, body: { message: `key ${TEST_API_KEY} lacks permission`, request_id: 'req_1' } });
    const error = await failure(h.client.listJobs({ limit: 1 }));
    expect(error).toBeInstanceOf(HumeBadRequestError);
    expect(error.message).toBe('GET /v0/batch/jobs answered HTTP 400: key [redacted] lacks permission (request id req_1)');
    expectNoKey(error, TEST_API_KEY);
  });

  it('404 on the list route → HumeRetiredError; on one job → HumeNotFoundError', async () => {
    h = await start();
    h.sim.faults.push({ status: 404, body: { message: 'no Route matched with those values' } });
    const retired = await failure(h.client.listJobs({ limit: 1 }));
    expect(retired).toBeInstanceOf(HumeRetiredError);
    expect(retired.message).toBe('Hume no longer serves GET /v0/batch/jobs (HTTP 404): no Route matched with those values');
    const missing = await failure(h.client.getJob('nope'));
    expect(missing).toBeInstanceOf(HumeNotFoundError);
    expect(missing.message).toBe('GET /v0/batch/jobs/nope answered HTTP 404: job not found');
  });

  it('410 anywhere → HumeRetiredError', async () => {
    h = await start();
    h.sim.faults.push({ status: 410, body: { message: 'Gone' } });
    expect(await failure(h.client.getJob('abc'))).toBeInstanceOf(HumeRetiredError);
  });

  it('reads the service error shape: code, message and request id', async () => {
    h = await start();
    h.sim.faults.push({ status: 422, body: { type: 'error', code: 'config_invalid', message: 'bad limit', request_id: 'req_01JB8XF1N3PA' } });
    const error = await failure(h.client.listJobs({ limit: 1 }));
    expect(error).toBeInstanceOf(HumeBadRequestError);
    expect(error.requestId).toBe('req_01JB8XF1N3PA');
    expect(error.message).toContain('config_invalid: bad limit');
  });

  it('tolerates a non-JSON error body and keeps the message short', async () => {
    h = await start();
    h.sim.faults.push({ status: 400, rawBody: `<html><body><h1>Bad Request</h1>${'x'.repeat(5000)}</body></html>` });
    const error = await failure(h.client.listJobs({ limit: 1 }));
    expect(error.message).toMatch(/^GET \/v0\/batch\/jobs answered HTTP 400: Bad Request x+…$/);
    expect(error.message.length).toBeLessThan(260);
  });

  it('malformed JSON in a 200 → HumeInvalidResponseError', async () => {
    h = await start();
    h.sim.faults.push({ status: 200, rawBody: '[{"job_id": "abc", ' });
    const error = await failure(h.client.listJobs({ limit: 1 }));
    expect(error).toBeInstanceOf(HumeInvalidResponseError);
    expect(error.message).toBe('GET /v0/batch/jobs answered HTTP 200 with a body that is not JSON (19 characters)');
  });

  it('a 200 the schema rejects → HumeInvalidResponseError naming the field, not dumping the body', async () => {
    h = await start();
    h.sim.faults.push({ status: 200, body: { job_id: 'abc', state: { status: 'EXPLODED', secret_note: 'do not print me' } } });
    const error = await failure(h.client.getJob('abc'));
    expect(error).toBeInstanceOf(HumeInvalidResponseError);
    expect(error.message).toMatch(/^GET \/v0\/batch\/jobs\/abc answered HTTP 200 with an unexpected body at state\.status: /);
    expect(error.message).not.toContain('do not print me');
  });

  it('a list that is not an array → HumeInvalidResponseError', async () => {
    h = await start();
    h.sim.faults.push({ status: 200, body: { jobs: [] } });
    expect(await failure(h.client.listJobs({ limit: 1 }))).toBeInstanceOf(HumeInvalidResponseError);
  });

  it('network failure → HumeUnavailableError with status 0', async () => {
    h = await start();
    await h.sim.close(); // nothing listens on that port any more
    const error = await failure(h.client.listJobs({ limit: 1 }));
    expect(error).toBeInstanceOf(HumeUnavailableError);
    expect(error).toMatchObject({ status: 0, timedOut: false });
    expect(error.message).toMatch(/^GET \/v0\/batch\/jobs could not reach Hume \(ECONNREFUSED\)$/);
  });
});

describe('batch client: retries and timeouts (fake clock)', () => {
  it('429 with Retry-After, then 200 → success after waiting exactly Retry-After', async () => {
    h = await start({ retry: INTERACTIVE_POLICY });
    h.sim.faults.push({ status: 429, headers: { 'retry-after': '2' }, body: { message: 'API rate limit exceeded' } });
    const listing = h.client.listJobs({ limit: 1 });
    await h.clock.untilSleeping(2000);
    const before = h.sim.requests.length;
    await h.clock.advance(1999);
    expect(h.sim.requests.length).toBe(before); // not a millisecond early
    await h.clock.advance(1);
    await expect(listing).resolves.toMatchObject({ jobs: [] });
    expect(h.sim.requests).toHaveLength(2);
    expect(h.clock.completedSleeps).toEqual([2000]);
  });

  it('honours Retry-After as an HTTP-date', async () => {
    h = await start({ retry: INTERACTIVE_POLICY });
    const at = new Date(h.clock.now() + 3000).toUTCString();
    h.sim.faults.push({ status: 503, headers: { 'retry-after': at } });
    const listing = h.client.listJobs({ limit: 1 });
    await h.clock.untilSleeping(3000);
    await h.clock.advance(3000);
    await expect(listing).resolves.toMatchObject({ jobs: [] });
    expect(h.clock.completedSleeps).toEqual([3000]);
  });

  it('429 whose Retry-After exceeds the budget → HumeRateLimitedError at once, with retryAfterMs', async () => {
    h = await start({ retry: INTERACTIVE_POLICY });
    h.sim.faults.push({ status: 429, headers: { 'retry-after': '120' }, body: { message: 'API rate limit exceeded' } });
    const error = await failure(h.client.listJobs({ limit: 1 }));
    expect(error).toBeInstanceOf(HumeRateLimitedError);
    expect((error as HumeRateLimitedError).retryAfterMs).toBe(120_000);
    expect(h.sim.requests).toHaveLength(1);
    expect(h.clock.completedSleeps).toEqual([]);
  });

  it('500, 500, 200 → success, after two jittered backoffs', async () => {
    h = await start({ retry: INTERACTIVE_POLICY, random: () => 0.5 });
    h.sim.faults.push({ status: 500 }, { status: 500 });
    const listing = h.client.listJobs({ limit: 1 });
    await h.clock.untilSleeping(150); // 0.5 × 300
    await h.clock.advance(150);
    await h.clock.untilSleeping(300); // 0.5 × 600
    await h.clock.advance(300);
    await expect(listing).resolves.toMatchObject({ jobs: [] });
    expect(h.sim.requests).toHaveLength(3);
    expect(h.clock.completedSleeps).toEqual([150, 300]);
    expect(h.logs.filter((l) => l.message === 'Hume request failed; retrying').map((l) => l.fields.failure)).toEqual([500, 500]);
  });

  it('retries exhausted → HumeUnavailableError with the last status', async () => {
    h = await start({ retry: INTERACTIVE_POLICY, random: () => 0.5 });
    h.sim.faults.push({ status: 503 }, { status: 502 }, { status: 503, body: { message: 'upstream down', request_id: 'req_9' } });
    const listing = failure(h.client.listJobs({ limit: 1 }));
    for (const wait of [150, 300]) {
      await h.clock.untilSleeping(wait);
      await h.clock.advance(wait);
    }
    const error = await listing;
    expect(error).toBeInstanceOf(HumeUnavailableError);
    expect(error).toMatchObject({ status: 503, timedOut: false, retryable: true });
    expect(error.message).toBe('GET /v0/batch/jobs answered HTTP 503 after 3 attempts: upstream down (request id req_9)');
    expect(h.sim.requests).toHaveLength(3);
  });

  it('a hung request times out on the clock → HumeUnavailableError(timedOut)', async () => {
    h = await start(); // policy none: one attempt of 1 s
    h.sim.faults.push({ hang: true });
    const listing = failure(h.client.listJobs({ limit: 1 }));
    await h.clock.untilSleeping(1000);
    await h.clock.advance(1000);
    const error = await listing;
    expect(error).toBeInstanceOf(HumeUnavailableError);
    expect(error).toMatchObject({ status: 0, timedOut: true });
    expect(error.message).toBe('GET /v0/batch/jobs: Hume did not answer within 1000 ms');
  });

  it('an attempt never runs past the total budget', async () => {
    h = await start({ retry: INTERACTIVE_POLICY, random: () => 0 });
    h.sim.faults.push({ hang: true }, { hang: true });
    const started = h.clock.now();
    const listing = failure(h.client.listJobs({ limit: 1 }));
    await h.clock.untilSleeping(8000);
    await h.clock.advance(8000); // first attempt times out; immediate retry gets what is left: 7 s
    await h.clock.untilSleeping(7000);
    await h.clock.advance(7000);
    const error = await listing;
    expect(error).toMatchObject({ timedOut: true });
    expect(error.message).toBe('GET /v0/batch/jobs: Hume did not answer within 7000 ms after 2 attempts');
    expect(h.clock.now() - started).toBe(INTERACTIVE_POLICY.totalBudgetMs);
  });

  it("the caller's signal aborts a request at once, without a Hume error", async () => {
    h = await start({ retry: INTERACTIVE_POLICY });
    h.sim.faults.push({ hang: true });
    const controller = new AbortController();
    const listing = h.client.listJobs({ limit: 1 }, { signal: controller.signal });
    await h.clock.untilSleeping(8000);
    controller.abort(new Error('user went away'));
    await expect(listing).rejects.toThrow('user went away');
  });
});

describe('createHumeHttp', () => {
  it('owns and closes its default Agent', async () => {
    h = await start();
    h.book.add();
    const http = createHumeHttp({ baseUrl: `${h.sim.url}/`, apiKey: TEST_API_KEY, clock: h.clock, retry: INTERACTIVE_POLICY });
    const list = await createBatchClient(http).listJobs({ limit: 5 });
    expect(list.jobs).toHaveLength(1);
    await http.close();
  });
});
