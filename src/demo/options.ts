/**
 * The demo's own settings, read once from the environment (the app's settings are built in
 * main.ts from these, never read from the user's environment: the demo needs no credentials).
 */
import type { SourceName } from '../jobs/job';

export interface DemoOptions {
  source: SourceName;
  /** How much faster than real time each job moves (DEMO_SPEED, default 1). */
  speed: number;
  /** How long alerts keep showing once input has ended (DEMO_DURATION seconds). */
  lingerMs: number;
  /** Seeds the simulated jobs, so two runs look alike (DEMO_SEED). */
  seed: number;
  /** stdin is a terminal: show a prompt and run until `exit` or Ctrl-C. */
  interactive: boolean;
  /** The app's log level; its logs go to a file, never to the terminal. */
  logLevel: string;
}

export type DemoOptionsResult = { ok: true; options: DemoOptions } | { ok: false; problems: string[] };

/** Piped input ends at once: this long is enough to see a few alerts arrive on their own. */
const PIPED_LINGER_S = 20;
const MAX_SPEED = 100;

function number(raw: string | undefined, name: string, fallback: number, valid: (n: number) => boolean, problems: string[], hint: string): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (Number.isFinite(value) && valid(value)) return value;
  problems.push(`${name} must be ${hint}, not ${JSON.stringify(raw)}.`);
  return fallback;
}

export function readDemoOptions(env: Record<string, string | undefined>, stdinIsTTY: boolean): DemoOptionsResult {
  const problems: string[] = [];
  const rawSource = (env.HUME_SOURCE ?? 'batch').trim().toLowerCase() || 'batch';
  if (rawSource !== 'batch' && rawSource !== 'runs') problems.push(`HUME_SOURCE must be "batch" or "runs", not ${JSON.stringify(env.HUME_SOURCE)}.`);
  const speed = number(env.DEMO_SPEED, 'DEMO_SPEED', 1, (n) => n > 0 && n <= MAX_SPEED, problems, `a number above 0 and at most ${MAX_SPEED}`);
  const linger = number(env.DEMO_DURATION, 'DEMO_DURATION', stdinIsTTY ? 0 : PIPED_LINGER_S, (n) => n >= 0, problems, 'a number of seconds (0 or more)');
  const seed = number(env.DEMO_SEED, 'DEMO_SEED', 7, Number.isInteger, problems, 'a whole number');
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    options: {
      source: rawSource === 'runs' ? 'runs' : 'batch',
      speed,
      lingerMs: Math.round(linger * 1000),
      seed,
      interactive: stdinIsTTY,
      logLevel: env.LOG_LEVEL?.trim() || 'warn',
    },
  };
}

/** The app polls every 2 s, faster when the demo runs faster (never under the app's 500 ms floor). */
export function pollIntervalMs(speed: number): number {
  return Math.max(500, Math.round(2000 / speed));
}
