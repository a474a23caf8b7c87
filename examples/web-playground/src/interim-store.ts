import type { SessionEvent, SessionHandle } from '@agent-sessions/sdk-core';

// Stand-in until sdk-web ships its store: the same subscribe/getSnapshot/stop shape.
export interface SessionSnapshot {
  events: readonly SessionEvent[];
  error: unknown;
}

export function createSessionStore(handle: SessionHandle) {
  const listeners = new Set<() => void>();
  const controller = new AbortController();
  let snapshot: SessionSnapshot = { events: [], error: undefined };
  const set = (next: SessionSnapshot) => {
    snapshot = next;
    for (const listener of listeners) listener();
  };
  (async () => {
    try {
      for await (const event of handle.watch({ signal: controller.signal }))
        set({ ...snapshot, events: [...snapshot.events, event] });
    } catch (error) {
      if (!controller.signal.aborted) set({ ...snapshot, error });
    }
  })();
  return {
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    stop: () => controller.abort(),
  };
}
