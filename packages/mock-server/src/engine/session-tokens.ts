/**
 * Session tokens the mock minted: what each grants (session, scopes, expiry), bounded in
 * number, expired ones kept a while to answer `token_expired`.
 */
import type { KnownTokenScope, SessionToken } from '@agent-sessions/protocol';

/** What the mock knows about a session token it minted. */
export interface TokenGrant {
  /** The one session the token is for. */
  readonly sessionId: string;
  readonly scopes: readonly KnownTokenScope[];
  /** Ms since the epoch on the server's clock; the token works strictly before it. */
  readonly expiresAt: number;
}

/** How many tokens are kept, and for how long after they expire. */
export interface TokenStoreLimits {
  /** Tokens kept at most; the oldest are forgotten first (they then answer `unauthorized`). */
  maxTokens: number;
  /**
   * Ms of the server's clock an expired token is still recognised, so it answers
   * `token_expired` (a client refreshes) rather than `unauthorized`.
   */
  expiredKeptMs: number;
}

const TOKEN_PREFIX = 'sst_';

// 24 random bytes, base64url: unguessable, so a token cannot be forged from another's shape.
function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return TOKEN_PREFIX + btoa(text).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/**
 * The session tokens the mock minted, with their session, scopes and expiry on the mock's
 * clock (so advancing a virtual clock expires one). Bounded: past `maxTokens` the oldest go.
 */
export class SessionTokenStore {
  // Insertion order is mint order: eviction reads from the front.
  readonly #grants = new Map<string, TokenGrant>();
  readonly #limits: TokenStoreLimits;
  readonly #now: () => number;

  constructor(limits: TokenStoreLimits, now: () => number) {
    this.#limits = limits;
    this.#now = now;
  }

  /** Tokens held right now (live and recently expired). */
  get size(): number {
    return this.#grants.size;
  }

  /** Mints a token for `sessionId`, valid for `expiresInS` seconds from now. */
  mint(sessionId: string, scopes: readonly KnownTokenScope[], expiresInS: number): SessionToken {
    this.#evict();
    const token = randomToken();
    const expiresAt = this.#now() + expiresInS * 1000;
    this.#grants.set(token, { sessionId, scopes: [...scopes], expiresAt });
    return {
      token,
      session_id: sessionId,
      scopes: [...scopes],
      expires_at: new Date(expiresAt).toISOString(),
    };
  }

  /** The grant of `token`, or undefined for a token this mock never minted (or forgot). */
  find(token: string): TokenGrant | undefined {
    if (!token.startsWith(TOKEN_PREFIX)) return undefined;
    return this.#grants.get(token);
  }

  /** True once `grant` has expired on the server's clock. */
  expired(grant: TokenGrant): boolean {
    return this.#now() >= grant.expiresAt;
  }

  clear(): void {
    this.#grants.clear();
  }

  #evict(): void {
    const forgetBefore = this.#now() - this.#limits.expiredKeptMs;
    // Stops at the first token it keeps: one expiring late may shelter older expired ones
    // for a while, which costs nothing as the count is bounded anyway.
    for (const [token, grant] of this.#grants) {
      if (grant.expiresAt >= forgetBefore && this.#grants.size < this.#limits.maxTokens) break;
      this.#grants.delete(token);
    }
  }
}
