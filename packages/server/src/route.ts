import { OPERATIONS } from '@agent-sessions/protocol';

/** One operation of the spec, as the protocol's generated table has it. */
export type Operation = (typeof OPERATIONS)[keyof typeof OPERATIONS];

// The allowlist: every operation of the spec, in document order.
const ALLOWED: readonly Operation[] = Object.values(OPERATIONS);

/** A request the allowlist matched: the spec's operation and, for per-session ones, the id. */
export interface Route {
  operation: Operation;
  sessionId: string | undefined;
}

// The spec's SessionId pattern and length; anything else in that segment is not an id.
const SESSION_ID = /^[A-Za-z0-9_-]{1,100}$/;
// Bytes no path of the API has: percent escapes (an encoded `/`, `\`, `.` or anything else),
// backslashes, and what some servers read as path parameters or a second path.
const FORBIDDEN_IN_PATH = /[%\\;]/;

/**
 * Matches a request against the spec's operations, under `basePath`. Deny by default: a path
 * with an escape, an empty, `.` or `..` segment, a trailing slash, or any method or segment
 * the spec does not list, matches nothing.
 *
 * @param pathname The request URL's path, as the runtime parsed it.
 */
export function matchRoute(method: string, pathname: string, basePath: string): Route | undefined {
  if (!pathname.startsWith(`${basePath}/`)) return undefined;
  const rest = pathname.slice(basePath.length + 1);
  if (FORBIDDEN_IN_PATH.test(rest)) return undefined;
  const segments = rest.split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..')) {
    return undefined;
  }
  for (const operation of ALLOWED) {
    if (operation.method !== method || operation.segments.length !== segments.length) continue;
    let sessionId: string | undefined;
    const matched = operation.segments.every((expected, index) => {
      const actual = segments[index]!;
      if (expected === '{session_id}') {
        sessionId = actual;
        return SESSION_ID.test(actual);
      }
      return expected === actual;
    });
    if (matched) return { operation, sessionId };
  }
  return undefined;
}

/** The upstream path of a matched operation: the spec's template with the checked id in it. */
export function upstreamPath(route: Route): string {
  return route.operation.path.replace('{session_id}', route.sessionId ?? '');
}
