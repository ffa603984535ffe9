/**
 * `npm run simulator`: the Hume simulator on its own, with jobs moving through their statuses as
 * in the demo (the same world: history, jobs in flight, new ones every few seconds), so a real
 * Slack workspace's app, or any other tool, can be pointed at it. Hume retired the batch API:
 * this is the only place batch mode can still be seen working. Settings: HUME_SOURCE, PORT,
 * HUME_API_KEY, SIMULATOR_HOST (standalone-options.ts). SIGINT/SIGTERM stop it; twice: at once.
 */
import { randomBytes } from 'node:crypto';
import { startDemoHume, type DemoHume } from '../demo/hume-world';
import { readSimulatorOptions, startLine } from './standalone-options';

/** The demo's default seed: the same jobs as `npm run demo` shows. */
const SEED = 7;

function say(stream: NodeJS.WriteStream, line: string): void {
  stream.write(`${line}\n`);
}

function stopped(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (received) process.exit(130);
        received = true;
        resolve(signal);
      });
    }
  });
}

async function main(): Promise<number> {
  // A closed stdout (a pipe whose reader went away) must not crash a running simulator.
  process.stdout.on('error', () => undefined);
  const parsed = readSimulatorOptions(process.env, () => `sim-${randomBytes(12).toString('hex')}`);
  if (!parsed.ok) {
    for (const problem of parsed.problems) say(process.stderr, `The Hume simulator cannot start: ${problem}`);
    return 2;
  }
  const { options } = parsed;
  const signal = stopped();
  let hume: DemoHume;
  try {
    hume = await startDemoHume(options.source, { speed: 1, seed: SEED, apiKey: options.apiKey, host: options.host, port: options.port });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    say(process.stderr, `The Hume simulator cannot listen on ${options.host}:${options.port} (${code ?? String(error)}): set PORT to a free port, or PORT=0 for any.`);
    return 1;
  }
  say(process.stdout, startLine(options, hume.url));
  const received = await signal;
  await hume.close();
  say(process.stdout, `Hume simulator stopped (${received}).`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    say(process.stderr, `The Hume simulator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
