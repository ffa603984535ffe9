/**
 * Section 1: what one idle poll cycle costs as the history grows, for the app's change feed and
 * for the two baselines. Requests are counted by the simulator; CPU is process.cpuUsage around
 * each cycle in this process, where nothing else runs meanwhile (the simulator is a child process).
 */
import { systemClock } from '../src/clock';
import { createBatchClient } from '../src/hume/batch/client';
import { createHumeHttp } from '../src/hume/http';
import { BACKGROUND_POLICY } from '../src/hume/retry';
import { createPollByIdWatcher } from './baselines/poll-by-id';
import { createRelistWatcher, RELIST_PAGE } from './baselines/relist';
import type { Watcher } from './baselines/watcher';
import { BENCH_API_KEY } from './support/app-process';
import { createPollerWatcher } from './support/in-process-app';
import { count, median, ms, type SectionResult } from './support/report';
import type { SimProcess } from './support/sim-client';

export interface IdleOptions {
  sizes: number[];
  /** Measured cycles per watcher and size, after the warm-up ones. */
  cycles: number;
  queued: number;
  running: number;
  relistPage?: number;
}

export interface CycleSample {
  requests: number[];
  cpuMs: number[];
}

export interface IdleRow {
  history: number;
  app: CycleSample;
  relist: CycleSample;
  byId: CycleSample;
}

export interface IdleResult extends SectionResult {
  rows: IdleRow[];
}

/**
 * Cycles run before measuring: a watcher's first start, then JIT compilation settling down. The
 * cheap watchers need more of them (a cycle of 2 requests warms little); one re-listing cycle
 * of 100,000 jobs warms plenty, and costs seconds.
 */
const WARM_UP = { cheap: 10, relist: 2 } as const;

async function sample(sim: SimProcess, watcher: Watcher, cycles: number, problems: string[], warmUp: number): Promise<CycleSample> {
  for (let i = 0; i < warmUp; i++) await watcher.cycle();
  const result: CycleSample = { requests: [], cpuMs: [] };
  for (let i = 0; i < cycles; i++) {
    const before = await sim.requests();
    const cpu = process.cpuUsage();
    const changes = await watcher.cycle();
    const used = process.cpuUsage(cpu);
    result.requests.push((await sim.requests()) - before);
    result.cpuMs.push((used.user + used.system) / 1000);
    // Nothing moves on the simulator here: a change would be an alert about nothing.
    if (changes !== 0) problems.push(`${watcher.name} saw ${changes} changes in an idle cycle`);
  }
  return result;
}

export async function measureIdleCycles(sim: SimProcess, options: IdleOptions): Promise<IdleResult> {
  const problems: string[] = [];
  const rows: IdleRow[] = [];
  const http = createHumeHttp({ baseUrl: sim.url, apiKey: BENCH_API_KEY, clock: systemClock, retry: BACKGROUND_POLICY });
  // The baselines read through the app's own client (undici, JSON, zod), so CPU compares like with like.
  const client = createBatchClient(http);
  const active = await sim.call({ op: 'addActive', queued: options.queued, running: options.running });
  try {
    // A throwaway app first: loading the app's modules leaves garbage that would otherwise be
    // collected inside the first row's measured cycles.
    const throwaway = await createPollerWatcher(sim.url);
    await sample(sim, throwaway, 1, problems, WARM_UP.cheap);
    await throwaway.close();
    problems.push(...throwaway.problems());
    for (const size of options.sizes) {
      await sim.call({ op: 'grow', total: size });
      const poller = await createPollerWatcher(sim.url);
      // The app's first start already ran inside createPollerWatcher.
      const app = await sample(sim, poller, options.cycles, problems, WARM_UP.cheap - 1);
      await poller.close();
      problems.push(...poller.problems());
      const byId = await sample(sim, createPollByIdWatcher(client, [...active.queued, ...active.running]), options.cycles, problems, WARM_UP.cheap);
      const relist = await sample(sim, createRelistWatcher(client, options.relistPage ?? RELIST_PAGE), options.cycles, problems, WARM_UP.relist);
      rows.push({ history: size, app, relist, byId });
    }
  } finally {
    await http.close();
  }
  const unfinished = options.queued + options.running;
  return {
    title: 'Idle poll cycle: Hume requests and CPU per cycle',
    rows,
    problems,
    tables: [
      {
        headers: ['history (jobs)', 'hume-jobs: requests', 'hume-jobs: CPU ms', 're-list: requests', 're-list: CPU ms', 'by id: requests', 'by id: CPU ms'],
        rows: rows.map((row) => [
          count(row.history),
          count(median(row.app.requests)),
          ms(median(row.app.cpuMs)),
          count(median(row.relist.requests)),
          ms(median(row.relist.cpuMs)),
          count(median(row.byId.requests)),
          ms(median(row.byId.cpuMs)),
        ]),
      },
    ],
    method:
      `The Hume simulator runs in a child process holding the history (finished jobs created at random over the past week) plus ${options.queued} queued and ${options.running} running jobs; nothing changes during the measurement. ` +
      `The app is started with its composition root (SQLite store, POLL_INTERVAL=30s) in the benchmark's own process; after its first cycle (the first start) its poll and delivery loops are stopped and each measured cycle is a direct call to its poller's \`runCycle()\`. CPU is the process.cpuUsage delta (user + system) around that call, so it covers the HTTP client, JSON and schema parsing and the SQLite commit but not the simulator. ` +
      `Medians of ${options.cycles} cycles after warm-up cycles (the first start, then JIT compilation: ${WARM_UP.cheap}, or ${WARM_UP.relist} for re-listing); requests are counted by the simulator. The baselines use the app's own HTTP client: "re-list" pages through /v0/batch/jobs newest first by creation-time keyset (limit ${options.relistPage ?? RELIST_PAGE}; Hume documents no maximum) and diffs with its previous listing; ` +
      `"by id" is the TS SDK's awaitCompletion approach, one GET /v0/batch/jobs/{id} per unfinished job, here assumed to be the ${unfinished} jobs in flight (a team with a handful of jobs running): it grows with the number of jobs in flight rather than with history, and it never sees jobs someone else starts. ` +
      'CPU figures include garbage collection that happens to fall inside a cycle.',
  };
}
