/**
 * The tests' one clock helper. Fake time moves only when a test says so, and never by a fixed
 * amount per real millisecond: `runFor` / `runUntil` step from one sleeper's deadline to the
 * next, and take each step only once the app has settled after the previous one (every HTTP
 * request and PostgreSQL query it started has been answered, and nothing else stirred for a few
 * turns of the event loop). So what a test sees after `runFor(h, 60_000)` is the same on an idle
 * laptop and on a machine with both cores busy; a slow machine only makes it take longer.
 *
 * - `TestClock`: the fake clock (now, sleep, advance) that also remembers its sleeps.
 * - `settled(h)`: resolves once the app is idle, waiting on the fake clock only.
 * - `runFor(h, ms)`, `runUntil(h, probe, what, maxMs)`: fake time passing, step by settled step.
 * - `waitFor(probe, what)`: real-time polling for an outcome of work that runs on real time
 *   (child processes, a reply to a request); it fails after a bound, it never lets time "pass".
 *
 * Nothing here needs jest (it only hands jest its clean-up when jest is there), so the benchmark
 * uses the same helper to run outages of minutes in fake time.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import type { Clock } from '../../src/clock';

interface Sleeper {
  at: number;
  resolve: () => void;
}

interface SleepRecord {
  ms: number;
  state: 'pending' | 'done' | 'aborted';
}

/** Anything happened: a sleep started, ended or was cut short, a request or query came or went. */
let generation = 0;

export class TestClock implements Clock {
  private sleepers: Sleeper[] = [];
  /** Every sleep, so a test can wait for the code to park on a given one. */
  readonly sleeps: SleepRecord[] = [];

  constructor(private current = Date.UTC(2026, 10, 28, 12, 0, 0)) {}

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const record: SleepRecord = { ms, state: 'pending' };
    this.sleeps.push(record);
    generation += 1;
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        record.state = 'aborted';
        return reject(signal.reason as Error);
      }
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        record.state = 'aborted';
        generation += 1;
        reject(signal?.reason as Error);
      };
      // The listener goes when the sleep ends either way: loops reuse one signal for many sleeps.
      const sleeper: Sleeper = {
        at: this.current + Math.max(0, ms),
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          record.state = 'done';
          resolve();
        },
      };
      this.sleepers.push(sleeper);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  /** Number of pending sleeps. */
  get pending(): number {
    return this.sleepers.length;
  }

  /** When the earliest pending sleep ends, or null when nothing sleeps. */
  nextDeadline(): number | null {
    return this.sleepers.reduce<number | null>((min, s) => (min === null || s.at < min ? s.at : min), null);
  }

  /** Sleeps that ran to their end (retry waits and timeouts, not attempt timers cut short). */
  get completedSleeps(): number[] {
    return this.sleeps.filter((sleep) => sleep.state === 'done').map((sleep) => sleep.ms);
  }

  /**
   * Moves time to the earliest deadline, if it is due by `target`, and ends every sleep due then
   * (in the order they began); false when none is due by `target`.
   */
  wakeNext(target: number): boolean {
    const at = this.nextDeadline();
    if (at === null || at > target) return false;
    const due = this.sleepers.filter((s) => s.at === at);
    this.sleepers = this.sleepers.filter((s) => s.at !== at);
    this.current = Math.max(this.current, at);
    generation += 1;
    for (const sleeper of due) sleeper.resolve();
    return true;
  }

  /**
   * Moves time on by `ms`, waking every sleeper due on the way in deadline order, with promise
   * callbacks settling between them: for code driven directly by the test (a client, a poller's
   * runCycle), where no I/O runs while time moves. Whole apps use `runFor`.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    await flushMicrotasks();
    while (this.wakeNext(target)) await flushMicrotasks();
    this.finishAt(target);
    await flushMicrotasks();
  }

  /** Resolves once a sleep of exactly `ms` is pending (the code parked on it), or fails after a bound. */
  async untilSleeping(ms: number): Promise<void> {
    await waitFor(() => this.sleeps.some((sleep) => sleep.ms === ms && sleep.state === 'pending'), `a sleep of ${ms} ms (sleeps: ${JSON.stringify(this.sleeps)})`);
  }

  /** Moves time to `target` without waking anyone: callers wake what is due before it first. */
  finishAt(target: number): void {
    this.current = Math.max(this.current, target);
  }
}

/** Lets pending promise callbacks (and a few turns of I/O) run. */
export async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

// ---- What is in flight: every HTTP request of this process, through Node's own diagnostics channels.

const inFlight = new Set<object>();
let changed: (() => void) | null = null;
function begin(request: object): void {
  inFlight.add(request);
  generation += 1;
}
function end(request: object): void {
  if (!inFlight.delete(request)) return;
  generation += 1;
  changed?.();
}

const channels: [string, (message: unknown) => void][] = [
  // undici (the Hume client, fetch): created → trailers (answered in full) or error.
  ['undici:request:create', (m) => begin((m as { request: object }).request)],
  ['undici:request:trailers', (m) => end((m as { request: object }).request)],
  ['undici:request:error', (m) => end((m as { request: object }).request)],
  // node:http (Slack's WebClient, Bolt's response_url posts): a request is over when it closes.
  [
    'http.client.request.start',
    (m) => {
      const request = (m as { request: ClientRequest }).request;
      begin(request);
      request.once('close', () => end(request));
    },
  ],
];
for (const [name, listener] of channels) subscribe(name, listener);

