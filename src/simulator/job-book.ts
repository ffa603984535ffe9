/**
 * The simulator's jobs: an in-memory set of batch jobs in Hume's own wire shape, moved through
 * their statuses either explicitly (tests) or by a plan that plays out as the clock advances
 * (the offline demo). Contents are realistic and reproducible from a seed.
 */
import type { Clock } from '../clock';

export type RawBatchStatus = 'QUEUED' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';

export interface RawBatchFile {
  filename: string;
  content_type: string;
  md5sum: string;
}

export interface RawBatchRequest {
  callback_url: string | null;
  files: RawBatchFile[];
  models: Record<string, Record<string, unknown> | null>;
  notify: boolean;
  text: string[];
  urls: string[];
}

export interface RawBatchState {
  status: RawBatchStatus;
  created_timestamp_ms: number;
  started_timestamp_ms?: number;
  ended_timestamp_ms?: number;
  num_predictions?: number;
  num_errors?: number;
  message?: string;
}

/**
 * A job as `GET /v0/batch/jobs/{id}` returns it: exactly the keys of the real API's `InferenceJob`
 * (the official SDK's types and Hume's API reference), no `user_id`; the SDK contract test
 * (sdk-contract.test.ts) parses it strictly. Real responses once carried a `user_id` too
 * (hume-python-sdk#48); the app tolerates it, but the published schema has none.
 */
export interface RawBatchJob {
  job_id: string;
  type: 'INFERENCE';
  request: RawBatchRequest;
  state: RawBatchState;
}

export type JobOutcome =
  | { status: 'COMPLETED'; numPredictions: number; numErrors: number }
  | { status: 'FAILED'; message: string };

/** What happens to a job on its own, relative to its creation. */
export interface JobPlan {
  startAfterMs: number;
  runMs: number;
  outcome: JobOutcome;
}

export interface NewJob {
  id?: string;
  createdAt?: number;
  /** What went in; generated when left out. */
  input?: 'files' | 'urls' | 'text';
  request?: Partial<RawBatchRequest>;
  plan?: JobPlan;
}

export interface JobBook {
  readonly clock: Clock;
  add(job?: NewJob): RawBatchJob;
  start(id: string, at?: number): RawBatchJob;
  complete(id: string, counts?: { numPredictions?: number; numErrors?: number }, at?: number): RawBatchJob;
  fail(id: string, message?: string, at?: number): RawBatchJob;
  /** A finished job seen running again (COMPLETED → IN_PROGRESS): what a faulty or re-run job looks like. */
  rerun(id: string, at?: number): RawBatchJob;
  get(id: string): RawBatchJob | undefined;
  /** The job is deleted: its GET answers 404 and no list shows it. */
  remove(id: string): void;
  /** Every job as of the clock's time, in the order they were added. Copies: safe to change. */
  list(): RawBatchJob[];
  /**
   * Every job as of the clock's time, by creation time (ties in the order they were added): the
   * book's own objects, NOT copies, so a list request can pick its page without copying the
   * whole book (100,000 jobs in the benchmark). Read only; copy what you hand out (`copyJob`).
   */
  inCreatedOrder(): readonly RawBatchJob[];
  /** A realistic plan for a new job (most complete, some with errors, some fail). */
  randomPlan(): JobPlan;
}

/** Failure messages in the style of Hume's error codes (synthetic: no real example is public). */
export const FAILURE_MESSAGES = [
  'Failed to download media from URL',
  'E0200: Media format not recognized',
  'E0202: No audio signal detected in media',
  'E0102: Model is not compatible with the given file type',
  'Job exceeded the maximum processing time',
];

const MEDIA = [
  ['interview', 'mp4', 'video/mp4'],
  ['support-call', 'wav', 'audio/wav'],
  ['focus-group', 'mov', 'video/quicktime'],
  ['portraits', 'zip', 'application/zip'],
  ['podcast', 'mp3', 'audio/mpeg'],
] as const;
const TEXTS = ['I can’t believe how well that went!', 'Honestly, I am not sure what to think about this.', 'That was the worst call of my week.'];

