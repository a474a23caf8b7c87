/** A request's identity for `Idempotency-Key`: the operation, the path and the body's JSON. */
export function fingerprint(operation: string, path: string, body: string): string {
  let value: unknown = body;
  try {
    value = body ? JSON.parse(body) : null;
  } catch {
    // Not JSON: compared as text (the operation refuses it anyway).
  }
  // Sorted keys: the same body serialized in another key order is the same request.
  const canonical = JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
  return `${operation} ${path} ${canonical}`;
}

/** The outcome of {@link IdempotencyStore.run}. */
export type IdempotentOutcome<T> = { kind: 'ran' | 'replayed'; result: T } | { kind: 'conflict' };

/**
 * Remembers what each idempotency key did: the first request with a key runs; a later one with
 * the same fingerprint gets the first result (waiting for it if it is still running); one with
 * another fingerprint is a conflict.
 */
export class IdempotencyStore<T> {
  #entries = new Map<string, { fingerprint: string; result: Promise<T> }>();

  /**
   * Runs `operation` under `key`, or replays it. `remember(result)` false forgets the key
   * afterwards (a request refused before doing anything may be corrected and retried).
   */
  async run(
    key: string,
    fingerprint: string,
    operation: () => Promise<T>,
    remember: (result: T) => boolean,
  ): Promise<IdempotentOutcome<T>> {
    const previous = this.#entries.get(key);
    if (previous) {
      if (previous.fingerprint !== fingerprint) return { kind: 'conflict' };
      return { kind: 'replayed', result: await previous.result };
    }
    const result = operation();
    const entry = { fingerprint, result };
    this.#entries.set(key, entry);
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
}
