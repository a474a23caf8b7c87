import { type Problem, validateResponse, zProblem } from '@agent-sessions/protocol';
import { readRetryAfter } from './backoff.js';
import { AgentSessionsError, ConnectionError } from './errors.js';
import { describeNetworkError } from './network-cause.js';
import { redacted } from './redact.js';

/**
 * The typed error for an error response whose body is `text`: the class by status, the code
 * and message from the problem body (or the status alone), and whether to retry
 * (`X-Should-Retry`, else 408, 429 and 5xx). `now` dates a `Retry-After`.
 */
export function errorFromResponse(
  response: Response,
  text: string,
  where: { method: string; path: string },
  now: number,
): AgentSessionsError {
  const { status, headers } = response;
  let problem: Problem | undefined;
  try {
    const parsed = validateResponse(zProblem, JSON.parse(text));
    if (parsed.success) problem = parsed.data;
  } catch {
    // Not JSON (a proxy's HTML page): the status alone decides.
  }
  const code = problem?.code ?? `http_${status}`;
  const explanation = problem?.detail ?? problem?.title;
  const shouldRetry = headers.get('x-should-retry');
  return AgentSessionsError.generate(status, {
    ...where,
    status,
    code,
    problem,
    response,
    requestId: headers.get('x-request-id') ?? problem?.request_id,
    errors: problem?.errors,
    retryable:
      shouldRetry === 'true'
        ? true
        : shouldRetry === 'false'
          ? false
          : status === 408 || status === 429 || status >= 500,
    retryAfterMs: readRetryAfter(headers, now),
    message: `Request failed with status ${status} (${code}): ${where.method} ${where.path}${
      explanation ? ` - ${explanation}` : ''
    }`,
  });
}

/**
 * The error for a request that got no (whole) response: `what` is `Connection` (it failed to
 * connect or was reset) or what happened to the body. Secrets are redacted from the cause.
 */
export function connectionError(
  where: { method: string; path: string },
  host: string,
  what: string,
  error: unknown,
  secrets: (string | undefined)[],
): ConnectionError {
  const cause = redacted(error, secrets);
  const reason = cause instanceof Error ? ` - ${describeNetworkError(cause)}` : '';
  return new ConnectionError({
    ...where,
    code: 'connection_error',
    retryable: true,
    cause,
    message: `${what === 'Connection' ? `Connection to ${host} failed` : `${what} (${host})`}: ${where.method} ${where.path}${reason}`,
  });
}

/** The error a call finally rejects with: how many attempts it made, and (no response) where to. */
export function finalError(
  error: AgentSessionsError,
  attempts: number,
  host: string,
): AgentSessionsError {
  Object.defineProperty(error, 'attempts', { value: attempts, enumerable: true });
  if (ConnectionError.is(error)) {
    error.message = `${error.message} (${attempts} attempt${attempts === 1 ? '' : 's'} to ${host})`;
  }
  return error;
}
