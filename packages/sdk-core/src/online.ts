import { onAbort } from './abort-fanout.js';

/**
 * Whether requests can reach the network, and news of when that changes: the platform piece
 * the retry loop and `watch` ask (TanStack Query's `onlineManager` is the model). While it
 * says offline, a call sends nothing and spends neither retries nor its timeout: it waits for
 * the network, then goes out once. A request in flight when it turns offline is dropped and
 * sent again (with the same idempotency key) once the network is back.
 *
 * Default: always online (Node, Deno, Bun). `@agent-sessions/sdk-web` supplies the browser's
 * (`navigator.onLine` and the window's `online`/`offline` events). Pass your own as
 * `platform.online`, e.g. React Native's NetInfo.
 *
 * @example
 * import NetInfo from '@react-native-community/netinfo';
 * let online = true;
 * NetInfo.addEventListener((state) => { online = state.isConnected !== false; });
 * const client = new AgentSessions({
 *   apiKey: getToken,
 *   platform: {
 *     online: {
 *       isOnline: () => online,
 *       subscribe: (listener) =>
 *         NetInfo.addEventListener((state) => listener(state.isConnected !== false)),
 *     },
 *   },
 * });
 */
export interface OnlineStatus {
  /** True while requests can go out. Asked before each attempt; keep it cheap. */
  isOnline(): boolean;
  /**
   * Calls `listener` with the new value whenever the network comes (`true`) or goes (`false`);
   * returns the function that unsubscribes it. Repeats and flaps are fine: the SDK reads
   * only the changes it waits for.
   */
  subscribe(listener: (online: boolean) => void): () => void;
}

/** The default where the runtime announces no network changes: always online. */
export const alwaysOnline: OnlineStatus = {
  isOnline: () => true,
  subscribe: () => () => {},
};

/**
 * Resolves at once when `online` says so, else when it next reports the network back;
 * rejects with the abort reason when `signal` aborts first. Leaves no listener behind.
 */
export function untilOnline(online: OnlineStatus, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    let settled = false;
    let unsubscribe: (() => void) | undefined;
    let stopAbort: (() => void) | undefined;
    const settle = (done: () => void) => {
      if (settled) return;
      settled = true;
      unsubscribe?.();
      stopAbort?.();
      done();
    };
    // Subscribed before asking, so a change in between is not missed; a piece may also call
    // the listener from inside `subscribe` (NetInfo does, with the current state).
    const subscription = online.subscribe((now) => {
      if (now) settle(resolve);
    });
    if (settled) return subscription();
    unsubscribe = subscription;
    if (signal) stopAbort = onAbort(signal, () => settle(() => reject(signal.reason)));
    if (online.isOnline()) settle(resolve);
  });
}
