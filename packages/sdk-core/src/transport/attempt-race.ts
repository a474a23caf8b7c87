import { onAbort } from '../abort-fanout.js';
import { type AgentSessionsError, abortError, TimeoutError } from '../errors.js';
import { setLongTimeout, type Timers } from '../long-timer.js';
import type { Where } from './call.js';

const noop = () => {};

/**
 * Runs one attempt raced against its timeout and the caller's signal, so neither waits on a
 * `fetch` that ignores its signal or a key provider that never answers. `run` gets the
 * attempt's own signal, aborted when the race is lost.
 */
export async function raceAttempt<T>(
  timers: Timers,
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
    timers,
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
  }
}
