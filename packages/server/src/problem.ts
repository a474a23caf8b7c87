/** The problem codes the handler itself answers with, beside the API's own. */
export type HandlerProblemCode =
  | 'invalid_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'too_many_sessions'
  | 'bad_gateway'
  | 'gateway_timeout'
  | 'upstream_unauthorized'
  | 'client_closed_request'
  | 'server_misconfigured'
  | 'internal_error';

/** One offending field, as the API names them (`body.input`, `query.wait_s`). */
export interface FieldIssue {
  path: string;
  message: string;
}

const TITLES: Record<HandlerProblemCode, string> = {
  invalid_request: 'Invalid request',
  unauthorized: 'Unauthorized',
  forbidden: 'Forbidden',
  not_found: 'Not found',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  too_many_sessions: 'Too many sessions',
  bad_gateway: 'Bad gateway',
  gateway_timeout: 'Gateway timeout',
  upstream_unauthorized: 'Bad gateway',
  client_closed_request: 'Client closed request',
  server_misconfigured: 'Server misconfigured',
  internal_error: 'Internal error',
};

/** A fresh request id for an answer the handler gives itself (no upstream id to pass on). */
export function newRequestId(): string {
  return `req_${crypto.randomUUID().replaceAll('-', '')}`;
}

/** What a problem answer may carry besides its status, code and detail. */
export interface ProblemExtras {
  errors?: FieldIssue[];
  headers?: Record<string, string>;
  requestId?: string;
}

/**
 * An RFC 9457 problem+json answer in the API's own shape (`code`, `request_id`, `errors`), so
 * the SDKs turn it into their typed errors. `Cache-Control: no-store`: it is about one user.
 */
export function problem(
  status: number,
  code: HandlerProblemCode,
  detail: string,
  extras: ProblemExtras = {},
): Response {
  const requestId = extras.requestId ?? newRequestId();
  const body: Record<string, unknown> = {
    type: 'about:blank',
    title: TITLES[code],
    status,
    code,
    detail,
    request_id: requestId,
  };
  if (extras.errors) body.errors = extras.errors;
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'Content-Type': 'application/problem+json',
      'Cache-Control': 'no-store',
      'X-Request-Id': requestId,
      ...extras.headers,
    },
  });
}

/**
 * The one answer for a session the user may not see: the same for another user's session, a
 * session no one owns and an id that does not exist, so a page cannot tell them apart.
 */
export function sessionNotFound(): Response {
  return problem(404, 'not_found', 'No session has this id.');
}

/** The answer for a path or method that is not an operation of the API. */
export function routeNotFound(): Response {
  return problem(
    404,
    'not_found',
    'No operation of the Agent Sessions API has this path and method.',
  );
}

/** A 400 naming each offending field. */
export function invalidRequest(errors: FieldIssue[]): Response {
  const named = errors.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return problem(400, 'invalid_request', `The request is not valid: ${named}`, { errors });
}
