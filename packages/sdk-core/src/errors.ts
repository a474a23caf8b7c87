import type { Problem, ValidationIssue } from '@agent-sessions/protocol';

// A registry symbol (shared by every realm and every copy of this package), so the `is()`
// guards work where `instanceof` does not: iframes, workers, an ESM and a CJS copy side by side.
const BRAND = Symbol.for('@agent-sessions/sdk-core/error');

/** One offending field: where (`body.input`, `query.wait_s`, `session_id`) and what is wrong. */
export type FieldError = ValidationIssue;

/** What every {@link AgentSessionsError} is built from. */
export interface ErrorDetails {
  /** The human message. */
  message: string;
  /** The HTTP status of the response, when there was one. */
  status?: number | undefined;
  /** The stable machine-readable code: the API's `code`, or one of the SDK's own. */
  code: string;
  /** The request's `X-Request-Id` (or the problem's `request_id`), when a response came. */
  requestId?: string | undefined;
  /** `GET`, `POST`. */
  method?: string | undefined;
  /** The path and query of the request, e.g. `/v1/sessions/ses_1/pause` (never the host or key). */
  path?: string | undefined;
  /** The response, when one came (its body has been read). */
  response?: Response | undefined;
  /** The problem details body, when the API sent one. */
  problem?: Problem | undefined;
  /** Offending fields (`invalid_request`). */
  errors?: FieldError[] | undefined;
  /** True when the same request may succeed if sent again. */
  retryable?: boolean | undefined;
  /** The server's `Retry-After`, in milliseconds. */
  retryAfterMs?: number | undefined;
  /** What caused it (a network error, an abort reason). */
  cause?: unknown;
}

/**
 * The base class of every error the SDK throws. Test with the cross-realm guards
 * (`AgentSessionsError.is(err)`, `NotFoundError.is(err)`) rather than `instanceof`.
 * It never carries the API key: no request headers are kept.
 *
 * @example
 * try { await session.pause(); }
 * catch (err) { if (InvalidStateError.is(err)) console.log(err.state); else throw err; }
 */
export class AgentSessionsError extends Error {
  override readonly name: string = 'AgentSessionsError';
  /** The HTTP status, or `undefined` when no response came (connection, timeout, abort, bad input). */
  readonly status: number | undefined;
  /** The stable code, e.g. `invalid_state`, `rate_limited`, `connection_error`, `timeout`. */
  readonly code: string;
  /** The request id to quote to support, when a response came. */
  readonly requestId: string | undefined;
  /** The request method. */
  readonly method: string | undefined;
  /** The request path and query (no host, no key). */
  readonly path: string | undefined;
  /** The offending fields, for `invalid_request`. */
  readonly errors: FieldError[];
  /** True when the same request may succeed if sent again (the SDK retried it already). */
  readonly retryable: boolean;
  /** The problem details body, when the API sent one. */
  readonly problem: Problem | undefined;
  /** The server's `Retry-After` in ms (429, 503), when it sent one. */
  readonly retryAfterMs: number | undefined;
  declare readonly response: Response | undefined;

