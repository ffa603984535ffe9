/**
 * How the app's own process is started. The benchmark runs the production build (`tsc -p
 * tsconfig.build.json`, then `node index.js`, as `npm start` does): under tsx the process holds
 * about 30 MiB more (the loader and its transpiled sources), which the memory figure must not count.
 * The smoke test runs test/support/child-app.ts under tsx: no 10-second build.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ChildEntry } from '../../test/support/child-process';

export interface AppEntry extends ChildEntry {
  /** Said in the write-up. */
  label: string;
  env: Record<string, string>;
  close(): void;
}

const ROOT = resolve(__dirname, '../..');

export const TSX_ENTRY: AppEntry = {
  label: 'test/support/child-app.ts under tsx',
  args: ['--import', 'tsx', 'test/support/child-app.ts'],
  cwd: ROOT,
  // child-app.ts shortens Slack's pace only when told: 1 s is Slack's real one.
  env: { CHILD_CHANNEL_GAP_MS: '1000' },
  close: () => undefined,
};

/** Compiles src/ into a temporary folder and runs its index.js from there. */
export async function buildEntry(): Promise<AppEntry> {
  const dir = mkdtempSync(join(tmpdir(), 'hume-jobs-bench-build-'));
  const tsc = spawn(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', dir], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((done) => tsc.once('exit', done));
  if (code !== 0) throw new Error(`tsc -p tsconfig.build.json failed (exit ${String(code)})`);
  return {
    label: 'the production build (`node index.js` compiled by tsconfig.build.json)',
    args: [join(dir, 'index.js')],
    // Not the repository: index.js reads `.env` from its working folder, and a developer's
    // settings (a Socket Mode token…) must not leak into the benchmark.
    cwd: dir,
    // The build sits outside the repository; its requires resolve through NODE_PATH.
    env: { NODE_PATH: join(ROOT, 'node_modules') },
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}
