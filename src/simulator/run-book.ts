/**
 * The simulator's runs (Hume's Expression Measurement API, reference `hume-runs-api.md`): an
 * in-memory set of runs in the API's wire shape, moved through their statuses explicitly (tests)
 * or by a plan that plays out as the clock advances (the offline demo). What Hume's runs API reference says
 * about runs is modelled, not just their shape:
 *
 * - the five-minute silence rule: a live run the server has not heard from for 5 minutes reads
 *   `errored` with `ended_at` = when it was last heard, and reads `live` again once it is heard;
 * - close codes on realtime runs (1011 when the connection was lost without a close frame);
 * - problem events with a per-kind logging cap (`at_cap`, `capped_kinds`) and lost entries (`gaps`);
 * - runs that take a moment to be recorded (invisible to the API until then).
 */
import type { Clock } from '../clock';
import { mulberry32 } from './job-book';

export type RawRunStatus = 'live' | 'ended' | 'errored';

/** A run as `GET /v1/expression/run/{run_id}` returns it. */
export interface RawRun {
  run_id: string;
  user_id: string;
  status: RawRunStatus;
  endpoint: 'audio' | 'video';
  mode: 'realtime' | 'file';
  started_at: string;
  ended_at: string | null;
  /** Absent unless the run ended with one (Hume's runs API reference: absent, not null, in that case). */
  close_code?: number;
  /** Seconds of media billed so far (the changelog says runs report them). */
  billable_seconds: number;
}

export interface RawRunEvent {
  seq: number;
  at: string;
  kind: string;
}

/** The whole event log of a run; the API pages through `events`. */
export interface RawRunLog {
  events: RawRunEvent[];
  at_cap: boolean;
  capped_kinds: string[];
  gaps: boolean;
}

/** Something that happens to a run on its own, `afterMs` after it started. */
export type RunStep = { afterMs: number } & (
  | { do: 'end'; closeCode?: number }
  | { do: 'error'; closeCode?: number }
  /** The server stops hearing from the session (the silence rule takes over 5 minutes later). */
  | { do: 'quiet' }
  /** The server hears from the session again. */
  | { do: 'hear' }
  | { do: 'problem'; kind: string; count?: number }
);

export interface NewRun {
  id?: string;
  startedAt?: number;
  userId?: string;
  endpoint?: RawRun['endpoint'];
  mode?: RawRun['mode'];
  /** How long after its start the run shows in the API (Hume's runs API reference: runs can appear late). */
  recordedAfterMs?: number;
  /** What happens to it on its own; 'random' draws a realistic plan for its mode and endpoint. */
  plan?: RunStep[] | 'random';
}

export interface RunBook {
  readonly clock: Clock;
  add(run?: NewRun): RawRun;
  /** The session or upload completed; realtime sessions close with 1000 unless told otherwise. */
  end(id: string, options?: { closeCode?: number; at?: number }): RawRun;
  /** A failure or a lost connection (realtime: 1011 unless told otherwise; `null` for none). */
  error(id: string, options?: { closeCode?: number | null; at?: number }): RawRun;
  /** The server last heard from the run at `at`; it reads `errored` from `at` + 5 minutes. */
  quiet(id: string, at?: number): RawRun;
  /** The server hears from the run: one errored by silence is `live` again. */
  hear(id: string): RawRun;
  /** Logs `count` problem events of `kind`, up to the per-kind cap. */
  recordProblem(id: string, kind: string, options?: { count?: number; at?: number }): void;
  /** `count` entries go missing from the log (`gaps`). */
  loseEvents(id: string, count?: number): void;
  /** The run as the API shows it now, or undefined when unknown or not recorded yet. */
  get(id: string): RawRun | undefined;
  /** The run's event log, or undefined when the run is unknown or not recorded yet. */
  events(id: string): RawRunLog | undefined;
  /** Every recorded run as of the clock's time, in the order they were added. Copies. */
  list(): RawRun[];
  /** A realistic plan for a run of this mode and endpoint. */
  randomPlan(run: Pick<RawRun, 'mode' | 'endpoint'>): RunStep[];
}

/** The silence rule's delay: Hume marks a live run `errored` after five minutes without input, and `live` again if it speaks (runs API reference, "Run status"). */
export const SILENCE_MS = 5 * 60_000;
/** Per-kind logging limit of the simulated log (the real values are not documented). */
export const DEFAULT_EVENT_CAP = 100;

