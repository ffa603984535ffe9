/**
 * The Hume side of the demo: a simulator serving the configured source's API on loopback, with
 * history and new jobs arriving on the system clock. The app talks to it over real HTTP with a
 * real API key, exactly as it would talk to api.hume.ai.
 */
import { systemClock } from '../clock';
import type { SourceName } from '../jobs/job';
import { createJobBook, mulberry32 } from '../simulator/job-book';
import { createRunBook } from '../simulator/run-book';
import { createRunsApi } from '../simulator/runs-api';
import { startHumeSimulator } from '../simulator/server';
import { startJobGenerator } from './generator';
import { seedHistory } from './history';

export interface DemoHume {
  url: string;
  apiKey: string;
  close(): Promise<void>;
}

export interface DemoHumeOptions {
  speed: number;
  seed: number;
  /** Average time between new jobs. */
  everyMs?: number;
  /** The only key accepted (DEMO_HUME_KEY unless given), and where to listen (loopback, any free port). */
  apiKey?: string;
  host?: string;
  port?: number;
}

export const DEMO_HUME_KEY = 'demo-hume-api-key';

function listening(options: DemoHumeOptions): { apiKey: string; host?: string; port?: number } {
  return { apiKey: options.apiKey ?? DEMO_HUME_KEY, host: options.host, port: options.port };
}

async function startBatchWorld(options: DemoHumeOptions): Promise<DemoHume> {
  const book = createJobBook({ clock: systemClock, seed: options.seed });
  seedHistory(book, { now: systemClock.now(), speed: options.speed });
  const listen = listening(options);
  const simulator = await startHumeSimulator({ book, ...listen });
  const generator = startJobGenerator({ book, everyMs: options.everyMs ?? 4_000, speed: options.speed, seed: options.seed + 1 });
  return {
    url: simulator.url,
    apiKey: listen.apiKey,
    async close() {
      generator.stop();
      await simulator.close();
    },
  };
}

/**
 * Hume's current API: realtime sessions and uploads recorded as runs, some erroring (and, by the
 * five-minute silence rule, some coming back). Runs last seconds to minutes, so new ones start
 * every few seconds with a realistic plan for their mode and endpoint.
 */
async function startRunsWorld(options: DemoHumeOptions): Promise<DemoHume> {
  const book = createRunBook({ clock: systemClock, seed: options.seed });
  const now = systemClock.now();
  for (let i = 0; i < 20; i++) book.add({ startedAt: now - (20 - i) * 90_000, plan: 'random' });
  const listen = listening(options);
  const simulator = await startHumeSimulator({ routes: [createRunsApi({ book })], ...listen });
  const random = mulberry32(options.seed + 1);
  const everyMs = options.everyMs ?? 4_000;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    timer = setTimeout(() => {
      book.add({ plan: 'random' });
      schedule();
    }, everyMs * (0.5 + random()));
    timer.unref();
  };
  schedule();
  return {
    url: simulator.url,
    apiKey: listen.apiKey,
    async close() {
      clearTimeout(timer);
      await simulator.close();
    },
  };
}

/** The simulated Hume for the configured source. */
export async function startDemoHume(source: SourceName, options: DemoHumeOptions): Promise<DemoHume> {
  switch (source) {
    case 'batch':
      return startBatchWorld(options);
    case 'runs':
      return startRunsWorld(options);
  }
}
