import type { FieldIssue } from './problem.js';

// The spec's bounds on `Idempotency-Key`, and printable ASCII only (it is a header value).
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The key the upstream sees for a user's `Idempotency-Key`: a hash of the user and the key,
 * so one user sending another's key names a different key upstream and never gets the other
 * user's replayed response (the upstream scopes keys per API key, and every user shares one).
 */
export async function scopeIdempotencyKey(
  user: string,
  key: string | null,
): Promise<{ key?: string; issue?: FieldIssue }> {
  if (key === null) return {};
  if (!KEY.test(key)) {
    return {
      issue: {
        path: 'header.Idempotency-Key',
        message: 'expected 1 to 255 printable ASCII characters',
      },
    };
  }
  const bytes = new TextEncoder().encode(`${user.length}:${user}:${key}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return { key: `usr-${hex}` };
}