interface Entry {
  job: RawBatchJob;
  plan: JobPlan | null;
}

export function createJobBook(options: { clock: Clock; seed?: number }): JobBook {
  const { clock } = options;
  const random = mulberry32(options.seed ?? 1);
  const entries = new Map<string, Entry>();
  /** Entries that still have a plan to play out: the only ones a read must settle first. */
  const planned = new Set<Entry>();
  /** Jobs sorted by creation time, kept while jobs are added in order; rebuilt after one is not. */
  let byCreated: RawBatchJob[] | null = [];
  let sequence = 0;

  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const hex = (length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;

  function requestFor(input: NewJob['input']): RawBatchRequest {
    sequence++;
    const kind = input ?? pick(['files', 'urls', 'urls', 'text'] as const);
    const [stem, ext, type] = pick(MEDIA);
    const count = 1 + Math.floor(random() * 3);
    const names = Array.from({ length: count }, (_, i) => `${stem}-${String(sequence).padStart(4, '0')}${i ? `-${i + 1}` : ''}.${ext}`);
    return {
      callback_url: random() < 0.2 ? `https://hooks.example.com/hume/${hex(16)}` : null,
      files: kind === 'files' ? names.map((filename) => ({ filename, content_type: type, md5sum: hex(32) })) : [],
      urls: kind === 'urls' ? names.map((name) => `https://media.example.com/research/${name}`) : [],
      text: kind === 'text' ? TEXTS.slice(0, count) : [],
      models: kind === 'text' ? { language: { granularity: 'word', identify_speakers: false, sentiment: null, toxicity: null }, ner: { identify_speakers: false } } : modelsFor(type),
      notify: random() < 0.3,
    };
  }

  function modelsFor(contentType: string): RawBatchRequest['models'] {
    const face = { fps_pred: 3, prob_threshold: 0.99, identify_faces: false, min_face_size: 60, save_faces: false, facs: null, descriptions: null };
    const prosody = { granularity: 'utterance', identify_speakers: false, window: null };
    if (contentType.startsWith('audio/')) return { prosody, burst: {}, face: null, language: null };
    if (contentType === 'application/zip') return { face, facemesh: {}, prosody: null };
    return { face, prosody, burst: {}, language: { granularity: 'word', identify_speakers: false, sentiment: null, toxicity: null } };
  }

  function entry(id: string): Entry {
    const found = entries.get(id);
    if (!found) throw new Error(`job-book: no job ${id}`);
    return found;
  }

  function settle(item: Entry, now: number): void {
    const { plan, job } = item;
    if (!plan) return;
    const startAt = job.state.created_timestamp_ms + plan.startAfterMs;
    if (job.state.status === 'QUEUED' && now >= startAt) moveToRunning(job, startAt);
    const endAt = startAt + plan.runMs;
    if (job.state.status === 'IN_PROGRESS' && now >= endAt) {
      finish(job, plan.outcome, endAt);
      item.plan = null;
      planned.delete(item);
    }
  }

  function snapshot(item: Entry): RawBatchJob {
    settle(item, clock.now());
    return copyJob(item.job);
  }

  /** Explicit moves replace the plan: a test that moves a job by hand owns it from then on. */
  function move(id: string, change: (job: RawBatchJob) => void): RawBatchJob {
    const item = entry(id);
    settle(item, clock.now());
    item.plan = null;
    planned.delete(item);
    change(item.job);
    return copyJob(item.job);
  }

  return {
    clock,
    add(spec = {}) {
      const id = spec.id ?? uuid();
      if (entries.has(id)) throw new Error(`job-book: job ${id} exists already`);
      const job: RawBatchJob = {
        job_id: id,
        type: 'INFERENCE',
        request: { ...requestFor(spec.input), ...spec.request },
        state: { status: 'QUEUED', created_timestamp_ms: spec.createdAt ?? clock.now() },
      };
      const item: Entry = { job, plan: spec.plan ?? null };
      entries.set(id, item);
      if (item.plan) planned.add(item);
      const last = byCreated?.at(-1);
      if (byCreated && (!last || last.state.created_timestamp_ms <= job.state.created_timestamp_ms)) byCreated.push(job);
      else byCreated = null;
      return copyJob(job);
    },
    start: (id, at) => move(id, (job) => moveToRunning(job, at ?? clock.now())),
    complete: (id, counts = {}, at) =>
      move(id, (job) =>
        finish(job, { status: 'COMPLETED', numPredictions: counts.numPredictions ?? 10, numErrors: counts.numErrors ?? 0 }, at ?? clock.now()),
      ),
    fail: (id, message = pick(FAILURE_MESSAGES), at) => move(id, (job) => finish(job, { status: 'FAILED', message }, at ?? clock.now())),
    rerun: (id, at) =>
      move(id, (job) => {
        job.state = { status: 'IN_PROGRESS', created_timestamp_ms: job.state.created_timestamp_ms, started_timestamp_ms: at ?? clock.now() };
      }),
    get(id) {
      const item = entries.get(id);
      return item ? snapshot(item) : undefined;
    },
    remove(id) {
      planned.delete(entry(id));
      entries.delete(id);
      byCreated = null; // rebuilt from what is left on the next list
    },
    list: () => [...entries.values()].map(snapshot),
    inCreatedOrder() {
      const now = clock.now();
      for (const item of planned) settle(item, now);
      // A stable sort of the jobs in the order added: ties stay in that order, as in list().
      byCreated ??= [...entries.values()].map((item) => item.job).sort((a, b) => a.state.created_timestamp_ms - b.state.created_timestamp_ms);
      return byCreated;
    },
    randomPlan() {
      const roll = random();
      const outcome: JobOutcome =
        roll < 0.15
          ? { status: 'FAILED', message: pick(FAILURE_MESSAGES) }
          : { status: 'COMPLETED', numPredictions: 1 + Math.floor(random() * 40), numErrors: roll < 0.3 ? 1 + Math.floor(random() * 3) : 0 };
      return { startAfterMs: Math.floor(random() * 20_000), runMs: 5_000 + Math.floor(random() * 60_000), outcome };
    },
  };
}

function moveToRunning(job: RawBatchJob, at: number): void {
  if (job.state.status !== 'QUEUED') throw new Error(`job-book: cannot start ${job.job_id}: it is ${job.state.status}`);
  job.state = { status: 'IN_PROGRESS', created_timestamp_ms: job.state.created_timestamp_ms, started_timestamp_ms: at };
}

/** A job may finish straight from the queue: it then starts and ends at the same time. */
function finish(job: RawBatchJob, outcome: JobOutcome, at: number): void {
  if (job.state.status === 'QUEUED') moveToRunning(job, at);
  if (job.state.status !== 'IN_PROGRESS') throw new Error(`job-book: cannot finish ${job.job_id}: it is ${job.state.status}`);
  const times = { created_timestamp_ms: job.state.created_timestamp_ms, started_timestamp_ms: job.state.started_timestamp_ms, ended_timestamp_ms: at };
  job.state =
    outcome.status === 'COMPLETED'
      ? { status: 'COMPLETED', ...times, num_predictions: outcome.numPredictions, num_errors: outcome.numErrors }
      : { status: 'FAILED', ...times, message: outcome.message };
}

/** A copy callers may change freely (much cheaper than structuredClone on every list request). */
export function copyJob(job: RawBatchJob): RawBatchJob {
  const { request } = job;
  const models = Object.fromEntries(Object.entries(request.models).map(([name, options]) => [name, options && { ...options }]));
  return {
    ...job,
    request: { ...request, files: request.files.map((file) => ({ ...file })), urls: [...request.urls], text: [...request.text], models },
    state: { ...job.state },
  };
}

/** A small seeded PRNG: the same seed gives the same jobs, run after run. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
