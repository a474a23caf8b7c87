import { type CreateSessionRequest, requestSchemas } from '@agent-sessions/protocol';
import { ownerOf, parseJson, type RequestContext, upstream } from './context.js';
import { scopeIdempotencyKey } from './idempotency.js';
import { readJsonBody } from './json-body.js';
import { countActiveSessions } from './list.js';
import { invalidRequest, problem } from './problem.js';
import { relay } from './upstream.js';
import { zodIssues } from './zod-issues.js';

// The spec's limit on metadata entries; one of them is the owner's.
const MAX_METADATA_ENTRIES = 16;

/**
 * `createSession`: the page's body is checked against the spec, may not name the owner key,
 * goes through the app's `start` hook, is stamped with its user, and only then is sent.
 */
export async function startSession(context: RequestContext): Promise<Response> {
  const { options, request, user } = context;
  const ownerKey = options.ownerMetadataKey;
  const read = await readJsonBody(request, options.maxBodyBytes);
  if (read.refused) return read.refused;
  const metadata = read.value.metadata;
  if (typeof metadata === 'object' && metadata !== null && Object.hasOwn(metadata, ownerKey)) {
    return invalidRequest([
      { path: `body.metadata.${ownerKey}`, message: 'is reserved for the server; do not send it' },
    ]);
  }
  const parsed = requestSchemas.createSession.safeParse(read.value);
  if (!parsed.success) return invalidRequest(zodIssues(parsed.error, 'body'));
  if (Object.keys(parsed.data.metadata ?? {}).length >= MAX_METADATA_ENTRIES) {
    return invalidRequest([
      {
        path: 'body.metadata',
        message: `expected at most ${MAX_METADATA_ENTRIES - 1} entries (one is the owner's)`,
      },
    ]);
  }
  const scoped = await scopeIdempotencyKey(user, request.headers.get('idempotency-key'));
  if (scoped.issue) return invalidRequest([scoped.issue]);

  let body: CreateSessionRequest | Response = parsed.data;
  if (options.start) body = await options.start(parsed.data, { user, request });
  if (body instanceof Response) return body;
  const stamped = requestSchemas.createSession.safeParse({
    ...body,
    metadata: { ...body?.metadata, [ownerKey]: user },
  });
  if (!stamped.success) {
    const named = zodIssues(stamped.error, 'body').map((issue) => issue.path);
    return problem(
      500,
      'internal_error',
      `The start hook returned a body the API would refuse (${named.join(', ')}).`,
    );
  }

  if (Number.isFinite(options.maxActiveSessionsPerUser)) {
    const counted = await countActiveSessions(context, options.maxActiveSessionsPerUser);
    if ('failed' in counted) return counted.failed;
    if (counted.count >= options.maxActiveSessionsPerUser) {
      return problem(
        429,
        'too_many_sessions',
        `At most ${options.maxActiveSessionsPerUser} sessions of one user may be active at a time.`,
        { headers: { 'X-Should-Retry': 'false' } },
      );
    }
  }

  const answer = await upstream(context, {
    method: 'POST',
    target: '/v1/sessions',
    body: JSON.stringify(stamped.data),
    idempotencyKey: scoped.key,
  });
  if ('failed' in answer) return answer.failed;
  if (answer.status === 201 || answer.status === 200) {
    const session = parseJson(answer.text) as { id?: unknown } | undefined;
    // The upstream must say the session is this user's (a replayed key could name another).
    if (ownerOf(session, ownerKey) !== user || typeof session?.id !== 'string') {
      return problem(
        502,
        'bad_gateway',
        'The Agent Sessions API answered with a session that is not this user’s.',
      );
    }
    context.cache.set(session.id, user);
  }
  return relay(answer);
}
