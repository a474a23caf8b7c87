/**
 * One API operation, once routed: who calls (the account key, or a session token held to its
 * session and scopes), its body (bounded), then the operation itself under its idempotency key.
 */
import { zIdempotencyKey } from '@agent-sessions/protocol';
import type { EngineState } from '../engine/engine-state.js';
import { fingerprint } from '../engine/idempotency-store.js';
import type { TokenGrant } from '../engine/session-tokens.js';
import { BodyTooLargeError, SessionStateError } from '../errors.js';
import type { EngineRequest } from './engine-request.js';
import { parseJsonBody } from './json-body.js';
import { OPERATION_HANDLERS } from './operation-handlers.js';
import type { OperationId } from './operations.js';
import { invalidRequest, ProblemError } from './problem.js';
import { problemReply, type Reply, restamp } from './responses.js';
import type { Target } from './routes.js';
import { checkTokenAccess } from './token-access.js';

/** Who a request is from: the account key, or a session token and what it grants. */
export type Caller =
  | { apiKey: string; grant?: undefined }
  | { apiKey?: undefined; grant: TokenGrant };

/** The Idempotency-Key's length bounds, as the spec's schema states them. */
const KEY_LENGTH = lengthBounds(zIdempotencyKey);

/** The account key's value or a live session token's grant; else throws the 401 problem. */
export function authorize(state: EngineState, header: string | null): Caller {
  const match = /^bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  const key = match?.[1];
  if (key !== undefined && state.options.apiKeys.has(key)) return { apiKey: key };
  const grant = key === undefined ? undefined : state.tokens.find(key);
  if (grant && state.tokens.expired(grant)) {
    throw new ProblemError(
      401,
      'token_expired',
      `The session token expired at ${new Date(grant.expiresAt).toISOString()}; ask for a fresh one.`,
      {},
      { 'WWW-Authenticate': 'Bearer error="invalid_token", error_description="token expired"' },
    );
  }
  if (grant) return { grant };
  throw new ProblemError(
    401,
    'unauthorized',
    header ? 'Invalid API key.' : 'Missing API key: send Authorization: Bearer <key>.',
    {},
    { 'WWW-Authenticate': 'Bearer' },
  );
}

/** One authorized call: the operation's reply (a problem included); throws only a bug. */
export async function callOperation(
  state: EngineState,
  call: {
    request: EngineRequest;
    method: string;
    target: Target;
    operation: OperationId;
    sessionId: string | undefined;
    requestId: string;
    generation: number;
    caller: Caller;
  },
): Promise<Reply> {
  const { request, target, operation, sessionId, requestId, caller } = call;
  if (caller.grant) {
    checkTokenAccess(caller.grant, operation, sessionId, (id) => state.missingSession(id));
  }
  const key = call.method === 'POST' ? request.headers.get('idempotency-key') : null;
  if (key !== null && (key.length < KEY_LENGTH.min || key.length > KEY_LENGTH.max)) {
    throw invalidRequest([
      {
        path: 'header.Idempotency-Key',
        message: `expected ${KEY_LENGTH.min} to ${KEY_LENGTH.max} characters`,
      },
    ]);
  }
  const handler = OPERATION_HANDLERS[operation];
  const body = handler.body
    ? parseJsonBody(await readBody(request, state.options.maxBodyBytes))
    : undefined;
  // The body arrived after a reset(): the request belongs to the wiped state, and running it
  // now would put its effects into the fresh one. Answered as a restarting server would.
  if (call.generation !== state.generation) {
    throw new ProblemError(
      503,
      'service_unavailable',
      'The mock was reset while this request was in flight; send it again.',
      {},
      { 'Retry-After': '0' },
    );
  }
  const run = () =>
    operate(requestId, () =>
      handler.run({
        sessionId,
        query: target.query,
        body,
        // Read only by the operations that wait: an adapter may build its signal lazily.
        get signal() {
          return request.signal;
        },
        state,
      }),
    );
  if (key === null) return run();
  const outcome = await state.idempotency.run(
    // Scoped by the key's value: `bearer k` and `Bearer k` are the same caller. A token's
    // calls by its session (a key holds no space), so a retry with a refreshed token replays.
    caller.grant ? `session-token ${caller.grant.sessionId}\n${key}` : `${caller.apiKey}\n${key}`,
    fingerprint(operation, target.path, body ?? null),
    run,
    // A request refused before doing anything (400) is not remembered: fixing it is no conflict.
    (reply) => reply.status !== 400,
  );
  if (outcome.kind === 'conflict') {
    throw new ProblemError(
      409,
      'idempotency_conflict',
      'The Idempotency-Key was already used with a different request body.',
    );
  }
  if (outcome.kind === 'ran') return outcome.result;
  // A replayed problem names its own request, not the first.
  const replay = restamp(outcome.result, requestId);
  return { ...replay, headers: { ...replay.headers, 'Idempotent-Replayed': 'true' } };
}

/** The body within `limit` bytes; a 413 past it, a 400 when it cannot be read. */
export async function readBody(request: EngineRequest, limit: number): Promise<string> {
  try {
    return await request.text(limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      throw new ProblemError(
        413,
        'payload_too_large',
        `The request body is larger than ${limit} bytes.`,
      );
    }
    throw invalidRequest([{ path: 'body', message: 'could not be read' }]);
  }
}

async function operate(requestId: string, run: () => Reply | Promise<Reply>): Promise<Reply> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ProblemError) return problemReply(requestId, error);
    if (error instanceof SessionStateError) {
      return problemReply(
        requestId,
        new ProblemError(409, 'invalid_state', error.message, { state: error.state }),
      );
    }
    throw error;
  }
}

// A zod/mini string schema's minLength/maxLength checks, read from its definition.
function lengthBounds(schema: { _zod: { def: { checks?: { _zod: { def: object } }[] } } }): {
  min: number;
  max: number;
} {
  const defs = (schema._zod.def.checks ?? []).map(
    (check) => check._zod.def as { check: string; minimum?: number; maximum?: number },
  );
  const min = defs.find((def) => def.check === 'min_length')?.minimum;
  const max = defs.find((def) => def.check === 'max_length')?.maximum;
  if (min === undefined || max === undefined) {
    throw new Error('The spec gives Idempotency-Key no length bounds');
  }
  return { min, max };
}