  constructor(details: ErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.requestId = details.requestId;
    this.method = details.method;
    this.path = details.path;
    this.errors = details.errors ?? [];
    this.retryable = details.retryable ?? false;
    this.problem = details.problem;
    this.retryAfterMs = details.retryAfterMs;
    // Not enumerable: logging an error should not dump a whole Response.
    Object.defineProperty(this, 'response', { value: details.response, enumerable: false });
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  /** True for any error this SDK threw, from any realm or copy of the package. */
  static is(value: unknown): value is AgentSessionsError {
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}

function hasName(value: unknown, name: string): boolean {
  return AgentSessionsError.is(value) && value.name === name;
}

/** 400 `invalid_request`, or parameters the SDK refused before sending (`status` undefined). */
export class BadRequestError extends AgentSessionsError {
  override readonly name = 'BadRequestError' as const;
  /** True for a {@link BadRequestError}. */
  static override is(value: unknown): value is BadRequestError {
    return hasName(value, 'BadRequestError');
  }
}

/** 401/403: the API key is missing, wrong or not allowed. */
export class UnauthorizedError extends AgentSessionsError {
  override readonly name = 'UnauthorizedError' as const;
  /** True for an {@link UnauthorizedError}. */
  static override is(value: unknown): value is UnauthorizedError {
    return hasName(value, 'UnauthorizedError');
  }
}

/** 404: no session has this id. */
export class NotFoundError extends AgentSessionsError {
  override readonly name = 'NotFoundError' as const;
  /** True for a {@link NotFoundError}. */
  static override is(value: unknown): value is NotFoundError {
    return hasName(value, 'NotFoundError');
  }
}

/** 409 `invalid_state`: the session's state does not allow the operation (e.g. pausing a completed one). */
export class InvalidStateError extends AgentSessionsError {
  override readonly name = 'InvalidStateError' as const;
  /** The state the session is in, as the API reported it. */
  get state(): string | undefined {
    return this.problem?.state;
  }
  /** True for an {@link InvalidStateError}. */
  static override is(value: unknown): value is InvalidStateError {
    return hasName(value, 'InvalidStateError');
  }
}

/** Any other 409, e.g. `idempotency_conflict`: an `Idempotency-Key` reused with another body. */
export class ConflictError extends AgentSessionsError {
  override readonly name = 'ConflictError' as const;
  /** True for a {@link ConflictError}. */
  static override is(value: unknown): value is ConflictError {
    return hasName(value, 'ConflictError');
  }
}

/** 429 `rate_limited`, after the retries ran out. */
export class RateLimitError extends AgentSessionsError {
  override readonly name = 'RateLimitError' as const;
  /** True for a {@link RateLimitError}. */
  static override is(value: unknown): value is RateLimitError {
    return hasName(value, 'RateLimitError');
  }
}

/** 5xx, after the retries ran out. */
export class ServerError extends AgentSessionsError {
  override readonly name = 'ServerError' as const;
  /** True for a {@link ServerError}. */
  static override is(value: unknown): value is ServerError {
    return hasName(value, 'ServerError');
  }
}

/** No usable response: the connection failed or was reset, or the body was cut off (code `connection_error`). */
export class ConnectionError extends AgentSessionsError {
  override readonly name = 'ConnectionError' as const;
  /** True for a {@link ConnectionError}. */
  static override is(value: unknown): value is ConnectionError {
    return hasName(value, 'ConnectionError');
  }
}

/** The call's `timeoutMs` passed (code `timeout`), or the server answered 408. */
export class TimeoutError extends AgentSessionsError {
  override readonly name = 'TimeoutError' as const;
  /** True for a {@link TimeoutError}. */
  static override is(value: unknown): value is TimeoutError {
    return hasName(value, 'TimeoutError');
  }
}

/** The caller's `signal` aborted the call or wait (code `aborted`); `cause` is the abort reason. */
export class AbortError extends AgentSessionsError {
  override readonly name = 'AbortError' as const;
  /** True for an {@link AbortError}. */
  static override is(value: unknown): value is AbortError {
    return hasName(value, 'AbortError');
  }
}

/** The response is not what the API defines: not JSON, or a field of the wrong shape (`issues`). */
export class ResponseValidationError extends AgentSessionsError {
  override readonly name = 'ResponseValidationError' as const;
  /** Each problem found, with its path in the response (`response.events[2].data.forced`). */
  readonly issues: ValidationIssue[];
  constructor(details: ErrorDetails & { issues: ValidationIssue[] }) {
    super(details);
    this.issues = details.issues;
  }
  /** True for a {@link ResponseValidationError}. */
  static override is(value: unknown): value is ResponseValidationError {
    return hasName(value, 'ResponseValidationError');
  }
}

/**
 * `answer()`, `ask()` or `run()` waited for an answer but the session ended without one
 * (code `session_ended`): it was cancelled, failed, or timed out.
 */
export class SessionEndedError extends AgentSessionsError {
  override readonly name = 'SessionEndedError' as const;
  /** The session. */
  readonly sessionId: string;
  /** The terminal state it ended in: `interrupted`, `failed`, `completed`. */
  readonly state: string;
  /** Why, from its last `state_changed` event (`cancelled`, `failed`, `idle_timeout`), when known. */
  readonly reason: string | undefined;
  constructor(sessionId: string, state: string, reason: string | undefined) {
    super({
      code: 'session_ended',
      message: `Session ${sessionId} ended in state "${state}"${reason ? ` (${reason})` : ''} without an answer`,
    });
    this.sessionId = sessionId;
    this.state = state;
    this.reason = reason;
  }
  /** True for a {@link SessionEndedError}. */
  static override is(value: unknown): value is SessionEndedError {
    return hasName(value, 'SessionEndedError');
  }
}
