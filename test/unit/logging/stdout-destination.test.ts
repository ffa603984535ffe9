/** The log destination never blocks and never throws, whatever its reader does. */
import { Writable } from 'node:stream';
import { nonBlockingDestination } from '../../../src/logging/stdout-destination';

/** A stream whose reader never reads: every write stays queued. */
function stuck(): Writable & { written: string[] } {
  const out = new Writable({ highWaterMark: 16, write: () => undefined }) as Writable & { written: string[] };
  out.written = [];
  return out;
}

test('past the backlog limit lines are dropped, not queued', () => {
  const out = stuck();
  const destination = nonBlockingDestination(out, 1000);
  for (let i = 0; i < 1000; i++) destination.write(`${'x'.repeat(99)}\n`);
  expect(out.writableLength).toBeLessThanOrEqual(1100);
});

test('after a write error (EPIPE) it stops writing and flush resolves at once', async () => {
  const out = new Writable({ write: (_chunk, _enc, done) => done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' })) });
  const destination = nonBlockingDestination(out);
  destination.write('one\n');
  await new Promise((resolve) => setImmediate(resolve));
  expect(() => destination.write('two\n')).not.toThrow();
  await expect(destination.flush(60_000)).resolves.toBeUndefined();
});

test('flush gives up after its time when the reader never reads', async () => {
  const out = stuck();
  const destination = nonBlockingDestination(out);
  destination.write('line\n'.repeat(100));
  const started = Date.now();
  await destination.flush(100);
  expect(Date.now() - started).toBeLessThan(1000);
});
