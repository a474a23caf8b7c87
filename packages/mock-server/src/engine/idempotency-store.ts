/**
 * The idempotency store: a reply remembered per (caller, Idempotency-Key) with the request's
 * fingerprint, replayed for the same request, a conflict for another, bounded by TTL and count.
 */
import { sha256Hex } from './sha256.js';

// Canonical JSON with sorted keys: the same body in another key order is the same request.
// Bodies reach this only after the engine's depth check, so the recursion is bounded.
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const entries = keys.map(
      (key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`,
    );
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A request's identity for `Idempotency-Key`: the SHA-256 of its operation, path and parsed
 * body, 64 hex digits whatever the body's size (the store keeps it for up to a day: the whole
 * canonical body, up to `maxBodyBytes` per key, came to gigabytes at the default 10,000 keys).
 */
export function fingerprint(operation: string, path: string, body: unknown): string {
  return sha256Hex(`${operation} ${path} ${canonical(body)}`);
}

/** The outcome of {@link IdempotencyStore.run}. */
export type IdempotentOutcome<T> = { kind: 'ran' | 'replayed'; result: T } | { kind: 'conflict' };

/** How long, and how many, idempotency keys are kept. */
export interface IdempotencyLimits {
  /** Milliseconds of the server's clock a key is kept after its first use. */
  ttlMs: number;
  /** Keys kept at most; the oldest go first. */
  maxKeys: number;
}

interface Entry<T> {
  fingerprint: string;
  result: Promise<T>;
  at: number;
}

/**
 * Remembers what each idempotency key did: the first request with a key runs; a later one with
 * the same fingerprint gets the first result (waiting for it if it is still running); one with
 * another fingerprint is a conflict. Keys expire after `ttlMs` and the oldest are dropped past
 * `maxKeys`.
 */
export class IdempotencyStore<T> {
  // Insertion order is age order: eviction reads from the front.
  #entries = new Map<string, Entry<T>>();
  readonly #limits: IdempotencyLimits;
  readonly #now: () => number;

  constructor(limits: IdempotencyLimits, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Keys held right now. */
  get size(): number {
    return this.#entries.size;
  }

  /**
   * Runs `operation` under `key` (already scoped to its caller), or replays it.
   * `remember(result)` false forgets the key afterwards (a request refused before doing
   * anything may be corrected and retried).
   */
  async run(
    key: string,
    fingerprint: string,
    operation: () => Promise<T>,
    remember: (result: T) => boolean,
  ): Promise<IdempotentOutcome<T>> {
    this.#evict();
    const previous = this.#entries.get(key);
    if (previous) {
      if (previous.fingerprint !== fingerprint) return { kind: 'conflict' };
      return { kind: 'replayed', result: await previous.result };
    }
    const result = operation();
    const entry = { fingerprint, result, at: this.#now() };
    this.#entries.set(key, entry);
    this.#evict();
    const forget = () => {
      if (this.#entries.get(key) === entry) this.#entries.delete(key);
    };
    try {
      const value = await result;
      if (!remember(value)) forget();
      return { kind: 'ran', result: value };
    } catch (error) {
      forget();
      throw error;
    }
  }

  /** Forgets every key. */
  clear(): void {
    this.#entries.clear();
  }

  #evict(): void {
    const oldest = this.#now() - this.#limits.ttlMs;
    for (const [key, entry] of this.#entries) {
      if (entry.at > oldest && this.#entries.size <= this.#limits.maxKeys) break;
      this.#entries.delete(key);
    }
  }
}
