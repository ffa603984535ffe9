/** Starts the app in a child process and learns its port from its start-up log line. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export interface ChildApp {
  process: ChildProcess;
  port: number;
  output: string[];
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
}

const ROOT = resolve(__dirname, '../..');

/** What to run: test/support/child-app.ts under tsx unless told (the benchmark runs a build). */
export interface ChildEntry {
  args: string[];
  cwd: string;
  /** Runs the child as this user (and group) id: tests of read-only files run as `nobody`. */
  uid?: number;
}

const TSX_CHILD_APP: ChildEntry = { args: ['--import', 'tsx', 'test/support/child-app.ts'], cwd: ROOT };

export async function startChildApp(env: Record<string, string>, entry: ChildEntry = TSX_CHILD_APP): Promise<ChildApp> {
  const child = spawn(process.execPath, entry.args, {
    cwd: entry.cwd,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(entry.uid === undefined ? {} : { uid: entry.uid, gid: entry.uid }),
  });
  const output: string[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const port = await new Promise<number>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`child app did not start:\n${output.join('')}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output.push(chunk.toString());
      const started = /"port":(\d+)[^\n]*"msg":"hume-jobs started"/.exec(output.join(''));
      if (started) {
        clearTimeout(timer);
        ready(Number(started[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      fail(new Error(`child app exited (${code}) before starting:\n${output.join('')}`));
    });
  });
  return { process: child, port, output, exited };
}

/** Kills (SIGKILL) every child still running and waits for each to exit; empties the list. */
export async function killAll(children: ChildApp[]): Promise<void> {
  for (const child of children.splice(0)) {
    if (child.process.exitCode === null) child.process.kill('SIGKILL');
    await child.exited;
  }
}
