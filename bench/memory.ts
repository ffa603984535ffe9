/**
 * Section 5: resident memory of the app's process with 100,000 jobs tracked. The store is seeded
 * through its own port with every job the simulator holds (what a week of polling would have
 * recorded), then the app runs on it in its own process: idle cycles, then a burst of commands.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemClock } from '../src/clock';
import { loadConfig } from '../src/config/config';
import { createBatchClient } from '../src/hume/batch/client';
import { batchJobToJob } from '../src/hume/batch/to-job';
import { createHumeHttp } from '../src/hume/http';
import { BACKGROUND_POLICY } from '../src/hume/retry';
import { openStore } from '../src/store';
import type { TrackedJob } from '../src/store/store';
import { listAllJobs } from './baselines/relist';
import { appEnv, BENCH_API_KEY } from './support/app-process';
import { createCommander } from './support/commands';
import { startApp, type Rig } from './support/rig';
import type { SimProcess } from './support/sim-client';
import { count, type SectionResult } from './support/report';

export interface MemoryOptions {
  idleCycles: number;
  /** Commands sent at once after the idle cycles (the command section's load). */
  concurrentCommands: number;
  commandText: string;
}

export interface MemoryResult extends SectionResult {
  tracked: number;
}

const SEED_CHUNK = 10_000;

/** Writes every job the simulator holds into a new SQLite store; returns how many it holds. */
async function seedStore(sim: SimProcess, dbPath: string): Promise<number> {
  const http = createHumeHttp({ baseUrl: sim.url, apiKey: BENCH_API_KEY, clock: systemClock, retry: BACKGROUND_POLICY });
  const jobs = (await listAllJobs(createBatchClient(http))).map(batchJobToJob);
  await http.close();
  // The store the app will open: the same settings, so the same adapter and schema.
  const store = await openStore(loadConfig(appEnv({ humeUrl: sim.url, slackApiUrl: 'http://127.0.0.1:9/api/', pollInterval: '1s' }, dbPath)).database);
  try {
    const now = Date.now();
    for (let i = 0; i < jobs.length; i += SEED_CHUNK) {
      const upsertJobs: TrackedJob[] = jobs.slice(i, i + SEED_CHUNK).map((job) => ({ id: job.id, status: job.status, rawStatus: job.rawStatus, snapshot: job, seenAt: now }));
      await store.commitCycle({ upsertJobs, alerts: [], progress: {} });
    }
    return (await store.jobsCreatedSince(0)).length;
  } finally {
    await store.close();
  }
}

export async function measureMemory(rig: Rig, options: MemoryOptions): Promise<MemoryResult> {
  const dir = mkdtempSync(join(tmpdir(), 'hume-jobs-bench-memory-'));
  const dbPath = join(dir, 'hume-jobs.db');
  const problems: string[] = [];
  const rows: string[][] = [];
  let tracked = 0;
  try {
    tracked = await seedStore(rig.sim, dbPath);
    const app = await startApp(rig, { pollInterval: '1s', dbPath });
    try {
      const started = app.memory();
      rows.push(['started', started.rssMiB.toFixed(0), started.peakMiB.toFixed(0)]);
      let after = 0;
      for (let i = 0; i < options.idleCycles; i++) after = await app.waitForCycle(after);
      const idle = app.memory();
      rows.push([`after ${options.idleCycles} poll cycles`, idle.rssMiB.toFixed(0), idle.peakMiB.toFixed(0)]);
      const commander = createCommander(rig.slack, app.port);
      const timings = await Promise.all(Array.from({ length: options.concurrentCommands }, () => commander.run(options.commandText)));
      commander.close();
      problems.push(...new Set(timings.flatMap((t) => (t.failure ? [t.failure] : []))));
      const busy = app.memory();
      rows.push([`after ${options.concurrentCommands} concurrent commands`, busy.rssMiB.toFixed(0), busy.peakMiB.toFixed(0)]);
    } finally {
      await app.stop();
    }
    problems.push(...app.problems());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: `Resident memory of the app with ${count(tracked)} jobs tracked`,
    tracked,
    problems,
    tables: [{ headers: ['moment', 'RSS MiB', 'peak RSS so far MiB'], rows }],
    method:
      `A fresh SQLite store is seeded, through the store's own port (\`commitCycle\`), with all ${count(tracked)} jobs the simulator holds (read with the app's client), as a week of polling would have recorded them; the app then starts on it in its own process (POLL_INTERVAL=1s), runs ${options.idleCycles} poll cycles, and answers ${options.concurrentCommands} concurrent \`/hume-jobs ${options.commandText}\`. ` +
      `RSS and peak are VmRSS and VmHWM from /proc/<pid>/status of the app's process, which runs ${rig.entry.label} (Node, Bolt, pino and SQLite's page cache included). ` +
      'The peak comes in the first second after start (modules loading, first cycle and first replies before V8\'s first full collection); it is the same with an empty store. ' +
      'Job states live in the store (a file on disk), not in the process\'s heap; the first start does not read them all: it looks back 2 minutes.',
  };
}
