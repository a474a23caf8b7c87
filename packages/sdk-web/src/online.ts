import type { FetchLike, Platform } from '@agent-sessions/sdk-core';

/**
 * Whether this runtime announces the network coming and going (`online`/`offline` events on the
 * global object): a page does; Node, Deno, Bun and some workers have no such events (or no
 * `addEventListener` at all), so there the network counts as always online.
 */
function hasNetworkEvents(): boolean {
  return (
    typeof globalThis.addEventListener === 'function' && 'onLine' in (globalThis.navigator ?? {})
  );
}

/** True unless the runtime says it has no network (`navigator.onLine === false` in a page). */
function isOnline(): boolean {
  return !hasNetworkEvents() || globalThis.navigator.onLine !== false;
}

/** Resolves on the next `online` event; rejects with the abort reason when `signal` aborts. */
function nextOnline(signal: AbortSignal | null | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const settle = () => {
      globalThis.removeEventListener('online', onOnline);
      signal?.removeEventListener('abort', onAbort);
    };
    const onOnline = () => {
      settle();
      resolve();
    };
    const onAbort = () => {
      settle();
      reject(signal?.reason);
    };
    globalThis.addEventListener('online', onOnline);
    signal?.addEventListener('abort', onAbort);
  });
}

/**
 * Wraps `fetch` for a page whose network comes and goes:
 * - while the browser is offline, a request waits for the `online` event before it is sent
 *   (the core's retry after a dropped connection then goes out the moment the network is back,
 *   instead of failing again and spending the retry budget);
 * - when the network drops (`offline`), requests in flight are aborted at once: a parked
 *   long-poll would otherwise hang on a dead socket until its timeout. The core sees a
 *   connection error and retries from its cursor, so no event is lost.
 * The request's own signal (the caller's abort, the call's timeout) still stops either wait.
 */
export function onlineFetch(fetch: FetchLike): FetchLike {
  return async (input, init) => {
    if (!hasNetworkEvents()) return fetch(input, init);
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (!isOnline()) await nextOnline(signal);
    const dropped = new AbortController();
    const onOffline = () => dropped.abort(new TypeError('The network went offline'));
    globalThis.addEventListener('offline', onOffline);
    try {
      return await fetch(input, {
        ...init,
        signal: signal ? AbortSignal.any([signal, dropped.signal]) : dropped.signal,
      });
    } finally {
      globalThis.removeEventListener('offline', onOffline);
    }
  };
}

type Timers = Pick<Platform, 'setTimeout' | 'clearTimeout'>;

interface OnlineTimer {
  handle: unknown;
  stopWaiting: (() => void) | undefined;
}

/**
 * Wraps the timers the core uses for call timeouts and retry waits, so that time spent offline
 * does not count: a timer that comes due while the browser is offline starts over when the
 * `online` event fires. A request held back by {@link onlineFetch} therefore does not time out
 * (and spend the retry budget) however long the outage lasts; the caller's `signal` still
 * bounds it.
 */
export function onlineTimers({ setTimeout: set, clearTimeout: clear }: Timers): Timers {
  return {
    setTimeout(callback, ms) {
      const timer: OnlineTimer = { handle: undefined, stopWaiting: undefined };
      const arm = () => {
        timer.handle = set(due, ms);
      };
      const due = () => {
        if (isOnline()) return callback();
        const restart = () => {
          timer.stopWaiting = undefined;
          arm();
        };
        globalThis.addEventListener('online', restart, { once: true });
        timer.stopWaiting = () => globalThis.removeEventListener('online', restart);
      };
      arm();
      return timer;
    },
    clearTimeout(timer) {
      const { handle, stopWaiting } = timer as OnlineTimer;
      clear(handle);
      stopWaiting?.();
    },
  };
}
