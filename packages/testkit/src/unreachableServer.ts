import { createServer, type Socket } from 'node:net';

/** A loopback address where every connection fails at once; `close` frees the port. */
export interface UnreachableServer {
  /** `http://127.0.0.1:<port>`, with no trailing slash. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * An exchange (or any HTTP service) that is down: each connection is reset (RST) as soon as it is
 * accepted, so clients fail at once with ECONNRESET, as with a refused connection. The port stays
 * held until `close`, unlike a port that was bound, released and then reused as "closed": another
 * test or process on the machine may start listening on such a port in the meantime and answer.
 */
export async function startUnreachableServer(): Promise<UnreachableServer> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.resetAndDestroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
