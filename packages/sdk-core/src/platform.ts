import { onAbort } from './abort-fanout.js';
import { setLongTimeout } from './long-timer.js';
import { alwaysOnline, type OnlineStatus } from './online.js';

/** The `fetch` the SDK calls: the web standard signature. */
export type FetchLike = (input: Request | string | URL, init?: RequestInit) => Promise<Response>;

/**
 * The platform pieces the core needs, injected so the core stays web-standard and tests can
 * control them. Each SDK fills in what its platform has; every piece has a web default. Pass
 * any of them as `platform` in the client's options (e.g. `online` for React Native).
 */
export interface Platform {
  /** Sends a request. Default: `globalThis.fetch`. */
  fetch: FetchLike;
  /** Schedules `callback` after `ms`. Default: `globalThis.setTimeout`. Used for call timeouts. */
  setTimeout(callback: () => void, ms: number): unknown;
  /** Cancels a {@link Platform.setTimeout}. Default: `globalThis.clearTimeout`. */
  clearTimeout(handle: unknown): void;
  /**
   * Waits `ms` between retries; rejects (with anything) when `signal` aborts. Default: built
   * on `setTimeout`. Tests inject one that records the delay and returns at once.
   */
  sleep(ms: number, signal: AbortSignal | undefined): Promise<void>;
  /** Milliseconds since the epoch (for `Retry-After` dates). Default: `Date.now`. */
  now(): number;
  /** A number in [0, 1) for backoff jitter. Default: `Math.random`. */
  random(): number;
  /** A fresh `Idempotency-Key`. Default: `crypto.randomUUID()`. */
  randomUUID(): string;
  /** Reads a configuration variable (`AGENT_SESSIONS_API_KEY`). Default: none (browsers have no env). */
  env(name: string): string | undefined;
  /**
   * The URL a path-style `baseUrl` (`/api/agent-sessions`) is resolved against, asked when a
   * request is made (a page's `location.href`; `undefined` outside a page). Default: none, and
   * then a path-style `baseUrl` is refused when the client is made.
   */
  baseHref?: (() => string | undefined) | undefined;
  /**
   * Whether the network is up, and when it comes back: while offline, calls wait for it
   * instead of failing, spending neither retries nor timeouts (see {@link OnlineStatus}).
   * Default: always online; sdk-web's is the browser's (`navigator.onLine` and the window's
   * `online`/`offline` events).
   * @example new AgentSessions({ apiKey, platform: { online: { isOnline: () => netInfoConnected, subscribe: onNetInfoChange } } })
   */
  online: OnlineStatus;
}

/** The web-standard platform, with any piece overridden by `overrides`. */
export function resolvePlatform(overrides: Partial<Platform> = {}): Platform {
  const setTimer =
    overrides.setTimeout ?? ((cb: () => void, ms: number) => globalThis.setTimeout(cb, ms));
  const clearTimer =
    overrides.clearTimeout ??
    ((handle: unknown) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>));
  return {
    fetch: overrides.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    setTimeout: setTimer,
    clearTimeout: clearTimer,
    sleep:
      overrides.sleep ??
      ((ms, signal) =>
        new Promise<void>((resolve, reject) => {
          if (signal?.aborted) return reject(signal.reason);
          // Chained timers: a wait past 2^31-1 ms would otherwise end at once.
          const cancel = setLongTimeout(
            { setTimeout: setTimer, clearTimeout: clearTimer },
            () => {
              unsubscribe?.();
              resolve();
            },
            ms,
          );
          const unsubscribe =
            signal &&
            onAbort(signal, () => {
              cancel();
              reject(signal.reason);
            });
        })),
    now: overrides.now ?? (() => Date.now()),
    random: overrides.random ?? (() => Math.random()),
    randomUUID: overrides.randomUUID ?? (() => globalThis.crypto.randomUUID()),
    env: overrides.env ?? (() => undefined),
    baseHref: overrides.baseHref,
    online: overrides.online ?? alwaysOnline,
  };
}
