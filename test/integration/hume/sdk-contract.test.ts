/**
 * The batch simulator checked by Hume's own TypeScript SDK (`hume` 0.15.17, the last version with
 * `expressionMeasurement.batch`). Every body the simulator sends is parsed with the SDK's own
 * serializers in strict mode: a key the real schema lacks, a missing field or a wrong type fails
 * the test, so the simulator cannot drift from the real API unnoticed. And our client must put the
 * same query on the wire as the SDK for every filter combination the SDK offers.
 */
import { HumeClient, serialization, type Hume } from 'hume';
import type { BatchListQuery } from '../../../src/hume/batch/client';
import type { RawBatchJob } from '../../../src/simulator/job-book';
import { readFixtures } from '../../support/fixtures';
import { harnessPerTest, TEST_API_KEY, type HumeHarness } from '../../support/hume';

// Until the integration project has its own testTimeout (jest's 5 s is short for child processes on a busy machine).

const batch = serialization.expressionMeasurement.batch;

/** Unknown keys rejected, no unknown enum values or union members, full validation. */
const STRICT = { unrecognizedObjectKeys: 'fail', allowUnrecognizedUnionMembers: false, allowUnrecognizedEnumValues: false, skipValidation: false } as const;

type StrictSchema = { parse(raw: unknown, options: typeof STRICT): { ok: true } | { ok: false; errors: { path: string[]; message: string }[] } };

/** The SDK's verdict on `body`: [] when it parses strictly, else one line per problem. */
function strictProblems(schema: StrictSchema, body: unknown): string[] {
  const result = schema.parse(body, STRICT);
  return result.ok ? [] : result.errors.map((error) => `${error.path.join('.')}: ${error.message}`);
}

interface Captured {
  url: string;
  status: number;
  body: unknown;
}

/** The SDK pointed at the simulator, with every raw response body it received kept for the test. */
function sdkFor(h: HumeHarness): { client: HumeClient; captured: Captured[] } {
  const captured: Captured[] = [];
  const capture: typeof fetch = async (input, init) => {
    const response = await fetch(input, init);
    const text = await response.clone().text();
    captured.push({ url: response.url, status: response.status, body: JSON.parse(text) as unknown });
    return response;
  };
  return { client: new HumeClient({ apiKey: TEST_API_KEY, baseUrl: h.sim.url, fetch: capture, maxRetries: 0 }), captured };
}

const MODELS_ALL: RawBatchJob['request']['models'] = {
  face: { fps_pred: 3, prob_threshold: 0.99, identify_faces: false, min_face_size: 60, save_faces: false, facs: {}, descriptions: {} },
  burst: {},
  prosody: { granularity: 'utterance', identify_speakers: false, window: { length: 4, step: 1 } },
  language: { granularity: 'word', identify_speakers: false, sentiment: {}, toxicity: {} },
  ner: { identify_speakers: false },
  facemesh: {},
};

/** Jobs of every input kind in every status, two sharing a millisecond, one with every model. */
function fillBook(h: HumeHarness): void {
  const now = h.clock.now();
  let k = 0;
  for (const input of ['files', 'urls', 'text'] as const) {
    const at = () => now - 60_000 + 1000 * k++;
    h.book.add({ input, createdAt: at() });
    h.book.start(h.book.add({ input, createdAt: at() }).job_id, now - 1000);
    h.book.complete(h.book.add({ input, createdAt: at() }).job_id, { numPredictions: 4, numErrors: 0 }, now - 500);
    h.book.complete(h.book.add({ input, createdAt: at() }).job_id, { numPredictions: 4, numErrors: 2 }, now - 400);
    h.book.fail(h.book.add({ input, createdAt: at() }).job_id, undefined, now - 300);
  }
  const tie = now - 30_000;
  h.book.complete(h.book.add({ input: 'urls', createdAt: tie, request: { models: MODELS_ALL } }).job_id, { numPredictions: 6, numErrors: 1 }, now - 200);
  h.book.complete(h.book.add({ input: 'text', createdAt: tie, request: { models: MODELS_ALL } }).job_id, { numPredictions: 2, numErrors: 0 }, now - 100);
}

interface Filters {
  sdk: Hume.expressionMeasurement.batch.BatchListJobsRequest;
  ours: BatchListQuery;
}

/**
 * Every combination of what the SDK's `listJobs` takes: limit, no/empty/single/repeated status,
 * `when` with its timestamp, every sort key and direction (2 × 4 × 3 × 4 × 3 = 288). `timestampMs`
 * without `when` is left out: it filters nothing (the API compares it only under `when`), and our
 * client deliberately sends it only with `when`.
 */
function everyFilter(timestampMs: number): Filters[] {
  const limits = [undefined, 7];
  const statuses: { sdk?: Hume.expressionMeasurement.batch.BatchListJobsRequest['status']; ours?: BatchListQuery['statuses'] }[] = [
    {},
    { sdk: [], ours: [] },
    { sdk: 'COMPLETED', ours: ['COMPLETED'] },
    { sdk: ['FAILED', 'QUEUED'], ours: ['FAILED', 'QUEUED'] },
  ];
  const whens = [undefined, 'created_before', 'created_after'] as const;
  const sorts = [undefined, 'created', 'started', 'ended'] as const;
  const directions = [undefined, 'asc', 'desc'] as const;
  const all: Filters[] = [];
  for (const limit of limits)
    for (const status of statuses)
      for (const when of whens)
        for (const sortBy of sorts)
          for (const direction of directions) {
            const at = when === undefined ? undefined : timestampMs;
            all.push({
              sdk: { limit, status: status.sdk, when, timestampMs: at, sortBy, direction },
              ours: { limit, statuses: status.ours, when, timestampMs: at, sortBy, direction },
            });
          }
  return all;
}

