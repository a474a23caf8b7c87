import { onAbort } from '../abort-fanout.js';
import { type AgentSessionsError, abortError, TimeoutError } from '../errors.js';
import { setLongTimeout, type Timers } from '../long-timer.js';
import type { OnlineStatus } from '../online.js';
import type { Where } from './call.js';

const noop = () => {};

/**
 * What an attempt rejects with when the network goes offline during it: the retry loop's
 * own (a symbol no server or `fetch` can produce), sent again once the network is back,
 * spending no retry; it never reaches a caller.
 */
export const WENT_OFFLINE: unique symbol = Symbol('offline');

/**
 * Runs one attempt raced against its timeout, the caller's signal and the network going
 * offline, so none waits on a `fetch` that ignores its signal, a key provider that never
 * answers, or a socket the network has left (a parked long-poll would hang until its
 * timeout). `run` gets the attempt's own signal, aborted when the race is lost.
 */
export async function raceAttempt<T>(
  platform: Timers & { online: OnlineStatus },
  where: Where,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  let stop: (error: AgentSessionsError | typeof WENT_OFFLINE) => void = noop;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
  });
  // First, so that a piece that throws leaves no timer or listener behind.
  const unsubscribeOnline = platform.online.subscribe((online) => {
    if (online) return;
    stop(WENT_OFFLINE);
    controller.abort();
  });
  const cancelTimer = setLongTimeout(
    platform,
    () => {
      stop(
        new TimeoutError({
          ...where,
          code: 'timeout',
          retryable: true,
          message: `Request timed out after ${timeoutMs} ms: ${where.method} ${where.path}`,
        }),
      );
      controller.abort();
    },
    timeoutMs,
  );
  const unsubscribe =
    signal &&
    onAbort(signal, () => {
      stop(abortError(where, signal.reason));
      controller.abort(signal.reason);
    });
  const work = run(controller.signal);
  // If the race is lost, the attempt's own rejection has no one left to hear it.
  work.catch(noop);
  try {
    return await Promise.race([work, stopped]);
  } finally {
    cancelTimer();
    unsubscribe?.();
    unsubscribeOnline();
  }
}
