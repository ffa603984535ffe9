/**
 * HTTP as a hostile or broken client speaks it, on loopback: signed bodies of any content type,
 * uploads the server should refuse before reading, and clients that stop mid-request. Built on
 * node:net and node:http so nothing (fetch's own limits, retries) stands between test and server.
 */
import { request } from 'node:http';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { sign } from '../../src/simulator/slack-requests';

export interface RawAnswer {
  status: number;
  body: string;
}

/** A signed POST to `/slack/events` with this exact body and content type. */
export function postSignedRaw(port: number, body: string | Buffer, contentType: string, secret: string): Promise<RawAnswer> {
  const timestamp = Math.floor(Date.now() / 1000);
  const text = typeof body === 'string' ? body : body.toString();
  return send(port, body, {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': sign(text, timestamp, secret),
  });
}

/**
 * Sends the body in 64 KB chunks and resolves with the answer as soon as it arrives, even when
 * the server answers before reading it all (and then closes the connection).
 */
export function send(port: number, body: string | Buffer, headers: Record<string, string>): Promise<RawAnswer> {
  const data = typeof body === 'string' ? Buffer.from(body) : body;
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/slack/events', headers: { ...headers, 'content-length': String(data.length) } });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    // Writing into a connection the server closed after answering is expected here.
    req.on('error', (error) => setTimeout(() => reject(error), 200));
    let offset = 0;
    const writeMore = () => {
      while (offset < data.length) {
        const chunk = data.subarray(offset, offset + 65536);
        offset += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', writeMore);
          return;
        }
      }
      req.end();
    };
    writeMore();
  });
}

/**
 * Opens a connection, writes `head` (headers, maybe part of a body) and then nothing: resolves
 * with how long the server took to close it, and what it answered, if anything.
 */
export function stall(port: number, head: string, giveUpMs: number): Promise<{ closedAfterMs: number | null; answer: string }> {
  return new Promise((resolve) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let answer = '';
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve({ closedAfterMs: null, answer });
    }, giveUpMs);
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ closedAfterMs: Date.now() - started, answer });
    });
  });
}

export interface StalledUpload {
  /** What the server has answered so far. */
  answer(): string;
  close(): void;
}

/** Writes `head` and then `bodyBytes` bytes of body, and leaves the connection open, silent. */
export function stalledUpload(port: number, head: string, bodyBytes: number): Promise<StalledUpload> {
  return new Promise((resolve) => {
    let answer = '';
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(head);
      const body = Buffer.alloc(bodyBytes, 'a');
      socket.write(body, () => resolve({ answer: () => answer, close: () => socket.destroy() }));
    });
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('error', () => resolve({ answer: () => answer, close: () => socket.destroy() }));
  });
}

/** Resident memory of a process (Linux), in bytes. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status);
  if (!kb) throw new Error(`no VmRSS for ${pid}`);
  return Number(kb[1]) * 1024;
}
