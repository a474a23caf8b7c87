/** The timer pair a long timeout is built on (the platform's `setTimeout`/`clearTimeout`). */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The longest delay `setTimeout` takes; a longer one fires at once (after about 1 ms). */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Schedules `callback` after `ms` however long that is, chaining timers of at most
 * {@link MAX_TIMER_MS}; returns the function that cancels it. `Infinity` never fires.
 */
export function setLongTimeout(timers: Timers, callback: () => void, ms: number): () => void {
  let handle: unknown;
  let cancelled = false;
  const schedule = (left: number) => {
    if (left === Number.POSITIVE_INFINITY) return;
    const step = Math.min(Math.max(0, left), MAX_TIMER_MS);
    handle = timers.setTimeout(() => {
      if (cancelled) return;
      if (left > MAX_TIMER_MS) schedule(left - MAX_TIMER_MS);
      else callback();
    }, step);
  };
  schedule(ms);
  return () => {
    cancelled = true;
    if (handle !== undefined) timers.clearTimeout(handle);
  };
}
