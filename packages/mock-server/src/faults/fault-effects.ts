import type { EngineResponse } from '../api/engine-request.js';
import { ProblemError } from '../api/problem.js';
import { problemReply, type Reply } from '../api/responses.js';
import type { Timers } from '../engine/clock.js';
import type { FaultRule } from './fault-set.js';

/**
 * What a fault that strikes before the operation does: a problem reply (`rate_limit`,
 * `server_error`), `'reset'` (drop the connection), or undefined when the operation runs.
 */
export function faultBeforeOperation(
  rule: FaultRule | undefined,
  requestId: string,
): Reply | 'reset' | undefined {
  if (!rule) return undefined;
  if (rule.kind === 'reset') return 'reset';
  if (rule.kind === 'rate_limit') {
    const headers = retryHeaders(rule, 0);
    return problemReply(
      requestId,
      new ProblemError(
        429,
        'rate_limited',
        `Too many requests; retry after ${headers['Retry-After']} seconds (fault).`,
        {},
        headers,
      ),
    );
  }
  if (rule.kind === 'server_error') {
    const status = rule.status ?? 500;
    const headers = retryHeaders(rule, status === 503 ? 0 : undefined);
    const code = status === 503 ? 'service_unavailable' : 'internal_error';
    return problemReply(
      requestId,
      new ProblemError(status, code, `The server failed (fault: ${status}).`, {}, headers),
    );
  }
  return undefined;
}

/**
 * The headers of a refusing fault: `X-Mock-Fault`, `Retry-After` (from `retryAfterS`, else
 * `retryAfterMs` rounded up, else `defaultS`), `Retry-After-Ms` and `X-Should-Retry` when set.
 */
function retryHeaders(rule: FaultRule, defaultS: number | undefined): Record<string, string> {
  const headers: Record<string, string> = { 'X-Mock-Fault': rule.kind };
  const seconds =
    rule.retryAfterS ??
    (rule.retryAfterMs === undefined ? defaultS : Math.ceil(rule.retryAfterMs / 1000));
  if (seconds !== undefined) headers['Retry-After'] = String(seconds);
  if (rule.retryAfterMs !== undefined) headers['Retry-After-Ms'] = String(rule.retryAfterMs);
  if (rule.shouldRetry !== undefined) headers['X-Should-Retry'] = String(rule.shouldRetry);
  return headers;
}

/**
 * What a fault that lets the operation run does to its rendered response: `malformed` keeps
 * the first half of the body (not JSON) with a 200; `truncate` announces the full
 * Content-Length, sends half, then cuts the connection; `dribble` sends the body in small
 * chunks with real pauses (ending when the client has `left`, hurrying once the server is
 * `closing`). Every faulted response names its fault in `X-Mock-Fault`.
 */
export function damage(
  response: EngineResponse,
  rule: FaultRule,
  timers: Timers,
  left: AbortSignal,
  closing: AbortSignal,
): EngineResponse {
  const headers = { ...response.headers, 'X-Mock-Fault': rule.kind };
  if (typeof response.body !== 'string') return { ...response, headers };
  const bytes = new TextEncoder().encode(response.body);
  const half = bytes.slice(0, Math.ceil(bytes.length / 2));
  switch (rule.kind) {
    case 'malformed':
      return { status: 200, headers, body: new TextDecoder().decode(half) };
    case 'truncate':
      return {
        status: response.status,
        headers: { ...headers, 'Content-Length': String(bytes.length) },
        body: cutAfter(half),
      };
    case 'dribble':
      return {
        status: response.status,
        headers: { ...headers, 'Content-Length': String(bytes.length) },
        body: dribble(bytes, rule.chunkBytes ?? 16, rule.pauseMs ?? 100, timers, left, closing),
      };
    default:
      return { ...response, headers };
  }
}

async function* cutAfter(half: Uint8Array): AsyncGenerator<Uint8Array> {
  yield half;
  throw new TypeError('terminated: the mock server cut the body (fault: truncate)');
}

/**
 * The body `chunkBytes` at a time, `pauseMs` of real time apart. A hand-written iterator, not a
 * generator: a generator asked to `return()` while it waits for its pause only stops after the
 * pause, so the timer outlived a client that left (up to a minute). Here the client leaving
 * (`left`) or `return()` stops at once; the server closing (`closing`) sends the rest without
 * pauses, so the answer still completes within the close grace. Either clears the timer.
 */
function dribble(
  bytes: Uint8Array,
  chunkBytes: number,
  pauseMs: number,
  timers: Timers,
  left: AbortSignal,
  closing: AbortSignal,
): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]() {
      let at = 0;
      let pending: { handle: unknown; wake: () => void } | undefined;
      const wake = () => {
        if (!pending) return;
        timers.clearTimeout(pending.handle);
        pending.wake();
        pending = undefined;
      };
      const unlisten = () => {
        left.removeEventListener('abort', wake);
        closing.removeEventListener('abort', wake);
      };
      left.addEventListener('abort', wake);
      closing.addEventListener('abort', wake);
      const finish = (): IteratorResult<Uint8Array> => {
        unlisten();
        wake();
        at = bytes.length;
        return { done: true, value: undefined };
      };
      return {
        async next() {
          if (at > 0 && at < bytes.length && !left.aborted && !closing.aborted) {
            await new Promise<void>((resolve) => {
              const handle = timers.setTimeout(() => {
                pending = undefined;
                resolve();
              }, pauseMs);
              pending = { handle, wake: resolve };
            });
          }
          if (left.aborted || at >= bytes.length) return finish();
          const chunk = bytes.slice(at, at + chunkBytes);
          at += chunkBytes;
          return { done: false, value: chunk };
        },
        async return() {
          return finish();
        },
      };
    },
  };
}
