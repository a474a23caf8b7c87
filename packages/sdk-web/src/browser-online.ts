import type { OnlineStatus } from '@agent-sessions/sdk-core';

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

/**
 * The browser's network status, the platform piece sdk-web gives the core: offline while
 * `navigator.onLine` is false, with the `online`/`offline` events as its changes. Outside a
 * page (no such events) it is always online.
 */
export const browserOnline: OnlineStatus = {
  isOnline: () => !hasNetworkEvents() || globalThis.navigator.onLine !== false,
  subscribe(listener) {
    if (!hasNetworkEvents()) return () => {};
    // One pair of window listeners per subscriber: the browser keeps a listener that throws
    // from stopping the others.
    const onOnline = () => listener(true);
    const onOffline = () => listener(false);
    globalThis.addEventListener('online', onOnline);
    globalThis.addEventListener('offline', onOffline);
    return () => {
      globalThis.removeEventListener('online', onOnline);
      globalThis.removeEventListener('offline', onOffline);
    };
  },
};
