/**
 * A Hume answer far larger than any real one (100 MB) is refused without being buffered: the
 * client stops reading at its limit and drops the connection, whether or not the size was
 * announced. The "Hume" here is a bare loopback server that streams and counts what it wrote.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HumeInvalidResponseError } from '../../../src/hume/errors';
import { MAX_BODY_BYTES } from '../../../src/hume/http';
import { batchJobListSchema } from '../../../src/hume/batch/schemas';
import { systemClock } from '../../../src/clock';
import { connectHumeHttp, failure, type HumeConnection } from '../../support/hume';

const HUNDRED_MB = 100 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x20);

let server: Server | null = null;
let connection: HumeConnection | null = null;
afterEach(async () => {
  await connection?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = connection = null;
});

/** Streams a 100 MB JSON array, minding backpressure; resolves with the bytes written when the client goes. */
async function startHugeHume(announceLength: boolean): Promise<{ url: string; written: Promise<number> }> {
  let resolveWritten!: (bytes: number) => void;
  const written = new Promise<number>((resolve) => (resolveWritten = resolve));
  server = createServer((req, res) => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json', ...(announceLength ? { 'content-length': String(HUNDRED_MB) } : {}) });
    let sent = 0;
    const pump = () => {
      while (sent < HUNDRED_MB) {
        sent += CHUNK.length;
        if (!res.write(CHUNK)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => resolveWritten(sent));
    res.write('[');
    pump();
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, written };
}

test.each([
  ['announced with Content-Length', true],
  ['streamed without a length', false],
])('a 100 MB body (%s) is refused after at most the limit is read', async (_name, announce) => {
  const hume = await startHugeHume(announce);
  connection = connectHumeHttp(hume.url, systemClock, { retry: { name: 't', attemptTimeoutMs: 20_000, maxRetries: 0, totalBudgetMs: 20_000, baseDelayMs: 0, maxDelayMs: 0 } });
  const error = await failure(connection.http.getJson('/v0/batch/jobs', {}, batchJobListSchema, { listRoute: true }));
  expect(error).toBeInstanceOf(HumeInvalidResponseError);
  expect(error.message).toMatch(/body over/);
  // The server saw the client leave long before 100 MB: what was read is bounded by the limit
  // (plus what sat in socket buffers), never the whole body.
  expect(await hume.written).toBeLessThan(MAX_BODY_BYTES + 8 * 1024 * 1024);
});
