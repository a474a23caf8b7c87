/**
 * The server's clock: virtual (moved by hand or by auto-advance, reproducible) or real (scaled
 * by a speed), the scheduling of fixture steps on it, and the real timers the engine uses.
 */
import { MockRangeError } from '../errors.js';
/** The instant a virtual clock starts at, so that every run is reproducible: 2026-01-01T00:00:00Z. */
export const VIRTUAL_EPOCH_MS = Date.UTC(2026, 0, 1);

/**
 * The host's real time: its timers and its two clock readings (monotonic and wall), passed in
 * so that fake timers installed later (e.g. `vi.useFakeTimers()`) can never freeze the server.
 * The Node adapter passes `node:timers`. (Not the SDK's `Timers`: this one also reads clocks.)
 */
export interface HostTime {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Monotonic milliseconds (e.g. `performance.now`). */
  monotonic(): number;
  /** Wall-clock milliseconds since the epoch (e.g. `Date.now`). */
  wall(): number;
}

// Captured when this module loads, before a test can install fake timers.
const capturedSetTimeout = globalThis.setTimeout.bind(globalThis);
const capturedClearTimeout = globalThis.clearTimeout.bind(globalThis);
const capturedDateNow = Date.now.bind(Date);
const capturedPerformanceNow = globalThis.performance.now.bind(globalThis.performance);

/** The timers of the global scope, as they were when this module loaded. */
export const capturedHostTime: HostTime = {
  setTimeout: (fn, ms) => capturedSetTimeout(fn, ms),
  clearTimeout: (handle) => capturedClearTimeout(handle as ReturnType<typeof setTimeout>),
  monotonic: () => capturedPerformanceNow(),
  wall: () => capturedDateNow(),
};

/** How the server's clock runs: `'virtual'` (tests move it) or real time with a speed factor. */
export type ClockOption = 'virtual' | { mode: 'virtual'; start?: number } | RealClockOption;

/** Real time, `speed` times faster than the wall clock (default 1). */
export interface RealClockOption {
  mode: 'real';
  /** How much faster than real time the fixtures play. Default 1. Example: `10`. */
  speed?: number;
}

/** The server's clock: its own notion of now, and timers on that clock. */
export interface Clock {
  readonly mode: 'virtual' | 'real';
  /** Milliseconds since the epoch, on the server's clock. */
  now(): number;
  /** Runs `fn` when the clock reaches `at`; returns a function that cancels it. */
  schedule(at: number, fn: () => void): () => void;
  /** Moves a virtual clock forward by `ms`, running every timer that falls due, in order. */
  advance(ms: number): number;
  /** The time of the next scheduled timer, if any. */
  nextDue(): number | undefined;
  /** Cancels every pending timer. */
  stop(): void;
}

interface VirtualTimer {
  at: number;
  seq: number;
  fn: () => void;
  /** Cancelled while still in the heap: skipped when it reaches the top. */
  cancelled: boolean;
  inHeap: boolean;
}

// Fires first: the earlier time, then the first scheduled.
const before = (a: VirtualTimer, b: VirtualTimer) =>
  a.at < b.at || (a.at === b.at && a.seq < b.seq);

/** The latest instant a clock may reach: 9999-12-31T23:59:59.999Z, the last one ISO 8601 dates
 * (and so the spec's `date-time` fields) can carry with four digits. */
export const LATEST_CLOCK_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Checks a clock step before anything moves: `ms` must be a finite number >= 0 that keeps the
 * clock at or before {@link LATEST_CLOCK_MS}. Throws a RangeError naming the value otherwise.
 */
export function checkAdvance(now: number, ms: number): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new MockRangeError(`clock.advance(ms): expected a finite number >= 0, got ${String(ms)}`);
  }
  if (now + ms > LATEST_CLOCK_MS) {
    throw new MockRangeError(
      `clock.advance(ms): ${ms} ms would move the clock past 9999-12-31 (at most ${LATEST_CLOCK_MS - now})`,
    );
  }
}

/** A clock that moves only when told to: {@link Clock.advance} or the server's auto-advance. */
export class VirtualClock implements Clock {
  readonly mode = 'virtual';
  #now: number;
  #seq = 0;
  // A binary min-heap (time, then insertion): a thousand sessions and parked polls schedule and
  // cancel in O(log n) each, not O(n). Cancelled timers are dropped lazily.
  #heap: VirtualTimer[] = [];
  #cancelled = 0;

  constructor(start = VIRTUAL_EPOCH_MS) {
    this.#now = start;
  }

