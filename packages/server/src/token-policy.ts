import type { CreateSessionTokenRequest, KnownTokenScope } from '@agent-sessions/protocol';
import { problem } from './problem.js';

/** What the handler's token route may mint (`POST .../sessions/{id}/tokens`). */
export interface SessionTokenOptions {
  /**
   * The scopes a page may ask for; asking for another is a 403 `forbidden`. `[]` turns the
   * route off (a 404, as for any path the handler does not serve).
   * @default ['read', 'steer']
   */
  scopes?: KnownTokenScope[];
  /**
   * The longest lifetime a page may ask for, in seconds; a longer `expires_in_s` (or none,
   * whose default is 900) is lowered to it.
   * @default 3600 (the spec's maximum)
   */
  maxExpiresInS?: number;
}

// The spec's default lifetime when a request names none.
const DEFAULT_EXPIRES_IN_S = 900;

/**
 * Applies the app's limits to a page's token request: a scope it does not allow is refused,
 * the lifetime is capped. The body is already checked against the spec.
 */
export function capTokenRequest(
  body: CreateSessionTokenRequest,
  options: Required<SessionTokenOptions>,
): CreateSessionTokenRequest | Response {
  const refused = body.scopes.filter((scope) => !options.scopes.includes(scope));
  if (refused.length > 0) {
    return problem(
      403,
      'forbidden',
      `This server does not mint tokens with the scope ${refused.join(', ')}.`,
    );
  }
  const asked = body.expires_in_s ?? DEFAULT_EXPIRES_IN_S;
  return { scopes: body.scopes, expires_in_s: Math.min(asked, options.maxExpiresInS) };
}

/** The token options with their defaults; a wrong one throws a `TypeError` naming it. */
export function resolveTokenOptions(
  options: SessionTokenOptions = {},
): Required<SessionTokenOptions> {
  const scopes = options.scopes ?? ['read', 'steer'];
  if (!Array.isArray(scopes) || scopes.some((scope) => scope !== 'read' && scope !== 'steer')) {
    throw new TypeError(
      "createSessionsHandler: options.tokens.scopes: expected an array of 'read' | 'steer'",
    );
  }
  const maxExpiresInS = options.maxExpiresInS ?? 3600;
  if (!Number.isInteger(maxExpiresInS) || maxExpiresInS < 1 || maxExpiresInS > 3600) {
    throw new TypeError(
      'createSessionsHandler: options.tokens.maxExpiresInS: expected an integer from 1 to 3600',
    );
  }
  return { scopes, maxExpiresInS };
}
