/**
 * What one board refresh costs the active replica: read the last day's jobs and what is active
 * from the store, build the message, fingerprint it. It runs at most every 30 s per change, so
 * this bounds the board's load on the store, however many boards (one read serves them all).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBoardView } from '../src/boards/board-view';
import type { Job, StatusKind } from '../src/jobs/job';
import { openStore } from '../src/store';
import type { TrackedJob } from '../src/store/store';
import { count, median, ms, type SectionResult } from './support/report';

const DAY_MS = 86_400_000;
/** The day's jobs are finished (one in eight failed) but for 4 queued and 6 running, as in section 1. */
function statusOf(i: number): StatusKind {
  if (i < 4) return 'queued';
  if (i < 10) return 'running';
  return i % 8 === 0 ? 'failed' : 'completed';
}

function job(i: number, now: number): TrackedJob {
  const status = statusOf(i);
  const createdAt = now - Math.floor(((i * 7919) % 1000) / 1000 * DAY_MS);
  const snapshot: Job = {
    id: `bench-${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`,
    source: 'batch',
    status,
    rawStatus: status.toUpperCase(),
    createdAt,
    startedAt: status === 'queued' ? null : createdAt + 2_000,
    endedAt: status === 'completed' || status === 'failed' ? createdAt + 60_000 : null,
    inputs: { files: [{ name: `call-${i}.wav`, contentType: 'audio/wav', md5: null }], urls: [], textCount: 0 },
    models: [{ name: 'prosody', options: {} }],
    endpoint: null,
    mode: null,
    numPredictions: status === 'completed' ? 12 : null,
    numErrors: status === 'completed' ? 0 : null,
    errorMessage: status === 'failed' ? `Failed to download media from URL ${i}` : null,
    userId: null,
  };
  return { id: snapshot.id, status, rawStatus: snapshot.rawStatus, snapshot, seenAt: now };
}

export async function measureBoardRefresh(options: { sizes: number[]; refreshes: number }): Promise<SectionResult> {
  const rows: string[][] = [];
  const dir = mkdtempSync(join(tmpdir(), 'hume-jobs-bench-board-'));
  const store = await openStore({ kind: 'sqlite', path: join(dir, 'board.db') });
  const now = Date.now();
  try {
    let stored = 0;
    for (const size of options.sizes) {
      for (; stored < size; stored += 1000) {
        await store.commitCycle({ upsertJobs: Array.from({ length: Math.min(1000, size - stored) }, (_, k) => job(stored + k, now)), alerts: [], progress: {} });
      }
      const wall: number[] = [];
      const cpu: number[] = [];
      let chars = 0;
      for (let r = 0; r < options.refreshes + 2; r++) {
        const cpuBefore = process.cpuUsage();
        const started = performance.now();
        const view = await loadBoardView(store, now);
        const elapsed = performance.now() - started;
        const used = process.cpuUsage(cpuBefore);
        chars = JSON.stringify(view.message.blocks).length;
        if (r < 2) continue; // warm-up: JIT and SQLite's page cache
        wall.push(elapsed);
        cpu.push((used.user + used.system) / 1000);
      }
      rows.push([count(size), ms(median(wall)), ms(median(cpu)), count(chars)]);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: 'Board refresh: reading and building one board',
    tables: [{ headers: ['jobs in the last 24 h', 'refresh p50 ms', 'CPU p50 ms', 'board blocks (chars)'], rows }],
    method:
      `A SQLite store (as production, WAL) holds the given number of jobs created over the last 24 hours (one in eight failed, the rest completed, but for 4 queued and 6 running jobs); each refresh is \`loadBoardView\`: the day's and the hour's counts by status (read from an index), the day's newest 1,000 failures and the active jobs, the board built from them, and its fingerprint; App Home reads the same, plus the newest 500 finished jobs for typical durations. Medians of ${options.refreshes} refreshes after 2 warm-ups, in the benchmark's own process. The keeper does this at most once per 30 s while jobs change (and once a minute otherwise), and only when a board exists; one refresh serves every board. The cost grows with the day's jobs only through the index range the counts read; the message itself stays the same size.`,
    problems: [],
  };
}
