/**
 * A Hume simulator on loopback with the real client stack in front of it (undici → HumeHttp →
 * BatchClient → batch JobSource), all on one fake clock. One harness per test; close() in afterEach.
 */
import { Agent } from 'undici';
import { createBatchClient, type BatchClient } from '../../src/hume/batch/client';
import { HumeError } from '../../src/hume/errors';
import { createHumeHttp, type HumeHttp, type HumeLogger } from '../../src/hume/http';
import { NO_RETRY_POLICY, type RetryPolicy } from '../../src/hume/retry';
import { createBatchSource } from '../../src/sources/batch/batch-source';
import type { JobSource } from '../../src/sources/source';
import { createJobBook, type JobBook } from '../../src/simulator/job-book';
import { startHumeSimulator, type HumeSimulator } from '../../src/simulator/server';
import type { Clock } from '../../src/clock';
import { TestClock } from './clock';

export const TEST_API_KEY = 'hk-test-7f3a9c1e5b2d4f6a8c0e';

export { TestClock } from './clock';

export interface LogLine {
  level: 'debug' | 'warn';
  fields: Record<string, unknown>;
  message: string;
}

export interface HumeHarness {
  clock: TestClock;
  book: JobBook;
  sim: HumeSimulator;
  http: HumeHttp;
  client: BatchClient;
  source: JobSource;
  logs: LogLine[];
  close(): Promise<void>;
}

export interface HumeHarnessOptions {
  /** The key the client sends (the simulator expects TEST_API_KEY). */
  apiKey?: string;
  boundsInclusive?: boolean;
  unstableTies?: boolean;
  retry?: RetryPolicy;
  random?: () => number;
}

export interface HumeConnection {
  http: HumeHttp;
  logger: HumeLogger;
  logs: LogLine[];
  /** Closes the client and its Agent (not the simulator). */
  close(): Promise<void>;
}

/** The real HTTP client, on the given clock (usually the fake one), talking to `url`, with its logs kept for the test. */
export function connectHumeHttp(url: string, clock: Clock, options: Pick<HumeHarnessOptions, 'apiKey' | 'retry' | 'random'> = {}): HumeConnection {
  // Short keep-alive: nothing lingers after the test, and jest exits promptly.
  const agent = new Agent({ keepAliveTimeout: 100, keepAliveMaxTimeout: 100 });
  const logs: LogLine[] = [];
  const logger: HumeLogger = {
    debug: (fields, message) => logs.push({ level: 'debug', fields, message }),
    warn: (fields, message) => logs.push({ level: 'warn', fields, message }),
  };
  const http = createHumeHttp({
    baseUrl: url,
    apiKey: options.apiKey ?? TEST_API_KEY,
    clock,
    dispatcher: agent,
    logger,
    retry: options.retry ?? NO_RETRY_POLICY,
    random: options.random ?? (() => 0.5),
  });
  return {
    http,
    logger,
    logs,
    async close() {
      await http.close();
      await agent.close();
    },
  };
}

export async function startHumeHarness(options: HumeHarnessOptions = {}): Promise<HumeHarness> {
  const clock = new TestClock();
  const book = createJobBook({ clock, seed: 42 });
  const sim = await startHumeSimulator({
    book,
    apiKey: TEST_API_KEY,
    boundsInclusive: options.boundsInclusive,
    unstableTies: options.unstableTies,
  });
  const connection = connectHumeHttp(sim.url, clock, options);
  const { http, logger, logs } = connection;
  const client = createBatchClient(http, logger);
  const source = createBatchSource({ client, clock, logger });
  return {
    clock,
    book,
    sim,
    http,
    client,
    source,
    logs,
    async close() {
      await sim.close();
      await connection.close();
    },
  };
}

/** Registers an afterEach that closes what `start` opened, and returns `start`. */
export function perTest<O, H extends { close(): Promise<void> }>(start: (options?: O) => Promise<H>): (options?: O) => Promise<H> {
  let current: H | undefined;
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return async (options) => (current = await start(options));
}

/** Registers an afterEach that closes the harness, and returns the function that starts it. */
export function harnessPerTest(): (options?: HumeHarnessOptions) => Promise<HumeHarness> {
  return perTest(startHumeHarness);
}

/** The HumeError `promise` rejects with, failing the test if it resolves or rejects with anything else. */
export async function failure(promise: Promise<unknown>): Promise<HumeError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  expect(outcome.error).toBeInstanceOf(HumeError);
  return outcome.error as HumeError;
}
