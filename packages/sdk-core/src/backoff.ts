/** How retries wait. Every field has a default; see {@link ClientOptions.retry}. */
export interface RetryPolicy {
  /**
   * The first retry waits up to this long; each next one doubles it ("full jitter": a random
   * wait between 0 and the bound). Default: `500`.
   */
  baseDelayMs: number;
  /** The bound never grows past this. Default: `8000`. */
  maxDelayMs: number;
  /**
   * A `Retry-After` longer than this is not waited for: the error is thrown at once, so a
   * caller is never blocked for minutes. Default: `60000`.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
};

/**
 * The wait before retry number `retry` (0 for the first): exponential backoff with full
 * jitter, i.e. `random * min(maxDelayMs, baseDelayMs * 2^retry)`.
 */
export function backoffDelay(retry: number, random: number, policy: RetryPolicy): number {
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.floor(random * bound);
}

/**
 * Reads a `Retry-After` header (seconds, or an HTTP date) as milliseconds from `now`;
 * `undefined` when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The server's wait before a retry, in ms: `Retry-After-Ms` when it is a number, else
 * `Retry-After` (seconds or an HTTP date); `undefined` when neither is there or readable.
 */
export function readRetryAfter(headers: Headers, now: number): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms);
    if (Number.isFinite(value)) return Math.max(0, value);
  }
  return parseRetryAfter(headers.get('retry-after'), now);
}

/**
 * The wait before retry number `retry`: the server's `retryAfterMs` when it asked for a real
 * wait; else (none, `0`, a date in the past) the backoff, so a retry never comes at once.
 */
export function retryDelay(
  retry: number,
  retryAfterMs: number | undefined,
  random: number,
  policy: RetryPolicy,
): number {
  return retryAfterMs !== undefined && retryAfterMs > 0
    ? retryAfterMs
    : backoffDelay(retry, random, policy);
}
