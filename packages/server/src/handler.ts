import type { RequestContext } from './context.js';
import { refuseCrossSite } from './cross-site.js';
import { listSessions } from './list.js';
import { resolveOptions, type SessionsHandlerOptions } from './options.js';
import { OwnerCache } from './owner-cache.js';
import { invalidRequest, problem, routeNotFound } from './problem.js';
import { checkQuery } from './query.js';
import { matchRoute } from './route.js';
import { sessionOperation } from './session-operation.js';
import { startSession } from './start.js';

/** A web-standard route handler: `(request) => Promise<Response>`. Never rejects. */
export type SessionsHandler = (request: Request) => Promise<Response>;

// A user id is stamped into metadata, whose values the spec bounds at 500 characters.
const MAX_USER_ID = 500;

/**
 * Creates the server half of a browser app: a route handler that forwards a page's Agent
 * Sessions calls to the API with the account key, and keeps every user to their own sessions.
 *
 * Safe by default: only the spec's operations pass (anything else is a 404 that reaches no
 * upstream); a session is stamped with its user and every per-session call checks the owner
 * first (another user's session is the same 404 as an unknown id); listing shows the user's own
 * sessions; idempotency keys are scoped per user; the page's `Authorization` and `Cookie` never
 * reach the upstream and the key never reaches the page; an upstream that is down or slow is a
 * 502/504 problem, never a crash.
 *
 * @example
 * ```ts
 * const handler = createSessionsHandler({
 *   apiKey: process.env.AGENT_SESSIONS_API_KEY,
 *   baseUrl: 'https://api.agent-sessions.dev',
 *   basePath: '/api/agent-sessions',
 *   user: async (request) => (await auth(request))?.userId ?? null,
 * });
 * export { handler as GET, handler as POST }; // Next.js: app/api/agent-sessions/[...path]/route.ts
 * ```
 */
export function createSessionsHandler(options: SessionsHandlerOptions): SessionsHandler {
  const resolved = resolveOptions(options);
  const cache = new OwnerCache(resolved.ownerCache);

  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const route = matchRoute(request.method, url.pathname, resolved.basePath);
    if (!route) return routeNotFound();
    const crossSite = refuseCrossSite(request, resolved.allowedOrigins);
    if (crossSite) return crossSite;

    const user = await resolved.user(request);
    if (user === null || user === undefined) {
      return problem(401, 'unauthorized', 'Sign in to use this API.');
    }
    if (typeof user !== 'string' || user.length === 0 || user.length > MAX_USER_ID) {
      return problem(
        500,
        'server_misconfigured',
        'The user() option returned something that is not a user id.',
      );
    }
    const { apiKey } = resolved;
    if (apiKey === undefined) {
      return problem(500, 'server_misconfigured', 'The server has no Agent Sessions API key.');
    }
    const query = checkQuery(route.operation, url.searchParams);
    if (query.issues) return invalidRequest(query.issues);

    const context: RequestContext = {
      options: { ...resolved, apiKey },
      cache,
      request,
      user,
      route,
      query: query.values,
    };
    if (route.operation.operationId === 'createSession') return startSession(context);
    if (route.operation.operationId === 'listSessions') return listSessions(context);
    if (route.sessionId !== undefined) return sessionOperation(context);
    // An operation of the spec without a per-session owner check, and not one of the two
    // above, has no policy here yet: denied rather than forwarded.
    return routeNotFound();
  }

  return async (request) => {
    try {
      return await handle(request);
    } catch {
      // The app's own hooks (user, start) or a bug: a 500 problem that names nothing inside.
      return problem(500, 'internal_error', 'The server failed to handle this request.');
    }
  };
}
