import { onAbort } from './abort-fanout.js';
import { abortError } from './errors.js';

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
 * Waits while `online` says offline, until it reports the network back (the caller has asked
 * `isOnline()` first: this is the slow path). An abort of `signal` rejects with the
 * `AbortError` for `where`. Leaves no listener behind.
 */
export async function whenOnline(
  online: OnlineStatus,
  signal: AbortSignal | undefined,
  where: { method: string; path: string },
): Promise<void> {
  let back: () => void = () => {};
  let abort: (reason: unknown) => void = () => {};
  const waiting = new Promise<void>((resolve, reject) => {
    back = resolve;
    abort = reject;
  });
  // Outside the wait: a piece that throws fails the call with its own error, not an abort. It
  // may call the listener from inside `subscribe` (NetInfo does, with the current state).
  const stop = online.subscribe((now) => now && back());
  const stopAbort = signal && onAbort(signal, () => abort(signal.reason));
  if (signal?.aborted) abort(signal.reason);
  try {
    await waiting;
  } catch (reason) {
    throw abortError(where, reason);
  } finally {
    stop();
    stopAbort?.();
  }
}
