/**
 * Problems (RFC 9457) as the mock answers them: {@link ProblemError}, the failure an operation
 * or an admin route throws, and the title of every code it may carry. The spec's codes come
 * from `KnownErrorCode`: a code added to the spec without a title here fails to compile.
 */
import type { KnownErrorCode, Problem, ValidationIssue } from '@agent-sessions/protocol';
import { MockError } from '../errors.js';

/** Codes only the mock (its HTTP layer and admin routes) answers with; the spec leaves them open. */
type MockOnlyCode = 'forbidden' | 'payload_too_large' | 'method_not_allowed' | 'session_not_found';

/** Every code a mock problem carries. */
export type ProblemCode = KnownErrorCode | MockOnlyCode;

const TITLES = {
  invalid_request: 'Invalid request',
  unauthorized: 'Unauthorized',
  token_expired: 'Token expired',
  permission_denied: 'Permission denied',
  not_found: 'Not found',
  invalid_state: 'Invalid state',
  idempotency_conflict: 'Idempotency conflict',
  rate_limited: 'Rate limited',
  internal_error: 'Internal error',
  service_unavailable: 'Service unavailable',
  forbidden: 'Forbidden',
  payload_too_large: 'Payload too large',
  method_not_allowed: 'Method not allowed',
  session_not_found: 'Session not found',
} as const satisfies Record<ProblemCode, string>;

/** A failure an operation reports as an RFC 9457 problem response. */
export class ProblemError extends MockError {
  constructor(
    readonly status: number,
    readonly code: ProblemCode,
    readonly detail: string,
    readonly extra: { errors?: ValidationIssue[]; state?: string } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail, 'ProblemError');
  }

  /** The problem body, stamped with the request id. */
  body(requestId: string): Problem {
    return {
      type: `https://docs.agent-sessions.dev/errors/${this.code}`,
      title: TITLES[this.code],
      status: this.status,
      code: this.code,
      detail: this.detail,
      request_id: requestId,
      ...this.extra,
    };
  }
}

/** A 400 naming every offending field (`body.input`, `query.wait_s`, ...). */
export function invalidRequest(issues: ValidationIssue[]): ProblemError {
  const detail = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new ProblemError(400, 'invalid_request', detail, { errors: issues });
}
