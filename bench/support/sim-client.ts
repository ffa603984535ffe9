/** Starts the simulator process (sim-child.ts) and calls it; one call at a time is plenty. */
import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { SimCall, SimMessage, SimOp, SimResults } from './sim-protocol';

export interface SimProcess {
  url: string;
  pid: number;
  call<R extends SimOp>(request: R): Promise<SimResults[R['op']]>;
  /** Hume requests answered so far (the simulator counts them, so every watcher is counted alike). */
  requests(): Promise<number>;
  close(): Promise<void>;
}

const ROOT = resolve(__dirname, '../..');

export async function startSimProcess(): Promise<SimProcess> {
  const child: ChildProcess = fork(resolve(__dirname, 'sim-child.ts'), [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const waiting = new Map<number, { ok: (value: unknown) => void; fail: (error: Error) => void }>();
  let nextId = 0;

  const url = await new Promise<string>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error('the simulator process did not start within 20 s')), 20_000);
    child.on('message', (message: SimMessage) => {
      if ('ready' in message) {
        clearTimeout(timer);
        ready(message.ready);
        return;
      }
      const pending = waiting.get(message.id);
      waiting.delete(message.id);
      if ('error' in message) pending?.fail(new Error(`simulator: ${message.error}`));
      else pending?.ok(message.result);
    });
    void exited.then(() => {
      clearTimeout(timer);
      const error = new Error('the simulator process exited');
      fail(error);
      for (const pending of waiting.values()) pending.fail(error);
    });
  });

  const call = <R extends SimOp>(request: R) =>
    new Promise<SimResults[R['op']]>((ok, fail) => {
      const id = ++nextId;
      waiting.set(id, { ok: (value) => ok(value as SimResults[R['op']]), fail });
      child.send({ id, request } satisfies SimCall);
    });

  return {
    url,
    pid: child.pid ?? 0,
    call,
    requests: async () => (await call({ op: 'requests' })).count,
    async close() {
      if (child.exitCode === null) child.disconnect();
      await exited;
    },
  };
}
