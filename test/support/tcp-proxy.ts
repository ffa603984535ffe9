/**
 * A TCP proxy on loopback in front of a server (PostgreSQL), that a test can cut: every open
 * connection is destroyed and new ones are refused (the port is closed), as the client sees a
 * database that went away; `restore()` listens again on the same port. Other tests talking to the
 * real server are not disturbed.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Drops every connection and refuses new ones until `restore()`. */
  cut(): Promise<void>;
  /**
   * A network that goes silent instead (no reset, no refusal): nothing is forwarded either way,
   * new connections are accepted and never answered, until `restore()` drops them all.
   */
  blackHole(): void;
  restore(): Promise<void>;
  /** Connections opened through the proxy so far. */
  connections(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let opened = 0;
  let server: Server | null = null;
  let silent = false;
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const next = createServer((client) => {
        opened += 1;
        if (silent) {
          open.add(client);
          client.on('error', () => undefined).on('close', () => open.delete(client));
          return;
        }
        const upstream = connect(targetPort, targetHost);
        open.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          open.delete(client);
          open.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      next.once('error', reject);
      next.listen(port, '127.0.0.1', () => {
        server = next;
        resolve((next.address() as { port: number }).port);
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      const current = server;
      server = null;
      silent = false;
      for (const socket of open) socket.destroy();
      open.clear();
      if (!current) return resolve();
      current.close(() => resolve());
    });
  const port = await listen(0);
  return {
    port,
    cut: stop,
    blackHole() {
      silent = true;
      for (const socket of open) {
        socket.unpipe();
        socket.pause();
      }
    },
    async restore() {
      if (silent) {
        silent = false;
        for (const socket of open) socket.destroy();
        open.clear();
      }
      if (!server) await listen(port);
    },
    connections: () => opened,
    close: stop,
  };
}
