/** What the benchmark asks of the Hume simulator running in its own process (over Node's IPC). */

export type SimOp =
  /** Adds finished jobs (created over the last week) until the book holds `total` jobs of history. */
  | { op: 'grow'; total: number }
  /** Adds jobs that stay queued, and jobs that stay running until `finish` moves them. */
  | { op: 'addActive'; queued: number; running: number }
  /** Finishes jobs now, all in the same millisecond; answers with that time. */
  | { op: 'finish'; moves: { id: string; to: 'completed' | 'failed' }[] }
  /** How many HTTP requests the simulator has answered so far. */
  | { op: 'requests' };

export interface SimResults {
  grow: { jobs: number };
  addActive: { queued: string[]; running: string[] };
  finish: { at: number };
  requests: { count: number };
}

/** Parent → simulator. */
export interface SimCall {
  id: number;
  request: SimOp;
}

/** Simulator → parent: its URL once it listens, then one answer per call. */
export type SimMessage = { ready: string } | { id: number; result: SimResults[SimOp['op']] } | { id: number; error: string };
