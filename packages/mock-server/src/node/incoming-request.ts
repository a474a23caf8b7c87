/**
 * A Node `IncomingMessage` as the engine's `EngineRequest`: its body read only when the engine
 * asks, within the limit, and a signal that aborts when the client goes away.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EngineRequest } from '../api/engine-request.js';
import { BodyTooLargeError } from '../errors.js';

/** An {@link EngineRequest} over a Node request, plus what the adapter needs to know after. */
export interface IncomingEngineRequest extends EngineRequest {
  /** True once the whole body was read; false while any of it may still be on the wire. */
  readonly bodyDone: boolean;
  /** The rest of the body cannot arrive (Node's parser refused it): reading it fails now. */
  abandonBody(): void;
}

/**
 * Wraps a Node `IncomingMessage` as the engine's request without copying anything up front:
 * headers are looked up when asked for, the body is only read when the engine asks for it
 * (after auth), counted as it streams and abandoned once it passes the limit, and the abort
 * signal (which aborts when the client leaves before its answer) is only made for the requests
 * that wait. With `expectsContinue` (an `Expect: 100-continue` request), `100 Continue` is sent
 * only when the body is asked for.
 *
 * @example
 * const request = incomingRequest(req, res);
 * const text = await request.text(1024 * 1024);
 */
export function incomingRequest(
  req: IncomingMessage,
  res: ServerResponse,
  expectsContinue = false,
): IncomingEngineRequest {
  let bodyDone = req.complete;
  let reading: Promise<string> | undefined;
  let aborter: AbortController | undefined;
  let abandoned = false;
  const abandon = new Set<() => void>();
  return {
    method: req.method ?? 'GET',
    url: req.url ?? '/',
    headers: {
      get(name) {
        const value = req.headers[name.toLowerCase()];
        if (value === undefined) return null;
        return Array.isArray(value) ? value.join(', ') : value;
      },
    },
    get signal() {
      if (!aborter) {
        const made = new AbortController();
        aborter = made;
        if (res.destroyed || req.socket.destroyed) made.abort();
        // Only a client that leaves early aborts (a parked poll stops waiting for it).
        else {
          res.once('close', () => {
            if (!res.writableFinished) made.abort();
          });
        }
      }
      return aborter.signal;
    },
    get bodyDone() {
      return bodyDone;
    },
    abandonBody() {
      // A body that arrived whole stays readable (the bad bytes came after it).
      if (req.complete) return;
      abandoned = true;
      for (const fail of abandon) fail();
    },
    text(limitBytes) {
      if (!reading) {
        const declared = Number(req.headers['content-length']);
        // `Expect: 100-continue`: the client sends its body only once asked, and it is asked
        // only now (auth passed) and only for a body within the limit.
        if (expectsContinue && !(declared > limitBytes)) res.writeContinue();
        reading = abandoned
          ? Promise.reject(new Error('The request body could not be parsed.'))
          : readBody(req, limitBytes, abandon, () => {
              bodyDone = true;
            });
      }
      return reading;
    },
  };
}

function readBody(
  req: IncomingMessage,
  limitBytes: number,
  abandon: Set<() => void>,
  onDone: () => void,
): Promise<string> {
  const declared = req.headers['content-length'];
  // A declared length past the limit is refused before a byte of it is read.
  if (declared !== undefined && Number(declared) > limitBytes) {
    return Promise.reject(new BodyTooLargeError(limitBytes));
  }
  if (req.readableEnded) {
    onDone();
    return Promise.resolve('');
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        cleanup();
        // Stop reading: the rest stays on the wire until the connection is closed.
        req.pause();
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      onDone();
      resolve(Buffer.concat(chunks, size).toString('utf8'));
    };
    const onGone = () => {
      cleanup();
      reject(new Error('The client closed the connection before its request body arrived.'));
    };
    const onAbandoned = () => {
      cleanup();
      reject(new Error('The request body could not be parsed.'));
    };
    abandon.add(onAbandoned);
    const cleanup = () => {
      abandon.delete(onAbandoned);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('close', onGone);
      req.off('error', onGone);
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('close', onGone);
    req.once('error', onGone);
  });
}
