/**
 * The settings of `npm run simulator`, read once from the environment: which API to serve, where
 * to listen, which key to accept. Pure, so every bad value gets its one clear line before anything
 * starts.
 */
import type { SourceName } from '../jobs/job';

export interface SimulatorOptions {
  source: SourceName;
  /** Loopback unless SIMULATOR_HOST says otherwise: the simulator accepts a key anybody can read. */
  host: string;
  port: number;
  apiKey: string;
  /** HUME_API_KEY was not set, so `apiKey` was made up for this run. */
  keyGenerated: boolean;
}

export type SimulatorOptionsResult = { ok: true; options: SimulatorOptions } | { ok: false; problems: string[] };

export const DEFAULT_SIMULATOR_PORT = 4010;
export const DEFAULT_SIMULATOR_HOST = '127.0.0.1';

/** What an X-Hume-Api-Key header can carry as it is: visible ASCII, no spaces. */
const KEY = /^[\x21-\x7e]{1,200}$/;

/** `newKey` makes the key when HUME_API_KEY is unset or empty. */
export function readSimulatorOptions(env: Record<string, string | undefined>, newKey: () => string): SimulatorOptionsResult {
  const problems: string[] = [];
  const rawSource = env.HUME_SOURCE?.trim().toLowerCase() || 'batch';
  if (rawSource !== 'batch' && rawSource !== 'runs') problems.push(`HUME_SOURCE must be "batch" or "runs", not ${JSON.stringify(env.HUME_SOURCE)}.`);

  const rawPort = env.PORT?.trim() ?? '';
  const port = rawPort === '' ? DEFAULT_SIMULATOR_PORT : Number(rawPort);
  if (rawPort !== '' && (!/^\d+$/.test(rawPort) || port > 65535)) {
    problems.push(`PORT must be a whole number from 0 to 65535 (0: any free port), not ${JSON.stringify(env.PORT)}.`);
  }

  const host = env.SIMULATOR_HOST?.trim() || DEFAULT_SIMULATOR_HOST;
  const givenKey = env.HUME_API_KEY?.trim() ?? '';
  if (givenKey !== '' && !KEY.test(givenKey)) problems.push('HUME_API_KEY must be 1 to 200 visible ASCII characters without spaces (or unset, to get a generated key).');

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    options: { source: rawSource === 'runs' ? 'runs' : 'batch', host, port, apiKey: givenKey || newKey(), keyGenerated: givenKey === '' },
  };
}

/** The one line printed at start: where it is, the key, and how to point the app at it. */
export function startLine(options: SimulatorOptions, url: string): string {
  const api = options.source === 'batch' ? 'batch jobs API /v0/batch/jobs' : 'runs API /v1/expression/run';
  const key = options.keyGenerated ? `${options.apiKey} (generated: set HUME_API_KEY to choose it)` : options.apiKey;
  return `Hume simulator (${api}) at ${url}, key ${key}; point the app at it with HUME_SOURCE=${options.source} HUME_API_URL=${url} HUME_API_KEY=${options.apiKey} npm start`;
}