const start = harnessPerTest();

describe('the SDK checker itself', () => {
  it("Hume's own examples parse strictly: strict mode rejects only what the real API would not send", () => {
    for (const { name, json } of readFixtures('batch-')) {
      const schema = name.includes('predictions') ? batch.getJobPredictions.Response : name.includes('list') ? batch.listJobs.Response : batch.UnionJob;
      expect({ name, problems: strictProblems(schema, json) }).toEqual({ name, problems: [] });
    }
  });

  it('rejects a field the real schema does not have, such as user_id on a batch job', async () => {
    const h = await start();
    const job = h.book.add();
    expect(strictProblems(batch.UnionJob, { ...job, user_id: '373da3c2-0000-4000-8000-000000000000' })).toEqual([expect.stringContaining('user_id')]);
  });
});

describe('the batch simulator, through the official SDK', () => {
  it('every list answer, for every filter combination, parses strictly; our client sends the same query and gets the same jobs', async () => {
    const h = await start();
    fillBook(h);
    const { client, captured } = sdkFor(h);
    const combinations = everyFilter(h.clock.now() - 45_000);
    for (const filters of combinations) {
      const sdkJobs = await client.expressionMeasurement.batch.listJobs(filters.sdk);
      const ours = await h.client.listJobs(filters.ours);
      const [sdkRequest, ourRequest] = h.sim.requests.slice(-2);
      const body = captured.at(-1);
      const seen = { filters: filters.sdk, status: body?.status, problems: strictProblems(batch.listJobs.Response, body?.body) };
      expect(seen).toEqual({ filters: filters.sdk, status: 200, problems: [] });
      expect({ filters: filters.sdk, path: ourRequest?.path, search: ourRequest?.search }).toEqual({ filters: filters.sdk, path: sdkRequest?.path, search: sdkRequest?.search });
      expect(ours.jobs.map((job) => job.job_id)).toEqual(sdkJobs.map((job) => job.jobId));
    }
    // The filters did filter: not every combination came back with the same page.
    const pages = new Set(captured.map((c) => JSON.stringify((c.body as RawBatchJob[]).map((job) => job.job_id))));
    expect(pages.size).toBeGreaterThan(10);
    expect(captured).toHaveLength(combinations.length);
    // A spot check that the wire form is the one documented: repeated keys, real names.
    expect(h.sim.requests.map((r) => r.search)).toContain('?limit=7&status=FAILED&status=QUEUED&when=created_after&timestamp_ms=' + (h.clock.now() - 45_000) + '&sort_by=ended&direction=asc');
  });

  it('every job, whatever its status or input, parses strictly from getJobDetails, and our client asks for the same path', async () => {
    const h = await start();
    fillBook(h);
    const { client, captured } = sdkFor(h);
    const jobs = h.book.list();
    for (const job of jobs) {
      const details = await client.expressionMeasurement.batch.getJobDetails(job.job_id);
      await h.client.getJob(job.job_id);
      const [sdkRequest, ourRequest] = h.sim.requests.slice(-2);
      expect(details.jobId).toBe(job.job_id);
      expect({ id: job.job_id, problems: strictProblems(batch.UnionJob, captured.at(-1)?.body) }).toEqual({ id: job.job_id, problems: [] });
      expect(ourRequest?.path).toBe(sdkRequest?.path);
    }
    expect(new Set(jobs.map((job) => job.state.status))).toEqual(new Set(['QUEUED', 'IN_PROGRESS', 'COMPLETED', 'FAILED']));
  });

  it('the predictions of every completed job parse strictly, for every model and source type', async () => {
    const h = await start();
    fillBook(h);
    const { client, captured } = sdkFor(h);
    const completed = h.book.list().filter((job) => job.state.status === 'COMPLETED');
    const models = new Set<string>();
    const sources = new Set<string>();
    let errors = 0;
    for (const job of completed) {
      const predictions = await client.expressionMeasurement.batch.getJobPredictions(job.job_id);
      const ours = await h.client.getPredictions(job.job_id);
      expect({ id: job.job_id, problems: strictProblems(batch.getJobPredictions.Response, captured.at(-1)?.body) }).toEqual({ id: job.job_id, problems: [] });
      expect(ours).toHaveLength(predictions.length);
      for (const result of predictions) {
        sources.add(result.source.type);
        errors += result.results?.errors.length ?? 0;
        for (const prediction of result.results?.predictions ?? []) for (const [model, value] of Object.entries(prediction.models)) if (value) models.add(model);
      }
    }
    // Every model's shape and every source type was checked, and per-file errors were sent.
    expect([...models].sort()).toEqual(['burst', 'face', 'facemesh', 'language', 'ner', 'prosody']);
    expect([...sources].sort()).toEqual(['file', 'text', 'url']);
    expect(errors).toBeGreaterThan(0);
  });
});
