/**
 * What a session token may call: its own session, and only the operations its scopes grant.
 */
import type { KnownTokenScope } from '@agent-sessions/protocol';
import type { TokenGrant } from '../engine/session-tokens.js';
import type { OperationId } from './operations.js';
import { ProblemError } from './problem.js';

/**
 * The scope a session token needs for each operation, as the spec's `security` lists it
 * (`sessionToken: [read]`); null for the ones only the account key may call. A contract test
 * checks this table against the spec.
 */
export const TOKEN_SCOPE_OF = {
  createSession: null,
  listSessions: null,
  createSessionToken: null,
  getSession: 'read',
  getSessionChanges: 'read',
  listSessionEvents: 'read',
  sendSessionMessage: 'steer',
  pauseSession: 'steer',
  resumeSession: 'steer',
  forceSessionAnswer: 'steer',
  cancelSession: 'steer',
} as const satisfies Record<OperationId, KnownTokenScope | null>;

/**
 * Refuses a session token's call that the spec does not let it make, in the spec's order: a
 * token is for one session, so any other session id is answered exactly as an unknown one
 * (`notFound`, which also refuses a malformed id with its 400), before anything else; then an
 * operation no token may call, or one outside its scopes, is a 403 `permission_denied`.
 */
export function checkTokenAccess(
  grant: TokenGrant,
  operation: OperationId,
  sessionId: string | undefined,
  notFound: (id: string) => never,
): void {
  if (sessionId !== undefined && sessionId !== grant.sessionId) notFound(sessionId);
  const scope = TOKEN_SCOPE_OF[operation];
  if (scope === null) {
    throw new ProblemError(
      403,
      'permission_denied',
      sessionId === undefined
        ? 'A session token cannot list or start sessions; use the account key.'
        : 'A session token cannot mint tokens; use the account key.',
      {},
      { 'WWW-Authenticate': 'Bearer error="insufficient_scope"' },
    );
  }
  if (!grant.scopes.includes(scope)) {
    throw new ProblemError(
      403,
      'permission_denied',
      `This session token has no ${scope} scope.`,
      {},
      { 'WWW-Authenticate': `Bearer error="insufficient_scope", scope="${scope}"` },
    );
  }
}
