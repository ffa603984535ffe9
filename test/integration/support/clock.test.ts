/**
 * The clock helper itself: fake time moves on only once what the code started over real I/O has
 * come back, however long that takes, so a loop on the fake clock does the same work whether the
 * machine is fast or slow.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { request } from 'undici';
import { startLoop } from '../../../src/runtime/loop';
import { runFor, runUntil, settled, TestClock } from '../../support/clock';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

/** A server that answers each request after `delayMs` of real time: a slow machine, on purpose. */
async function slowServer(delayMs: number): Promise<string> {
  server = createServer((_req, res) => void setTimeout(() => res.end('ok'), delayMs));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** Once a second of fake time: one request, answered in real time. */
function poll(clock: TestClock, url: string, answered: number[]): { stop(): Promise<void> } {
  return startLoop(clock, async () => {
    const response = await request(url);
    await response.body.text();
    answered.push(clock.now());
    return 1000;
  });
}

test('runFor waits for each answer before the next second passes, however slow the answer', async () => {
  const url = await slowServer(150);
  const clock = new TestClock();
  const answered: number[] = [];
  const loop = poll(clock, url, answered);
  const start = clock.now();
  await runFor({ clock }, 5000);
  await loop.stop();
  // One cycle at 0 and one per second after it: 6, each answered at the fake time it started.
  expect(answered.map((at) => at - start)).toEqual([0, 1000, 2000, 3000, 4000, 5000]);
});

test('runUntil moves time only as far as the outcome needs', async () => {
  const url = await slowServer(50);
  const clock = new TestClock();
  const answered: number[] = [];
  const loop = poll(clock, url, answered);
  const start = clock.now();
  await runUntil({ clock }, () => answered.length === 3, 'three answers', 60_000);
  await loop.stop();
  expect(clock.now() - start).toBe(2000);
});

test('a request a stand-in holds on purpose does not stop time: its timeout can fire', async () => {
  const clock = new TestClock();
  server = createServer(() => undefined); // never answers
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const held = { holding: 0 };
  server.on('request', (_req, res) => {
    held.holding += 1;
    res.once('close', () => (held.holding -= 1));
  });
  const abort = new AbortController();
  void clock.sleep(8000).then(() => abort.abort(new Error('attempt timed out')));
  const outcome = request(url, { signal: abort.signal }).then(
    () => 'answered',
    (error: Error) => error.message,
  );
  await runUntil({ clock, hume: held }, () => abort.signal.aborted, 'the timeout', 10_000);
  expect(await outcome).toBe('attempt timed out');
  await settled({ hume: held });
  expect(held.holding).toBe(0);
});