  now(): number {
    return this.#now;
  }

  schedule(at: number, fn: () => void): () => void {
    const timer: VirtualTimer = {
      at: Math.max(at, this.#now),
      seq: this.#seq++,
      fn,
      cancelled: false,
      inHeap: true,
    };
    this.#push(timer);
    return () => {
      if (timer.cancelled || !timer.inHeap) return;
      timer.cancelled = true;
      this.#cancelled += 1;
      // Mostly cancelled (parked polls woken long before their bound): rebuild without them.
      if (this.#cancelled > 64 && this.#cancelled * 2 > this.#heap.length) this.#compact();
    };
  }

  advance(ms: number): number {
    checkAdvance(this.#now, ms);
    const target = this.#now + ms;
    for (let next = this.#peek(); next && next.at <= target; next = this.#peek()) {
      this.#pop();
      this.#now = next.at;
      next.fn();
    }
    this.#now = target;
    return this.#now;
  }

  nextDue(): number | undefined {
    return this.#peek()?.at;
  }

  stop(): void {
    for (const timer of this.#heap) timer.inHeap = false;
    this.#heap = [];
    this.#cancelled = 0;
  }

  #peek(): VirtualTimer | undefined {
    while (this.#heap[0]?.cancelled) {
      this.#pop();
      this.#cancelled -= 1;
    }
    return this.#heap[0];
  }

  #push(timer: VirtualTimer): void {
    const heap = this.#heap;
    let i = heap.push(timer) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(timer, heap[parent]!)) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = timer;
  }

  #pop(): void {
    const heap = this.#heap;
    heap[0]!.inHeap = false;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right]!, heap[left]!) ? right : left;
      if (!before(heap[child]!, last)) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }

  #compact(): void {
    const live = this.#heap.filter((timer) => {
      if (timer.cancelled) timer.inHeap = false;
      return !timer.cancelled;
    });
    this.#heap = [];
    this.#cancelled = 0;
    for (const timer of live) this.#push(timer);
  }
}

/** Real time from now on, `speed` times faster; it starts at the wall-clock time it was made. */
export class RealClock implements Clock {
  readonly mode = 'real';
  readonly #speed: number;
  readonly #timers: HostTime;
  readonly #startWall: number;
  readonly #startMono: number;
  #offset = 0;
  readonly #pending = new Map<unknown, { at: number; fn: () => void }>();

  constructor(speed = 1, timers: HostTime = capturedHostTime) {
    if (!(speed > 0) || !Number.isFinite(speed)) {
      throw new MockRangeError(`clock speed: expected a finite number > 0, got ${speed}`);
    }
    this.#speed = speed;
    this.#timers = timers;
    this.#startWall = timers.wall();
    this.#startMono = timers.monotonic();
  }

  now(): number {
    return (
      Math.round(this.#startWall + (this.#timers.monotonic() - this.#startMono) * this.#speed) +
      this.#offset
    );
  }

  schedule(at: number, fn: () => void): () => void {
    const delay = Math.max(0, (at - this.now()) / this.#speed);
    const handle: unknown = this.#timers.setTimeout(() => {
      this.#pending.delete(handle);
      fn();
    }, delay);
    this.#pending.set(handle, { at, fn });
    return () => {
      if (this.#pending.delete(handle)) this.#timers.clearTimeout(handle);
    };
  }

  /** Jumps a real clock forward: timers now due run at once, the rest are rescheduled. */
  advance(ms: number): number {
    checkAdvance(this.now(), ms);
    this.#offset += ms;
    const pending = [...this.#pending.entries()].sort((a, b) => a[1].at - b[1].at);
    for (const [handle, timer] of pending) {
      this.#timers.clearTimeout(handle);
      this.#pending.delete(handle);
      this.schedule(timer.at, timer.fn);
    }
    return this.now();
  }

  nextDue(): number | undefined {
    let min: number | undefined;
    for (const { at } of this.#pending.values()) if (min === undefined || at < min) min = at;
    return min;
  }

  stop(): void {
    for (const handle of this.#pending.keys()) this.#timers.clearTimeout(handle);
    this.#pending.clear();
  }
}

/** Makes the clock a {@link ClockOption} asks for. */
export function createClock(option: ClockOption = 'virtual', timers = capturedHostTime): Clock {
  if (option === 'virtual') return new VirtualClock();
  if (option.mode === 'virtual') return new VirtualClock(option.start);
  return new RealClock(option.speed ?? 1, timers);
}
