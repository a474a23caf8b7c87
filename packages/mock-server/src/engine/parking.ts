/**
 * Parked requests: long-polls waiting for an event and responses held by a `delay` fault,
 * woken in bounded batches, with the counts auto-advance reads.
 */
import type { Clock } from './clock.js';

// How many parked requests resume per turn of the event loop. Small enough that the first
// replies are written before the rest are even built; large enough that a thousand take a
// handful of turns.
const WAKE_BATCH = 32;

/**
 * Requests waiting on the server's clock: long-polls parked until their session has news, and
 * responses held by a `delay` fault. Waking many at once resumes them in small batches, one
 * batch per `defer` turn, so the first replies leave at once instead of after every
 * continuation has run in one microtask burst.
 */
export class Parking {
  readonly #clock: Clock;
  readonly #defer: (fn: () => void) => void;
  readonly #onChange: () => void;
  readonly #bySession = new Map<string, Set<() => void>>();
  readonly #all = new Set<() => void>();
  #queue: (() => void)[] = [];
  #head = 0;
  #draining = false;
  #closed = false;

  /** `onChange` runs whenever a wait starts (the engine's auto-advance looks then). */
  constructor(clock: Clock, defer: (fn: () => void) => void, onChange: () => void) {
    this.#clock = clock;
    this.#defer = defer;
    this.#onChange = onChange;
  }

  /** Requests waiting right now (parked polls and held responses). */
  get waiting(): number {
    return this.#all.size;
  }

  /** True while a long-poll is parked on `sessionId`. */
  has(sessionId: string): boolean {
    return this.#bySession.has(sessionId);
  }

  /** Long-polls parked right now. */
  get parked(): number {
    let count = 0;
    for (const set of this.#bySession.values()) count += set.size;
    return count;
  }

  /** Parks until `ready()` after a wake of `sessionId`, `waitMs` on the clock, abort or {@link wakeAll}. */
  park(
    sessionId: string,
    waitMs: number,
    ready: () => boolean,
    signal: AbortSignal,
  ): Promise<void> {
    return this.#wait(waitMs, signal, (finish) => {
      let set = this.#bySession.get(sessionId);
      if (!set) {
        set = new Set();
        this.#bySession.set(sessionId, set);
      }
      const onWake = () => {
        if (ready()) finish();
      };
      set.add(onWake);
      return () => {
        set.delete(onWake);
        if (set.size === 0 && this.#bySession.get(sessionId) === set) {
          this.#bySession.delete(sessionId);
        }
      };
    });
  }

  /** Waits `ms` on the server's clock (ends early on abort or {@link wakeAll}). */
  sleep(ms: number, signal: AbortSignal): Promise<void> {
    return this.#wait(ms, signal, () => () => {});
  }

  /** Something happened to `sessionId`: its parked polls that are ready resume. */
  wake(sessionId: string): void {
    const set = this.#bySession.get(sessionId);
    if (set) for (const onWake of [...set]) onWake();
  }

  /** Ends every wait (reset, close). */
  wakeAll(): void {
    for (const finish of [...this.#all]) finish();
  }

  /** Ends every wait, and every later one at once: the clock will not move again. */
  close(): void {
    this.#closed = true;
    this.wakeAll();
  }

  #wait(ms: number, signal: AbortSignal, subscribe: (finish: () => void) => () => void) {
    return new Promise<void>((resolve) => {
      if (signal.aborted || this.#closed) return resolve();
      let done = false;
      // The bookkeeping is immediate (the wait no longer counts); only resuming is batched.
      const finish = () => {
        if (done) return;
        done = true;
        this.#all.delete(finish);
        cancelTimer();
        unsubscribe();
        // Removing an abort listener costs more than the rest of a wake together (Node's
        // EventTarget): it happens when this wait resumes, not inside the append that woke it.
        this.#release(() => {
          signal.removeEventListener('abort', finish);
          resolve();
        });
      };
      const cancelTimer = this.#clock.schedule(this.#clock.now() + ms, finish);
      const unsubscribe = subscribe(finish);
      this.#all.add(finish);
      signal.addEventListener('abort', finish);
      this.#onChange();
    });
  }

  #release(resolve: () => void): void {
    this.#queue.push(resolve);
    if (this.#draining) return;
    this.#draining = true;
    queueMicrotask(() => this.#drain());
  }

  #drain(): void {
    const end = Math.min(this.#queue.length, this.#head + WAKE_BATCH);
    while (this.#head < end) this.#queue[this.#head++]!();
    if (this.#head < this.#queue.length) {
      this.#defer(() => this.#drain());
      return;
    }
    this.#queue = [];
    this.#head = 0;
    this.#draining = false;
  }
}