export const CLOSE_NORMAL = 1000;
export const CLOSE_LOST = 1011;
export const CLOSE_TOO_LARGE = 1009;

const USERS = ['usr_7Hq2', 'usr_P0m1', 'usr_3Kd9', 'usr_Zb40', 'usr_Lw8x'];
const AUDIO_PROBLEMS = ['invalid_audio_frame', 'rate_limited'];
const VIDEO_PROBLEMS = ['invalid_image_frame', 'inference_failed', 'rate_limited', 'video_recording_abandoned'];

interface Entry {
  run: RawRun;
  startedMs: number;
  recordedAt: number;
  /** When the server last heard from a live session that went quiet; null while it is heard. */
  quietSince: number | null;
  log: RawRunLog;
  logged: Map<string, number>;
  seq: number;
  plan: RunStep[];
}

export function createRunBook(options: { clock: Clock; seed?: number; eventCap?: number }): RunBook {
  const { clock } = options;
  const cap = options.eventCap ?? DEFAULT_EVENT_CAP;
  const random = mulberry32(options.seed ?? 1);
  const entries = new Map<string, Entry>();

  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low));
  const hex = (length: number) => Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;

  function entry(id: string): Entry {
    const found = entries.get(id);
    if (!found) throw new Error(`run-book: no run ${id}`);
    return found;
  }

  /** Plays the plan up to `now`, then applies the silence rule. */
  function settle(item: Entry, now: number): void {
    while (item.plan.length > 0 && item.startedMs + (item.plan[0]?.afterMs ?? 0) <= now) {
      const step = item.plan.shift() as RunStep;
      apply(item, step, item.startedMs + step.afterMs);
    }
    silence(item, now);
  }

  function silence(item: Entry, now: number): void {
    const { run, quietSince } = item;
    if (run.status !== 'live' || quietSince === null || now < quietSince + SILENCE_MS) return;
    run.status = 'errored';
    run.ended_at = iso(quietSince);
  }

  function apply(item: Entry, step: RunStep, at: number): void {
    switch (step.do) {
      case 'end':
        finish(item, 'ended', step.closeCode, at);
        return;
      case 'error':
        finish(item, 'errored', step.closeCode, at);
        return;
      case 'quiet':
        if (item.run.status === 'live') item.quietSince = at;
        return;
      case 'hear':
        hearFrom(item);
        return;
      case 'problem':
        log(item, step.kind, step.count ?? 1, at);
        return;
    }
  }

  function finish(item: Entry, status: 'ended' | 'errored', closeCode: number | null | undefined, at: number): void {
    const { run } = item;
    silence(item, at);
    if (run.status === 'errored' && item.quietSince !== null) hearFrom(item); // it spoke again, then finished
    if (run.status !== 'live') throw new Error(`run-book: cannot finish ${run.run_id}: it is ${run.status}`);
    run.status = status;
    run.ended_at = iso(at);
    item.quietSince = null;
    const code = closeCode === undefined && run.mode === 'realtime' ? (status === 'ended' ? CLOSE_NORMAL : CLOSE_LOST) : closeCode;
    if (code !== null && code !== undefined) run.close_code = code;
    run.billable_seconds = Math.max(0, Math.round((at - item.startedMs) / 1000));
  }

  function hearFrom(item: Entry): void {
    if (item.quietSince === null) return;
    item.quietSince = null;
    if (item.run.status === 'errored') {
      item.run.status = 'live';
      item.run.ended_at = null;
    }
  }

  function log(item: Entry, kind: string, count: number, at: number): void {
    for (let i = 0; i < count; i++) {
      item.seq += 1;
      const logged = item.logged.get(kind) ?? 0;
      if (logged >= cap) {
        item.log.at_cap = true;
        if (!item.log.capped_kinds.includes(kind)) item.log.capped_kinds.push(kind);
        continue;
      }
      item.logged.set(kind, logged + 1);
      item.log.events.push({ seq: item.seq, at: iso(at), kind });
    }
  }

  /** Explicit moves replace the plan: a test that moves a run by hand owns it from then on. */
  function move(id: string, change: (item: Entry) => void): RawRun {
    const item = entry(id);
    settle(item, clock.now());
    item.plan = [];
    change(item);
    return copyRun(item.run);
  }

  function visible(id: string): Entry | undefined {
    const item = entries.get(id);
    if (!item || clock.now() < item.recordedAt) return undefined;
    settle(item, clock.now());
    return item;
  }

  function randomPlan(run: Pick<RawRun, 'mode' | 'endpoint'>): RunStep[] {
    const kinds = run.endpoint === 'audio' ? AUDIO_PROBLEMS : VIDEO_PROBLEMS;
    if (run.mode === 'file') {
      const afterMs = between(1_500, 20_000);
      return [random() < 0.12 ? { afterMs, do: 'error' } : { afterMs, do: 'end' }];
    }
    const length = between(20_000, 8 * 60_000);
    const steps: RunStep[] = [];
    if (random() < 0.35) {
      for (let i = between(1, 4); i > 0; i--) steps.push({ afterMs: between(1_000, length), do: 'problem', kind: pick(kinds), count: between(1, 30) });
    }
    const roll = random();
    if (roll < 0.7) steps.push({ afterMs: length, do: 'end' });
    else if (roll < 0.8) steps.push({ afterMs: length, do: 'error', closeCode: CLOSE_LOST });
    else if (roll < 0.85) {
      steps.push({ afterMs: length, do: 'problem', kind: 'message_too_large' }, { afterMs: length, do: 'error', closeCode: CLOSE_TOO_LARGE });
    } else {
      // Goes quiet and is errored by the silence rule; half the time it comes back and ends well.
      steps.push({ afterMs: length, do: 'quiet' });
      if (random() < 0.5) {
        const back = length + SILENCE_MS + between(30_000, 3 * 60_000);
        steps.push({ afterMs: back, do: 'hear' }, { afterMs: back + between(20_000, 2 * 60_000), do: 'end' });
      }
    }
    return steps.sort((a, b) => a.afterMs - b.afterMs);
  }

  return {
    clock,
    add(spec = {}) {
      const id = spec.id ?? uuid();
      if (entries.has(id)) throw new Error(`run-book: run ${id} exists already`);
      const startedMs = spec.startedAt ?? clock.now();
      const mode = spec.mode ?? (random() < 0.55 ? 'realtime' : 'file');
      const endpoint = spec.endpoint ?? pick(['audio', 'video'] as const);
      const run: RawRun = {
        run_id: id,
        user_id: spec.userId ?? pick(USERS),
        status: 'live',
        endpoint,
        mode,
        started_at: iso(startedMs),
        ended_at: null,
        billable_seconds: 0,
      };
      const plan = spec.plan === 'random' ? randomPlan(run) : [...(spec.plan ?? [])].sort((a, b) => a.afterMs - b.afterMs);
      const log: RawRunLog = { events: [], at_cap: false, capped_kinds: [], gaps: false };
      entries.set(id, { run, startedMs, recordedAt: startedMs + (spec.recordedAfterMs ?? 0), quietSince: null, log, logged: new Map(), seq: 0, plan });
      return copyRun(run);
    },
    end: (id, { closeCode, at } = {}) => move(id, (item) => finish(item, 'ended', closeCode, at ?? clock.now())),
    error: (id, { closeCode, at } = {}) => move(id, (item) => finish(item, 'errored', closeCode, at ?? clock.now())),
    quiet: (id, at) =>
      move(id, (item) => {
        if (item.run.status !== 'live') throw new Error(`run-book: cannot quiet ${id}: it is ${item.run.status}`);
        item.quietSince = at ?? clock.now();
        silence(item, clock.now());
      }),
    hear: (id) => move(id, hearFrom),
    recordProblem(id, kind, { count = 1, at } = {}) {
      const item = entry(id);
      settle(item, clock.now());
      log(item, kind, count, at ?? clock.now());
    },
    loseEvents(id, count = 1) {
      const item = entry(id);
      item.seq += count;
      item.log.gaps = true;
    },
    get(id) {
      const item = visible(id);
      return item ? copyRun(item.run) : undefined;
    },
    events(id) {
      const item = visible(id);
      if (!item) return undefined;
      const { log: events } = item;
      return { ...events, events: events.events.map((event) => ({ ...event })), capped_kinds: [...events.capped_kinds] };
    },
    list() {
      return [...entries.keys()].flatMap((id) => {
        const item = visible(id);
        return item ? [copyRun(item.run)] : [];
      });
    },
    randomPlan,
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function copyRun(run: RawRun): RawRun {
  return { ...run };
}
