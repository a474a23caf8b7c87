// One real listener per caller signal, however many calls share it: eleven concurrent calls
// on one signal would otherwise add eleven listeners and trip Node's MaxListeners warning.
const subscribers = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `callback` once when `signal` aborts; returns the unsubscribe function. Callbacks
 * run in subscription order.
 */
export function onAbort(signal: AbortSignal, callback: () => void): () => void {
  let set = subscribers.get(signal);
  if (set === undefined) {
    const callbacks = new Set<() => void>();
    set = callbacks;
    subscribers.set(signal, callbacks);
    signal.addEventListener(
      'abort',
      () => {
        subscribers.delete(signal);
        for (const run of callbacks) run();
      },
      { once: true },
    );
  }
  set.add(callback);
  const active = set;
  return () => {
    active.delete(callback);
  };
}
