/**
 * The `/_mock/*` admin routes over HTTP: access (same-origin, token, host), the route table
 * lookup, and the answer with the status the route declares. Bad admin input (a
 * `MockInputError`) is the caller's 400; anything else thrown is a bug and surfaces as a 500.
 */
import { readBody } from '../api/call-operation.js';
import { adminRefusal, corsHeaders, preflightHeaders } from '../api/cors.js';
import type { EngineRequest, EngineResponse } from '../api/engine-request.js';
import { parseJsonBody } from '../api/json-body.js';
import { ProblemError } from '../api/problem.js';
import { okReply, problemReply, type Reply, render } from '../api/responses.js';
import type { Target } from '../api/routes.js';
import type { EngineState } from '../engine/engine-state.js';
import { MockInputError } from '../errors.js';
import { matchAdminRoute } from './routes.js';

const ADMIN_BODY_BYTES = 65_536;

/** Answers one `/_mock` request. */
export async function serveAdmin(
  state: EngineState,
  request: EngineRequest,
  method: string,
  target: Target,
  requestId: string,
): Promise<EngineResponse> {
  const refusal = adminRefusal(request, state.options.admin, method === 'OPTIONS');
  // An allowed cross-origin caller may read the answer; a refused one learns nothing.
  const cors =
    refusal === undefined && request.headers.get('origin') !== null ? corsHeaders(request) : {};
  const respond = (reply: Reply): EngineResponse => {
    const response = render(reply, requestId, undefined, state.options.validateResponses);
    return { ...response, headers: { ...response.headers, ...cors } };
  };
  if (refusal !== undefined)
    return respond(problemReply(requestId, new ProblemError(403, 'forbidden', refusal)));
  if (method === 'OPTIONS') {
    return { status: 204, headers: preflightHeaders(request, true), body: '' };
  }
  try {
    const found = matchAdminRoute(method, target.path.slice('/_mock'.length));
    if (found === undefined) {
      throw new ProblemError(
        404,
        'not_found',
        `No mock admin route ${method} ${target.path.slice(0, 200)}.`,
      );
    }
    if ('allow' in found) {
      throw new ProblemError(
        405,
        'method_not_allowed',
        `${method} is not allowed on this path; use ${found.allow}.`,
        {},
        { Allow: found.allow },
      );
    }
    const { route, id } = found;
    const text = route.method === 'POST' ? await readBody(request, ADMIN_BODY_BYTES) : '';
    const body = text.trim() === '' ? undefined : parseJsonBody(text);
    const value = route.serve(state.admin, { id, query: target.query, body });
    const missing = route.missing?.(value, id);
    if (missing) throw missing;
    return respond(okReply(route.status ?? 200, value));
  } catch (error) {
    if (error instanceof ProblemError) return respond(problemReply(requestId, error));
    if (error instanceof MockInputError) {
      return respond(
        problemReply(requestId, new ProblemError(400, 'invalid_request', error.message)),
      );
    }
    throw error;
  }
}