/** Stops watching this process's requests (the channels are process-wide, shared by test files). */
export function stopWatchingRequests(): void {
  for (const [name, listener] of channels) unsubscribe(name, listener);
}
// Under jest the listeners go with the test file. The benchmark (bench/, plain Node, no jest
// globals) drives the same fake time, and its listeners go with its process.
if (typeof afterAll === 'function') afterAll(stopWatchingRequests);

/** What a stand-in holds unanswered on purpose (a `hang` fault): those wait for the app's timeout. */
export interface Holder {
  readonly holding: number;
}

/** A harness, or anything else with the clock the app runs on (and the stand-ins that may hold requests). */
export interface Driven {
  clock: TestClock;
  hume?: Holder;
}

let pgPatched = false;
/**
 * Counts PostgreSQL queries and connects as in flight too (an app on PostgreSQL in this process).
 * It wraps pg's Client methods to observe them; what they do is unchanged.
 */
export function trackPostgres(): void {
  if (pgPatched) return;
  pgPatched = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Client } = require('pg') as typeof import('pg');
  const proto = Client.prototype as unknown as Record<'query' | 'connect', (...args: unknown[]) => unknown>;
  for (const method of ['query', 'connect'] as const) {
    const original = proto[method];
    proto[method] = function observed(this: unknown, ...args: unknown[]) {
      const token = {};
      begin(token);
      const last = args.length - 1;
      if (typeof args[last] === 'function') {
        const callback = args[last] as (...results: unknown[]) => void;
        args[last] = (...results: unknown[]) => {
          end(token);
          callback(...results);
        };
        return original.apply(this, args);
      }
      const result = original.apply(this, args);
      if (result instanceof Promise) return result.finally(() => end(token));
      // A submittable query: it reports through events.
      const emitter = result as { once?: (event: string, fn: () => void) => void } | undefined;
      if (emitter?.once) {
        emitter.once('end', () => end(token));
        emitter.once('error', () => end(token));
      } else end(token);
      return result;
    };
  }
}

/** A real-time bound for one settle: past it the app is stuck, and the test says on what. */
const SETTLE_LIMIT_MS = 30_000;

function describeInFlight(): string {
  return [...inFlight]
    .map((r) => {
      const request = r as { method?: string; path?: string; origin?: string; host?: string };
      return request.path ? `${request.method ?? ''} ${request.origin ?? request.host ?? ''}${request.path}` : 'a PostgreSQL query';
    })
    .join(', ');
}

/**
 * Resolves once the app is idle: nothing in flight but what the stand-ins hold on purpose, and
 * nothing (sleep, request, query) started or ended across two rounds of event-loop turns. The
 * app's own waits all go through the clock, so what a step leaves behind is I/O and promise
 * callbacks, which these turns see. Fails after SETTLE_LIMIT_MS of real time, naming what is
 * in flight: a stuck app fails the test instead of letting fake time run on.
 */
export async function settled(driven: Pick<Driven, 'hume'> = {}): Promise<void> {
  const limit = Date.now() + SETTLE_LIMIT_MS;
  const busy = () => inFlight.size !== (driven.hume?.holding ?? 0);
  let quiet = 0;
  while (quiet < 2) {
    const before = generation;
    await flushMicrotasks();
    if (busy()) {
      quiet = 0;
      // Wait for an answer to come back rather than spin.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 10);
        changed = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      changed = null;
    } else quiet = generation === before ? quiet + 1 : 0;
    if (Date.now() > limit) throw new Error(`the app did not settle within ${SETTLE_LIMIT_MS} ms; in flight: ${describeInFlight() || 'nothing'}`);
  }
}

/** Lets `ms` of fake time pass, one sleeper at a time, each step taken once the app has settled. */
export async function runFor(driven: Driven, ms: number): Promise<void> {
  const target = driven.clock.now() + ms;
  await settled(driven);
  while (driven.clock.wakeNext(target)) await settled(driven);
  driven.clock.finishAt(target);
  await settled(driven);
}

/**
 * Lets fake time pass, step by settled step, until `probe` holds; fails if it does not within
 * `maxMs` of fake time. For outcomes whose fake time is known only roughly (backoff with jitter).
 */
export async function runUntil(driven: Driven, probe: () => boolean, what: string, maxMs: number): Promise<void> {
  const target = driven.clock.now() + maxMs;
  await settled(driven);
  while (!probe()) {
    if (!driven.clock.wakeNext(target)) throw new Error(`${what} did not happen within ${maxMs} ms of fake time`);
    await settled(driven);
  }
}

/**
 * Polls a condition over real time, for outcomes of work that runs on real time (child
 * processes, a reply in flight); never for fake time to pass. Fails after `timeoutMs`.
 */
export async function waitFor<T>(probe: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** waitFor for async probes (a query, an HTTP call). */
export async function waitForAsync(probe: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
