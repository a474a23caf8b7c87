import { type CreateSessionTokenRequest, requestSchemas } from '@agent-sessions/protocol';
import { ownerOf, parseJson, type RequestContext, upstream } from './context.js';
import { scopeIdempotencyKey } from './idempotency.js';
import { readJsonBody } from './json-body.js';
import { invalidRequest, routeNotFound, sessionNotFound } from './problem.js';
import { toSearch } from './query.js';
import { upstreamPath } from './route.js';
import { capTokenRequest } from './token-policy.js';
import { relay } from './upstream.js';
import { zodIssues } from './zod-issues.js';

/**
 * Who owns a session, as the upstream says: from the cache when `cached` allows it, else from
 * a status call (which refreshes the cache). Undefined for an unknown id or a session no user
 * of the handler started. `{ failed }` when the upstream could not say.
 */
export async function lookUpOwner(
  context: RequestContext,
  sessionId: string,
  cached: boolean,
): Promise<{ owner: string | undefined } | { failed: Response }> {
  if (cached) {
    const owner = context.cache.get(sessionId);
    if (owner !== undefined) return { owner };
  }
  const answer = await upstream(context, { method: 'GET', target: `/v1/sessions/${sessionId}` });
  if ('failed' in answer) return answer;
  if (answer.status === 404) {
    context.cache.delete(sessionId);
    return { owner: undefined };
  }
  if (answer.status !== 200) return { failed: relay(answer) };
  const owner = ownerOf(parseJson(answer.text), context.options.ownerMetadataKey);
  if (owner === undefined) context.cache.delete(sessionId);
  else context.cache.set(sessionId, owner);
  return { owner };
}

/** The checked body of a per-session operation that has one, or the refusal. */
async function bodyOf(context: RequestContext): Promise<{ body?: string } | { refused: Response }> {
  const { operation } = context.route;
  if (operation.body === null) return {};
  const read = await readJsonBody(context.request, context.options.maxBodyBytes);
  if (read.refused) return { refused: read.refused };
  const schema = BODY_SCHEMAS[operation.operationId as keyof typeof BODY_SCHEMAS];
  // An operation of the spec with a body the handler has no check for is not forwarded.
  if (!schema) return { refused: routeNotFound() };
  const parsed = schema.safeParse(read.value);
  if (!parsed.success) return { refused: invalidRequest(zodIssues(parsed.error, 'body')) };
  if (operation.operationId === 'createSessionToken') {
    const capped = capTokenRequest(
      parsed.data as CreateSessionTokenRequest,
      context.options.tokens,
    );
    return capped instanceof Response ? { refused: capped } : { body: JSON.stringify(capped) };
  }
  return { body: JSON.stringify(parsed.data) };
}

const BODY_SCHEMAS = {
  sendSessionMessage: requestSchemas.sendMessage,
  createSessionToken: requestSchemas.createSessionToken,
};

/**
 * Answers an operation on one session: the request is checked, then the owner, and only a
 * request for the user's own session is forwarded. Another user's session, a session no one
 * owns and an unknown id all get the same 404.
 */
export async function sessionOperation(context: RequestContext): Promise<Response> {
  const { route, user, request } = context;
  const sessionId = route.sessionId!;
  const { operation } = route;
  if (
    operation.operationId === 'createSessionToken' &&
    context.options.tokens.scopes.length === 0
  ) {
    return routeNotFound();
  }
  const prepared = await bodyOf(context);
  if ('refused' in prepared) return prepared.refused;
  const scoped = operation.idempotencyKey
    ? await scopeIdempotencyKey(user, request.headers.get('idempotency-key'))
    : {};
  if (scoped.issue) return invalidRequest([scoped.issue]);

  if (operation.operationId === 'getSession') return status(context, sessionId);

  // Reads may trust the cache (a watch's long-polls cost one call each); anything that changes
  // a session asks the upstream first, so a stale entry can never steer a session.
  const known = await lookUpOwner(context, sessionId, operation.method === 'GET');
  if ('failed' in known) return known.failed;
  if (known.owner !== user) return sessionNotFound();

  let waitS: number | undefined;
  const query = new Map(context.query);
  if (operation.operationId === 'getSessionChanges') {
    waitS = Math.min(Number(query.get('wait_s') ?? 0), context.options.maxWaitS);
    if (query.has('wait_s')) query.set('wait_s', String(waitS));
  }
  const answer = await upstream(context, {
    method: operation.method,
    target: `${upstreamPath(route)}${toSearch(query)}`,
    idempotencyKey: scoped.key,
    ...(prepared.body !== undefined ? { body: prepared.body } : {}),
    ...(waitS !== undefined ? { waitS } : {}),
  });
  if ('failed' in answer) return answer.failed;
  if (answer.status === 404) {
    context.cache.delete(sessionId);
    return sessionNotFound();
  }
  return relay(answer);
}

/** `getSession`: one upstream call, whose answer is the owner check itself. */
async function status(context: RequestContext, sessionId: string): Promise<Response> {
  const cached = context.cache.get(sessionId);
  if (cached !== undefined && cached !== context.user) return sessionNotFound();
  const answer = await upstream(context, { method: 'GET', target: `/v1/sessions/${sessionId}` });
  if ('failed' in answer) return answer.failed;
  if (answer.status === 404) {
    context.cache.delete(sessionId);
    return sessionNotFound();
  }
  if (answer.status !== 200) return relay(answer);
  const owner = ownerOf(parseJson(answer.text), context.options.ownerMetadataKey);
  if (owner === undefined) {
    context.cache.delete(sessionId);
    return sessionNotFound();
  }
  context.cache.set(sessionId, owner);
  return owner === context.user ? relay(answer) : sessionNotFound();
}
