/**
 * A signal always stops the app, whatever became of its stdout and stderr: closed by the reader
 * (a log pipe that went away, a parent that was killed) or never read again (a stuck log
 * shipper, so every write would block). The real entry point runs in a child process.
 */
import { SHUTDOWN_GRACE_MS } from '../../../src/runtime/shutdown';
import type { ChildApp } from '../../support/child-process';
import { realAppWorldPerTest, startRealApp } from '../../support/real-app';

// Each test starts the app in a process of its own: slower than Jest's 5 s on a loaded machine.

const run = realAppWorldPerTest();

/** Resolves with the exit code and how long after `since` it came, or null if it did not come in time. */
async function exitWithin(child: ChildApp, ms: number, since: number): Promise<{ code: number | null; afterMs: number } | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  const result = await Promise.race([child.exited.then((code) => ({ code, afterMs: Date.now() - since })), late]);
  clearTimeout(timer);
  return result;
}

/** Requests the app logs (a bad signature is logged at debug level), a few at a time. */
async function makeItLog(port: number, requests: number): Promise<number> {
  let answered = 0;
  const one = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-signature': 'v0=00', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)) },
      body: 'command=%2Fhume-jobs',
      signal: AbortSignal.timeout(5000),
    });
    await response.text();
    answered += 1;
  };
  for (let i = 0; i < requests; i += 8) await Promise.all(Array.from({ length: Math.min(8, requests - i) }, one));
  return answered;
}

async function start(): Promise<ChildApp> {
  const child = await startRealApp(run.world.env());
  run.children.push(child);
  return child;
}

test.each(['SIGTERM', 'SIGINT'] as const)('stdout and stderr closed by their reader: %s ends the process within the grace period', async (signal) => {
  const child = await start();
  child.process.stdout!.destroy();
  child.process.stderr!.destroy();
  // It keeps working without anyone reading: logging into a closed pipe is not fatal...
  expect(await makeItLog(child.port, 50)).toBe(50);
  expect((await fetch(`http://127.0.0.1:${child.port}/healthz`)).status).toBe(200);
  // ...and the signal still ends it.
  const sentAt = Date.now();
  child.process.kill(signal);
  const exit = await exitWithin(child, SHUTDOWN_GRACE_MS, sentAt);
  console.info(`${signal} with closed pipes: exit ${JSON.stringify(exit)}`);
  expect(exit).toMatchObject({ code: 0 });
});

test('stdout and stderr never read again (every write would block): SIGTERM ends the process within the grace period', async () => {
  const child = await start();
  child.process.stdout!.pause();
  child.process.stderr!.pause();
  // ~190 bytes of log per request: 4,000 requests are far more than the pipe and both ends' buffers hold.
  expect(await makeItLog(child.port, 4000)).toBe(4000);
  const sentAt = Date.now();
  child.process.kill('SIGTERM');
  const exit = await exitWithin(child, SHUTDOWN_GRACE_MS, sentAt);
  console.info(`SIGTERM with pipes never read: exit ${JSON.stringify(exit)}`);
  expect(exit).toMatchObject({ code: 0 });
});
