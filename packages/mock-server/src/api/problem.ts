import type { Problem, ValidationIssue } from '@agent-sessions/protocol';

const TITLES: Record<string, string> = {
  invalid_request: 'Invalid request',
  unauthorized: 'Unauthorized',
  token_expired: 'Token expired',
  permission_denied: 'Permission denied',
  forbidden: 'Forbidden',
  payload_too_large: 'Payload too large',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  invalid_state: 'Invalid state',
  idempotency_conflict: 'Idempotency conflict',
  rate_limited: 'Rate limited',
  internal_error: 'Internal error',
  service_unavailable: 'Service unavailable',
};

/** A failure an operation reports as an RFC 9457 problem response. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly extra: { errors?: ValidationIssue[]; state?: string } = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  /** The problem body, stamped with the request id. */
  body(requestId: string): Problem {
    return {
      type: `https://docs.agent-sessions.dev/errors/${this.code}`,
      title: TITLES[this.code] ?? this.code,
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
