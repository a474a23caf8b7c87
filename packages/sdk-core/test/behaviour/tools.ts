import type { FetchLike, OnlineStatus, Platform } from '../../src/index.js';

/** One request as it left the client. */
export interface SentRequest {
  method: string;
  url: string;
  idempotencyKey: string | null;
  authorization: string | null;
}

/**
 * Wraps a real `fetch`, recording each request and how many are still waiting for a
 * response. `before` runs first (to abort or stall a request at a chosen moment).
 */
export function trackingFetch(before?: (request: Request, count: number) => void) {
  const requests: SentRequest[] = [];
  let inFlight = 0;
  const fetch: FetchLike = async (input, init) => {
    const request = new Request(input, init);
    requests.push({
      method: request.method,
      url: request.url,
      idempotencyKey: request.headers.get('idempotency-key'),
      authorization: request.headers.get('authorization'),
    });
    before?.(request, requests.length);
    inFlight += 1;
    try {
      return await globalThis.fetch(request);
    } finally {
      inFlight -= 1;
    }
  };
  return {
    fetch,
    requests,
    get inFlight() {
      return inFlight;
    },
  };
}

/** A sleep that returns at once and records each delay asked for (retries never wait). */
export function recordingSleep() {
  const delays: number[] = [];
  const sleep: Platform['sleep'] = async (ms, signal) => {
    delays.push(ms);
    if (signal?.aborted) throw signal.reason;
  };
  return { sleep, delays };
}

/** Timers that only fire when the test says so; records each timer's duration. */
export function manualTimers() {
  const pending = new Map<number, () => void>();
  const durations: number[] = [];
  let next = 0;
  const timers: Pick<Platform, 'setTimeout' | 'clearTimeout'> = {
    setTimeout(callback, ms) {
      durations.push(ms);
      next += 1;
      pending.set(next, callback);
      return next;
    },
    clearTimeout(handle) {
      pending.delete(handle as number);
    },
  };
  return {
    timers,
    durations,
    /** Fires every pending timer now. */
    fireAll() {
      const due = [...pending.values()];
      pending.clear();
      for (const callback of due) callback();
    },
    get pending() {
      return pending.size;
    },
  };
}

/** A network that never answers: the returned promise only settles when the request aborts. */
export const stalledFetch: FetchLike = (input, init) => {
  const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
  return new Promise((_, reject) => {
    signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
};

/** Settles once every pending promise callback and I/O completion has had a chance to run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * An `online` platform piece the test switches by hand. `set` tells every listener, even when
 * nothing changed (as a flapping source would); `listening` counts the subscriptions not yet
 * ended, so a test sees a call leave none behind.
 */
export function switchableOnline(initially = true) {
  let online = initially;
  const listeners = new Set<(online: boolean) => void>();
  const piece: OnlineStatus = {
    isOnline: () => online,
    subscribe(listener) {
      // Its own entry per subscription: the same function subscribed twice counts twice.
      const entry = (now: boolean) => listener(now);
      listeners.add(entry);
      return () => {
        listeners.delete(entry);
      };
    },
  };
  return {
    online: piece,
    set(next: boolean) {
      online = next;
      for (const listener of [...listeners]) listener(next);
    },
    get listening() {
      return listeners.size;
    },
  };
}

/** Wraps an `online` piece, counting its subscriptions not yet ended (an unsubscribe twice counts once). */
export function countingOnline(piece: OnlineStatus) {
  let listening = 0;
  const counted: OnlineStatus = {
    isOnline: () => piece.isOnline(),
    subscribe(listener) {
      const unsubscribe = piece.subscribe(listener);
      listening += 1;
      let ended = false;
      return () => {
        if (!ended) listening -= 1;
        ended = true;
        unsubscribe();
      };
    },
  };
  return {
    online: counted,
    get listening() {
      return listening;
    },
  };
}
