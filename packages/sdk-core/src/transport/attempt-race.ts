import { onAbort } from '../abort-fanout.js';
import { type AgentSessionsError, abortError, ConnectionError, TimeoutError } from '../errors.js';
import { setLongTimeout, type Timers } from '../long-timer.js';
import type { OnlineStatus } from '../online.js';
import type { Where } from './call.js';

const noop = () => {};

// Known by identity, not by a code a server could also send: the retry loop tells a cut
// attempt even when the network is back by the time it looks (a flap), and sends it again
// spending no retry; such an error never reaches the caller.
const offlineCuts = new WeakSet<AgentSessionsError>();

/** Whether `error` ended an attempt because the network went offline during it. */
export const cutOffline = (error: AgentSessionsError): boolean => offlineCuts.has(error);

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
  let stop: (error: AgentSessionsError) => void = noop;
  const stopped = new Promise<never>((_, reject) => {
    stop = reject;
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
  const unsubscribeOnline = platform.online.subscribe((online) => {
    if (online) return;
    const cut = new ConnectionError({
      ...where,
      code: 'connection_error',
      retryable: true,
      message: `The network went offline: ${where.method} ${where.path}`,
    });
    offlineCuts.add(cut);
    stop(cut);
    controller.abort();
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
