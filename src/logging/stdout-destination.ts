/**
 * Where production logs go: stdout, written so that a reader who stops reading (a log shipper
 * stuck, a pipe whose other end is held by a dead parent) or who is gone (EPIPE) can never block
 * the process or take it down.
 *
 * pino's default destination writes with `fs.writeSync` and, when the pipe is full, retries in a
 * synchronous sleep loop: the event loop stops, and with it the SIGTERM handler, so the app could
 * no longer be stopped. Here lines go through `process.stdout` (libuv writes a pipe or socket
 * without blocking and queues the rest); past `maxQueuedBytes` of backlog, lines are dropped and
 * counted, and the count is written once the reader catches up. After a write error (EPIPE), the
 * destination stops writing for good.
 */
import type { Writable } from 'node:stream';

export interface LogDestination {
  write(line: string): void;
  /** Resolves once what is queued is written, or after `timeoutMs`, whichever comes first. */
  flush(timeoutMs: number): Promise<void>;
}

/** A megabyte of backlog is minutes of logs: more only means memory, not information. */
const MAX_QUEUED_BYTES = 1024 * 1024;

export function nonBlockingDestination(out: Writable = process.stdout, maxQueuedBytes = MAX_QUEUED_BYTES): LogDestination {
  let broken = false;
  let dropped = 0;
  out.on('error', () => {
    // The reader is gone: nothing written from now on can reach anyone.
    broken = true;
  });
  out.on('drain', () => {
    if (dropped === 0 || broken) return;
    const line = JSON.stringify({ level: 40, time: new Date().toISOString(), app: 'hume-jobs', dropped, msg: 'log lines dropped: stdout was not read' });
    dropped = 0;
    out.write(`${line}\n`);
  });
  return {
    write(line) {
      if (broken || out.destroyed) return;
      if (out.writableLength > maxQueuedBytes) {
        dropped += 1;
        return;
      }
      try {
        out.write(line);
      } catch {
        broken = true;
      }
    },
    flush(timeoutMs) {
      if (broken || out.destroyed || out.writableLength === 0) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(done, timeoutMs);
        timer.unref();
        out.once('drain', done);
        out.once('error', done);
        function done(): void {
          clearTimeout(timer);
          out.off('drain', done);
          out.off('error', done);
          resolve();
        }
      });
    },
  };
}

let shared: LogDestination | null = null;

/** The one destination on process.stdout (each call would otherwise add listeners to it). */
export function stdoutDestination(): LogDestination {
  shared ??= nonBlockingDestination(process.stdout);
  return shared;
}
