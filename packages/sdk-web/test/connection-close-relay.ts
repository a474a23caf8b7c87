// Runs in Node. Chromium re-sends a request (even a POST) once, on a new connection, when a
// reused keep-alive connection closes before any byte of the response: the browser's own
// recovery from a server closing an idle socket. A mock `reset` fault on a reused connection is
// then invisible to the page, and the fault scripts of the shared suite, which count attempts,
// no longer line up. In front of the mock server, this relay answers every request with
// `Connection: close`, so each request has a connection of its own and every fault reaches the
// page as the mock produced it (a reset as a reset, a cut body as a cut body).
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
]);

function forwardable(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string' && !HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/** Starts the relay to `target` on a free port of 127.0.0.1. */
export async function connectionCloseRelay(target: string) {
  const relay = createServer(async (req, res) => {
    const leaving = new AbortController();
    // A page that leaves (an aborted long-poll) leaves the mock server too.
    res.on('close', () => {
      if (!res.writableFinished) leaving.abort();
    });
    const chunks: Uint8Array[] = [];
    for await (const chunk of req) chunks.push(chunk);
    let upstream: Response;
    try {
      upstream = await fetch(`${target}${req.url}`, {
        method: req.method,
        headers: forwardable(req.headers),
        body: chunks.length > 0 ? Buffer.concat(chunks) : undefined,
        signal: leaving.signal,
      });
    } catch {
      req.socket.destroy();
      return;
    }
    const headers: Record<string, string> = { connection: 'close' };
    upstream.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) headers[name] = value;
    });
    res.writeHead(upstream.status, headers);
    const reader = upstream.body?.getReader();
    try {
      for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
        res.write(read.value);
      }
      res.end();
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        relay.closeAllConnections();
        relay.close(() => resolve());
      }),
  };
}
