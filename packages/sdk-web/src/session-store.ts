import {
  isEventType,
  type SessionEvent,
  type SessionHandle,
  type SessionState,
  type Usage,
} from '@agent-sessions/sdk-core';

/**
 * What a page shows of a session at one moment. Immutable: the store makes a new snapshot
 * object only when something changed, so `snapshot !== previous` means "render again"
 * (what React's `useSyncExternalStore` expects). Fields mirror the API's `Session` where they
 * are the same thing, and are derived from the events seen so far.
 */
export interface SessionSnapshot {
  /** The session's id. */
  readonly id: string;
  /** The latest state (`running`, `paused`, `idle`, `completed`...); `undefined` before the first event arrives. */
  readonly state: SessionState | undefined;
  /** The current turn (1 until a message to an `idle` session starts the next); `0` before the first event. */
  readonly turn: number;
  /** Steps finished so far, over all turns and agents (subagents included). */
  readonly step_count: number;
  /** Tokens used so far: the sums of every `step_finished` event's usage. */
  readonly usage: Usage;
  /** Every event so far, in order, each once. */
  readonly events: readonly SessionEvent[];
  /** The latest final answer, or `null` before the first one lands. */
  readonly answer: string | null;
  /** Why watching stopped early: the SDK's typed error (e.g. `NotFoundError`); `undefined` otherwise. */
  readonly error: Error | undefined;
  /** True once nothing more will come: the session ended, watching failed (`error`), or `stop()` was called. */
  readonly done: boolean;
}

/** Options of {@link createSessionStore}. */
export interface SessionStoreOptions {
  /** The long-poll bound of each call while watching, in s (0-60). Default: `30`. */
  wait_s?: number | undefined;
  /** Stops the store for good when it aborts (like {@link SessionStore.stop}). Default: none. */
  signal?: AbortSignal | undefined;
}

/**
 * A live session bound to UI state, framework-free. It watches the session while at least one
 * listener is subscribed (from the first `subscribe`; when the last listener leaves, its
 * request is cancelled at once, and the next `subscribe` picks up from where it stopped, so no
 * event is lost or repeated).
 */
export interface SessionStore {
  /** The handle of the session, for steering: `store.session.pause()`, `.send(text)`, `.cancel()`. */
  readonly session: SessionHandle;
  /** The current snapshot; the same object until something changes. */
  getSnapshot(): SessionSnapshot;
  /** Calls `listener` after each change; returns the function that unsubscribes it. */
  subscribe(listener: () => void): () => void;
  /** Stops watching for good: cancels the request in flight at once; the snapshot becomes `done`. */
  stop(): void;
}

const NO_USAGE: Usage = Object.freeze({ input_tokens: 0, output_tokens: 0, total_tokens: 0 });

/** The snapshot after `event`: a pure fold over the event log. */
function apply(snapshot: SessionSnapshot, event: SessionEvent): SessionSnapshot {
  let { state, step_count, usage, answer } = snapshot;
  if (isEventType(event, 'state_changed')) state = event.data.to;
  if (isEventType(event, 'answer')) answer = event.data.content;
  if (isEventType(event, 'step_finished')) {
    step_count += 1;
    usage = {
      input_tokens: usage.input_tokens + event.data.usage.input_tokens,
      output_tokens: usage.output_tokens + event.data.usage.output_tokens,
      total_tokens: usage.total_tokens + event.data.usage.total_tokens,
    };
  }
  return {
    ...snapshot,
    state,
    turn: Math.max(snapshot.turn, event.turn),
    step_count,
    usage,
    answer,
    events: [...snapshot.events, event],
  };
}

/**
 * Binds a session to UI state: subscribe to render, read `getSnapshot()`, steer through
 * `store.session`. The store runs the watch loop itself (resuming after dropped connections
 * and offline spells like `watch` does).
 *
 * @example
 * const store = createSessionStore(client.sessions.get(id));
 * const unsubscribe = store.subscribe(() => {
 *   const { state, step_count, answer } = store.getSnapshot();
 *   statusBar.textContent = `${state} · ${step_count} steps${answer ? ` · ${answer}` : ''}`;
 * });
 * // React: const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
 */
export function createSessionStore(
  session: SessionHandle,
  options: SessionStoreOptions = {},
): SessionStore {
  const listeners = new Set<() => void>();
  let snapshot: SessionSnapshot = Object.freeze({
    id: session.id,
    state: undefined,
    turn: 0,
    step_count: 0,
    usage: NO_USAGE,
    events: Object.freeze([]),
    answer: null,
    error: undefined,
    done: false,
  });
  let watching: AbortController | undefined;

  const update = (next: Partial<SessionSnapshot> | ((s: SessionSnapshot) => SessionSnapshot)) => {
    const changed = typeof next === 'function' ? next(snapshot) : { ...snapshot, ...next };
    Object.freeze(changed.events);
    snapshot = Object.freeze(changed);
    for (const listener of [...listeners]) listener();
  };

  const halt = () => {
    watching?.abort();
    watching = undefined;
  };

  const stop = () => {
    halt();
    if (!snapshot.done) update({ done: true });
  };

  const watch = async (controller: AbortController) => {
    try {
      const from = (snapshot.events.at(-1)?.index ?? -1) + 1;
      const events = session.watch({ from, wait_s: options.wait_s, signal: controller.signal });
      for await (const event of events) {
        // After a halt the generator may still hold events of the page it read; a new watch
        // asks for them again, so this one must not apply them.
        if (controller.signal.aborted) return;
        update((s) => apply(s, event));
      }
      update({ done: true });
    } catch (error) {
      // Our own abort (stop, or the last listener left) is not an error to show.
      if (!controller.signal.aborted) {
        update({ error: error instanceof Error ? error : new Error(String(error)), done: true });
      }
    } finally {
      if (watching === controller) watching = undefined;
    }
  };

  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });

  return {
    session,
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      if (!watching && !snapshot.done) {
        watching = new AbortController();
        void watch(watching);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) halt();
      };
    },
    stop,
  };
}
