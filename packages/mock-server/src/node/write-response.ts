import type { ServerResponse } from 'node:http';
import type { EngineResponse } from '../engine-request.js';

/**
 * Writes the engine's answer to a Node response without a web Response in between: a string
 * body in one write with its Content-Length, chunked bodies with backpressure (waiting for
 * `drain`), and a `reset` as a destroyed socket. A chunked body that fails half-way (the
 * truncate fault) reaches the client as a cut connection after what was sent so far.
 * `extraHeaders` are added to the engine's (e.g. CORS, `Connection: close`).
 *
 * @example
 * await writeResponse(res, { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' });
 */
export async function writeResponse(
  res: ServerResponse,
  response: EngineResponse,
  extraHeaders: Record<string, string> = {},
): Promise<void> {
  if (response.reset) {
    res.socket?.destroy();
    res.destroy();
    return;
  }
  const { body } = response;
  if (response.status === 204 || response.status === 304) {
    // No body, and no Content-Length either (RFC 9110 forbids it on a 204).
    res.writeHead(response.status, { ...response.headers, ...extraHeaders });
    res.end();
    return;
  }
  if (typeof body === 'string') {
    res.writeHead(response.status, {
      ...response.headers,
      ...extraHeaders,
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
    return;
  }
  res.writeHead(response.status, { ...response.headers, ...extraHeaders });
  let flushed: Promise<unknown> = Promise.resolve();
  try {
    for await (const chunk of body) {
      if (res.destroyed) return;
      // One chunk in flight at a time: the next is pulled once this one reached the socket
      // (or the socket is gone), so a slow reader slows the body down instead of buffering it.
      flushed = new Promise<void>((resolve) => {
        const done = () => {
          res.off('close', done);
          resolve();
        };
        res.once('close', done);
        res.write(chunk, done);
      });
      await flushed;
    }
    res.end();
  } catch {
    await flushed;
    res.destroy();
  }
}
