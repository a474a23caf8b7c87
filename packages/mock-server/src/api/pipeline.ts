/**
 * The request pipeline: one request in, one response out, over the engine's state. It parses
 * the target and method, hands `/_mock` to the admin routes, routes an API request to its
 * operation, applies the matching fault before and after it, and renders the reply. It
 * returns what the journal needs to know alongside the response.
 */
import { serveAdmin } from '../admin/serve-admin.js';
import type { EngineState } from '../engine/engine-state.js';
import type { JournalEntry } from '../engine/journal.js';
import { faultAfter, faultBefore } from '../faults/fault-effects.js';
import { authorize, type Caller, callOperation } from './call-operation.js';
import { corsHeaders, preflightHeaders } from './cors.js';
import type { EngineRequest, EngineResponse } from './engine-request.js';
import { OPERATION_HANDLERS } from './operation-handlers.js';
import type { OperationId } from './operations.js';
import { invalidRequest, ProblemError } from './problem.js';
import { problemReply, type Reply, render } from './responses.js';
import { parseTarget, route, type Target } from './routes.js';

// RFC 9110 token characters.
const METHOD_TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,32}$/;

/** What the journal learns about an API request; `admin` requests are not journaled. */
export type RequestTrace = Pick<
  JournalEntry,
  'path' | 'operation' | 'sessionId' | 'idempotencyKey' | 'fault' | 'credential'
> & { admin: boolean };

/** A response, and what the journal needs to know of how it came about. */
export interface Served {
  response: EngineResponse;
  trace: RequestTrace;
}

const untraced = (path = ''): RequestTrace => ({
  admin: false,
  path,
  operation: null,
  sessionId: null,
  idempotencyKey: null,
  fault: null,
  credential: null,
});

/**
 * Answers one request. Never rejects: an unexpected error becomes a 500 problem (with CORS
 * headers for an API caller); a `reset` fault is a response with `reset: true`.
 */
export async function serveRequest(
  state: EngineState,
  request: EngineRequest,
  requestId: string,
  generation: number,
): Promise<Served> {
  const refuse = (error: ProblemError) =>
    render(problemReply(requestId, error), requestId, undefined, false);
  const target = typeof request.url === 'string' ? parseTarget(request.url) : undefined;
  if (!target) {
    const error = invalidRequest([{ path: 'url', message: 'is not a valid request target' }]);
    return { response: refuse(error), trace: untraced() };
  }
  const admin = target.path === '/_mock' || target.path.startsWith('/_mock/');
  const method = request.method;
  if (typeof method !== 'string' || !METHOD_TOKEN.test(method)) {
    const error = invalidRequest([{ path: 'method', message: 'is not a valid method' }]);
    return { response: refuse(error), trace: { ...untraced(target.path), admin } };
  }
  if (admin) {
    const trace = { ...untraced(target.path), admin };
    try {
      return { response: await serveAdmin(state, request, method, target, requestId), trace };
    } catch (error) {
      return { response: unexpected(requestId, error), trace };
    }
  }
  if (method === 'OPTIONS') {
    const response = { status: 204, headers: preflightHeaders(request, false), body: '' };
    return { response, trace: untraced(target.path) };
  }
  const served = await serveApi(state, request, method, target, requestId, generation);
  try {
    // Every response here was built for this request: its headers are its own to extend.
    Object.assign(served.response.headers, corsHeaders(request));
  } catch {
    // Headers that cannot even be read: the answer goes out without CORS.
  }
  return served;
}

async function serveApi(
  state: EngineState,
  request: EngineRequest,
  method: string,
  target: Target,
  requestId: string,
  generation: number,
): Promise<Served> {
  const trace = untraced(target.path);
  const respond = (reply: Reply, operation?: OperationId) =>
    render(
      reply,
      requestId,
      operation && OPERATION_HANDLERS[operation].response,
      state.options.validateResponses,
    );
  try {
    // Traced before anything can refuse the request (a fault, a 401): the journal must show
    // that a retry reused the key whatever answered the first attempt.
    if (method === 'POST') {
      trace.idempotencyKey = request.headers.get('idempotency-key')?.slice(0, 255) ?? null;
    }
    const found = route(method, target.path);
    if ('miss' in found) {
      const error =
        found.miss === 'method'
          ? new ProblemError(
              405,
              'method_not_allowed',
              `${method} is not allowed on this path; use ${found.allow}.`,
              {},
              { Allow: found.allow },
            )
          : found.miss === 'encoding'
            ? invalidRequest([
                { path: 'path.session_id', message: 'is not valid percent-encoding' },
              ])
            : new ProblemError(
                404,
                'not_found',
                `No route for ${method} ${target.path.slice(0, 200)}.`,
              );
      return { response: respond(problemReply(requestId, error)), trace };
    }
    const { operation, sessionId } = found;
    trace.operation = operation;
    trace.sessionId = sessionId ?? null;
    const fault = state.faults.match(operation, sessionId);
    trace.fault = fault?.kind ?? null;
    const before = faultBefore(fault, requestId);
    if (before === 'reset')
      return { response: { status: 0, headers: {}, body: '', reset: true }, trace };
    if (before) return { response: respond(before), trace };
    if (state.closed) {
      const closing = new ProblemError(
        503,
        'service_unavailable',
        'The mock server is closing.',
        {},
        { 'Retry-After': '0' },
      );
      return { response: respond(problemReply(requestId, closing)), trace };
    }
    let reply: Reply;
    try {
      const caller: Caller = authorize(state, request.headers.get('authorization'));
      trace.credential = caller.grant ? 'token' : 'key';
      const call = { request, method, target, operation, sessionId, requestId, generation, caller };
      reply = await callOperation(state, call);
    } catch (error) {
      if (!(error instanceof ProblemError)) throw error;
      reply = problemReply(requestId, error);
    }
    const response = respond(reply, operation);
    if (!fault) return { response, trace };
    const scene = {
      timers: state.options.timers,
      sleep: (ms: number, signal: AbortSignal) => state.parking.sleep(ms, signal),
      delayOf: (rule: typeof fault) => state.faults.delayOf(rule),
      left: request.signal,
      closing: state.closing,
    };
    return { response: await faultAfter(response, fault, scene), trace };
  } catch (error) {
    return { response: unexpected(requestId, error), trace };
  }
}

/** The 500 for an error nothing expected (a bug): named, never thrown on. */
export function unexpected(requestId: string, error: unknown): EngineResponse {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  try {
    return render(
      problemReply(
        requestId,
        new ProblemError(
          500,
          'internal_error',
          `The mock server failed unexpectedly (${what.slice(0, 200)}).`,
        ),
      ),
      requestId,
      undefined,
      false,
    );
  } catch {
    return {
      status: 500,
      headers: { 'Content-Type': 'application/problem+json', 'X-Request-Id': requestId },
      body: JSON.stringify({
        type: 'https://docs.agent-sessions.dev/errors/internal_error',
        title: 'Internal error',
        status: 500,
        code: 'internal_error',
        request_id: requestId,
      }),
    };
  }
}
