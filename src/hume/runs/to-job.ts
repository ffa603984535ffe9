/**
 * A run as the app's one job model: `live` → running, `ended` → completed, `errored` →
 * failed. Runs have no queue and no separate creation, so `createdAt` is the start. A run says
 * nothing about why it errored beyond its close code, so the error message is derived from it.
 */
import type { Job, StatusKind } from '../../jobs/job';
import type { RunEventsPage } from './client';
import type { Run, RunStatus } from './schemas';

export const RUN_STATUS_KIND: Readonly<Record<RunStatus, StatusKind>> = {
  live: 'running',
  ended: 'completed',
  errored: 'failed',
};

/** The run status for each kind; `queued` has none (a run is never queued). */
export const KIND_RUN_STATUS: Readonly<Record<StatusKind, RunStatus | null>> = {
  queued: null,
  running: 'live',
  completed: 'ended',
  failed: 'errored',
};

/** WebSocket close codes (RFC 6455 §7.4.1) a realtime session may end with. */
const CLOSE_REASONS: Readonly<Record<number, string>> = {
  1000: 'Session closed',
  1001: 'Client went away',
  1002: 'Protocol error',
  1003: 'Unsupported data',
  1007: 'Invalid data',
  1008: 'Policy violation',
  1009: 'Message too large',
  // The reference: 1011 is recorded when the connection was lost without a close frame.
  1011: 'Connection lost',
};

export function runToJob(raw: Run): Job {
  const status = RUN_STATUS_KIND[raw.status];
  return {
    id: raw.run_id,
    source: 'runs',
    status,
    rawStatus: raw.status,
    createdAt: msOrNull(raw.started_at),
    startedAt: msOrNull(raw.started_at),
    endedAt: msOrNull(raw.ended_at),
    inputs: { files: [], urls: [], textCount: 0 },
    models: [],
    endpoint: raw.endpoint ?? null,
    mode: raw.mode ?? null,
    numPredictions: null,
    numErrors: null,
    errorMessage: status === 'failed' ? erroredMessage(raw) : null,
    userId: raw.user_id ?? null,
  };
}

/**
 * Why an errored run errored, as far as the run tells. Without a close code a realtime run was
 * most likely errored by the five-minute silence rule (its `ended_at` is then the last time the
 * server heard from it, and it may still come back); an upload failed inside measurement.
 */
function erroredMessage(raw: Run): string {
  const code = raw.close_code;
  if (code !== null && code !== undefined) return `${CLOSE_REASONS[code] ?? 'Session closed'} (close code ${code})`;
  if (raw.mode === 'file') return 'The upload failed during measurement';
  return 'No word from the session for 5 minutes';
}

/**
 * The job with its problem events counted by kind. `capped` says the counts are a floor: a kind
 * hit its logging limit, the log has gaps, or it is longer than the pages read.
 */
export function withProblems(job: Job, pages: readonly RunEventsPage[]): Job {
  // No prototype: a kind is Hume's free text, and "constructor" must count like any other.
  const counts = Object.create(null) as Record<string, number>;
  for (const page of pages) {
    for (const event of page.events) {
      const kind = event.kind ?? 'unknown';
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
  }
  const last = pages.at(-1);
  const capped = pages.some((page) => page.atCap || page.gaps || page.cappedKinds.length > 0) || (last?.nextCursor ?? null) !== null;
  return { ...job, problems: { counts, capped } };
}

function msOrNull(value: string | null | undefined): number | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}
