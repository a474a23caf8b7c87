/** How much the handler remembers about who owns which session. */
export interface OwnerCacheOptions {
  /**
   * Sessions remembered at most; the least recently used is forgotten first.
   * @default 10000
   */
  maxEntries?: number;
  /**
   * How long an owner read from the upstream is trusted, in ms, before it is read again.
   * @default 300000 (5 minutes)
   */
  ttlMs?: number;
}

interface Entry {
  owner: string;
  expiresAt: number;
}

/**
 * A bounded memory of owners the upstream reported (from a session's `metadata`), so a watch's
 * long-polls cost one upstream call each. It only ever holds what the upstream said: nothing a
 * page sends can put an entry in it, and a miss is answered by asking the upstream again.
 */
export class OwnerCache {
  readonly #entries = new Map<string, Entry>();
  readonly #maxEntries: number;
  readonly #ttlMs: number;
  readonly #now: () => number;

  constructor(options: OwnerCacheOptions = {}, now: () => number = Date.now) {
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#ttlMs = options.ttlMs ?? 300_000;
    this.#now = now;
  }

  /** The owner the upstream reported for `sessionId`, if known and fresh. */
  get(sessionId: string): string | undefined {
    const entry = this.#entries.get(sessionId);
    if (!entry) return undefined;
    this.#entries.delete(sessionId);
    if (entry.expiresAt <= this.#now()) return undefined;
    this.#entries.set(sessionId, entry); // most recently used last
    return entry.owner;
  }

  /** Records what the upstream reported. */
  set(sessionId: string, owner: string): void {
    if (this.#maxEntries <= 0 || this.#ttlMs <= 0) return;
    this.#entries.delete(sessionId);
    this.#entries.set(sessionId, { owner, expiresAt: this.#now() + this.#ttlMs });
    while (this.#entries.size > this.#maxEntries) {
      this.#entries.delete(this.#entries.keys().next().value!);
    }
  }

  /** Forgets a session (its upstream answer disagreed with the entry). */
  delete(sessionId: string): void {
    this.#entries.delete(sessionId);
  }

  /** How many sessions are remembered. */
  get size(): number {
    return this.#entries.size;
  }
}
