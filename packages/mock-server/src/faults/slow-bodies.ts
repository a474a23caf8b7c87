/**
 * The bodies of the faults that damage a response on the wire: one cut half-way (`truncate`)
 * and one sent in small chunks with real pauses (`dribble`).
 */
import type { HostTime } from '../engine/clock.js';

/** Half a body, then an error: the adapter cuts the connection there. */
export async function* cutAfter(half: Uint8Array): AsyncGenerator<Uint8Array> {
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
export function dribble(
  bytes: Uint8Array,
  chunkBytes: number,
  pauseMs: number,
  timers: HostTime,
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
