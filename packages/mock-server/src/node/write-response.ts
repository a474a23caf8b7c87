/**
 * Writes an `EngineResponse` to a Node `ServerResponse`: a string at once, a chunked body with
 * back-pressure, a body that fails half-way as a cut connection.
 */
import type { ServerResponse } from 'node:http';
import type { EngineResponse } from '../api/engine-request.js';
import { adapterProblem } from './adapter-problem.js';

// Node refuses a status or header it cannot send (a control byte in a value, a status out of
// range) by throwing before anything is written: the client then gets a 500 problem instead
// of a dropped connection.
function writeHead(
  res: ServerResponse,
  status: number,
  headers: Record<string, string | number>,
): boolean {
  try {
    res.writeHead(status, headers);
    return true;
  } catch (error) {
    console.error('agent-sessions-mock: the response could not be sent as built', error);
    const problem = adapterProblem(
      500,
      'internal_error',
      'The mock server built a response Node cannot send (an invalid status or header).',
    );
    const text = problem.body as string;
    res.writeHead(500, { ...problem.headers, 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
    return false;
  }
}

/**
 * Writes the engine's answer to a Node response without a web Response in between: a string
 * body in one write with its Content-Length, chunked bodies with backpressure (waiting for
 * `drain`), and a `reset` as a destroyed socket. A chunked body that fails half-way (the
 * truncate fault) reaches the client as a cut connection after what was sent so far.
 * `extraHeaders` are added to the engine's (e.g. `Connection: close`). A status or header Node
 * cannot send becomes a 500 problem.
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
    if (writeHead(res, response.status, { ...response.headers, ...extraHeaders })) res.end();
    return;
  }
  if (typeof body === 'string') {
    const head = {
      ...response.headers,
      ...extraHeaders,
      'Content-Length': Buffer.byteLength(body),
    };
    if (writeHead(res, response.status, head)) res.end(body);
    return;
  }
  if (!writeHead(res, response.status, { ...response.headers, ...extraHeaders })) return;
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
