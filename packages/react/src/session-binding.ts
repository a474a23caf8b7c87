import type { SessionSnapshot, SessionStore } from '@agent-sessions/sdk-web';

/** What a binding tells the component about, besides re-rendering. */
export interface SessionCallbacks {
  /** Watching stopped with an error (the snapshot's `error`); called once per error. */
  onError?: ((error: Error) => void) | undefined;
  /** In status-only mode: a new answer was read from `status()` (events mode reports it per event). */
  onStatusAnswer?: ((answer: string) => void) | undefined;
}

/**
 * A store as `useSyncExternalStore` reads it: `subscribe`, `getSnapshot` and
 * `getServerSnapshot`, with renders throttled to one per `throttleMs()`.
 */
export interface SessionBinding {
  /** The store underneath (its `session` is the handle to steer with). */
  readonly store: SessionStore;
  /** Subscribes a listener; the first one starts watching, the last one to leave stops it. */
  subscribe(listener: () => void): () => void;
  /** The snapshot last published to listeners (at most one new one per `throttleMs()`). */
  getSnapshot(): SessionSnapshot;
  /** The snapshot the store started with: what a server render shows, with no request made. */
  getServerSnapshot(): SessionSnapshot;
}

/**
 * Binds `store` for React. `throttleMs()` and `callbacks()` are read on each change, so the
 * component's latest ones apply. With a throttle above 0, listeners are told at most once per
 * `throttleMs()` ms (first change at once, the latest one at the end of the window); the
 * snapshot that ends the session (`done`) is published at once.
 */
export function bindSession(
  store: SessionStore,
  throttleMs: () => number,
  callbacks: () => SessionCallbacks,
): SessionBinding {
  const listeners = new Set<() => void>();
  const serverSnapshot = store.getServerSnapshot();
  let published = store.getSnapshot();
  let publishedAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribeStore: (() => void) | undefined;
  // Per binding, not per subscription: StrictMode's unsubscribe + subscribe must not report twice.
  let reportedError = published.error;
  let reportedAnswer = published.answer;

  const publish = () => {
    timer = undefined;
    published = store.getSnapshot();
    publishedAt = performance.now();
    for (const listener of [...listeners]) listener();
  };

  const report = (snapshot: SessionSnapshot) => {
    const { onError, onStatusAnswer } = callbacks();
    if (snapshot.answer !== null && snapshot.answer !== reportedAnswer) {
      reportedAnswer = snapshot.answer;
      onStatusAnswer?.(snapshot.answer);
    }
    if (snapshot.error && snapshot.error !== reportedError) {
      reportedError = snapshot.error;
      onError?.(snapshot.error);
    }
  };

  const onStoreChange = () => {
    const snapshot = store.getSnapshot();
    report(snapshot);
    if (timer !== undefined && !snapshot.done) return;
    clearTimeout(timer);
    const throttle = throttleMs();
    const wait = publishedAt + throttle - performance.now();
    if (throttle <= 0 || snapshot.done || wait <= 0) publish();
    else timer = setTimeout(publish, wait);
  };

  return {
    store,
    subscribe(listener) {
      listeners.add(listener);
      if (!unsubscribeStore) {
        // What changed while nobody listened (none, or a resumed store's progress) shows now.
        published = store.getSnapshot();
        unsubscribeStore = store.subscribe(onStoreChange);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0 || !unsubscribeStore) return;
        clearTimeout(timer);
        timer = undefined;
        unsubscribeStore();
        unsubscribeStore = undefined;
      };
    },
    getSnapshot: () => published,
    getServerSnapshot: () => serverSnapshot,
  };
}
