import type { Problem, ValidationIssue } from '@agent-sessions/protocol';

// A registry symbol (shared by every realm and every copy of this package), so `is()` works
// where `instanceof` does not: iframes, workers, an ESM and a CJS copy side by side.
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
  /** The server's `Retry-After-Ms` or `Retry-After`, in milliseconds. */
  retryAfterMs?: number | undefined;
  /** How many attempts the call made before this error (1 when it was not retried). */
  attempts?: number | undefined;
  /** What caused it (a network error, an abort reason). */
  cause?: unknown;
}

/**
 * The base class of every error the SDK throws. Test with the cross-realm guard `is()`
 * (`AgentSessionsError.is(err)`, `NotFoundError.is(err)`) rather than `instanceof`.
 * It never carries the API key: no request headers are kept.
 *
 * @example
 * try { await session.pause(); }
 * catch (err) { if (InvalidStateError.is(err)) console.log(err.state); else throw err; }
 */
export class AgentSessionsError extends Error {
  declare readonly name: string;
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
  /** The server's `Retry-After-Ms`/`Retry-After` in ms (429, 503), when it sent one. */
  readonly retryAfterMs: number | undefined;
  /** How many attempts the call made (set on the error a call finally rejects with). */
  readonly attempts: number | undefined;
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
    this.attempts = details.attempts;
    // Not enumerable: logging an error should not dump a whole Response.
    Object.defineProperty(this, 'response', { value: details.response, enumerable: false });
    Object.defineProperty(this, BRAND, { value: true, enumerable: false });
  }

  /**
   * True when `value` is an error of this class thrown by this SDK, from any realm or copy of
   * the package: `AgentSessionsError.is(err)` for any of them, `NotFoundError.is(err)` for
   * one kind. It narrows `value` to the class it is called on.
   * @example if (RateLimitError.is(err)) await wait(err.retryAfterMs);
   */
  static is<T extends AgentSessionsError>(this: { prototype: T }, value: unknown): value is T {
    if (typeof value !== 'object' || value === null || !(BRAND in value)) return false;
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class the guard is called on.
    const wanted = this.prototype.name;
    return wanted === 'AgentSessionsError' || (value as { name?: unknown }).name === wanted;
  }

  /**
   * The error for an HTTP error response: the class for its status (and, for 409, its code).
   * The one place where statuses map to classes.
   */
  static generate(status: number, details: ErrorDetails): AgentSessionsError {
    const Class =
      status === 409
        ? details.code === 'invalid_state'
          ? InvalidStateError
          : ConflictError
        : (STATUS_CLASSES[status] ?? (status >= 500 ? ServerError : AgentSessionsError));
    return new Class(details);
  }
}

// The name lives on the prototype (as for the built-in errors), where minifiers leave it alone
// and where the guard above reads it from the class without an instance.
function named(Class: { prototype: Error }, name: string): void {
  Object.defineProperty(Class.prototype, 'name', {
    value: name,
    writable: true,
    configurable: true,
  });
}
named(AgentSessionsError, 'AgentSessionsError');

/** 400 `invalid_request`, or parameters the SDK refused before sending (`status` undefined). */
export class BadRequestError extends AgentSessionsError {
  declare readonly name: 'BadRequestError';
}
named(BadRequestError, 'BadRequestError');

/**
 * 401: the API key is missing or wrong (`unauthorized`), or a session token expired
 * (`token_expired`); a key provider was asked once more for a fresh one first.
 */
export class UnauthorizedError extends AgentSessionsError {
  declare readonly name: 'UnauthorizedError';
}
named(UnauthorizedError, 'UnauthorizedError');

/**
 * 403 (`permission_denied`): the credential is valid but not allowed to do this, e.g. a
 * session token outside its scopes, or listing, starting or minting with one (a fresh key
 * would not help: not retried).
 */
export class PermissionDeniedError extends AgentSessionsError {
  declare readonly name: 'PermissionDeniedError';
}
named(PermissionDeniedError, 'PermissionDeniedError');

/** 404: no session has this id (with a session token: any session but its own). */
export class NotFoundError extends AgentSessionsError {
  declare readonly name: 'NotFoundError';
}
named(NotFoundError, 'NotFoundError');

/** 409 `invalid_state`: the session's state does not allow the operation (e.g. pausing a completed one). */
export class InvalidStateError extends AgentSessionsError {
  declare readonly name: 'InvalidStateError';
  /** The state the session is in, as the API reported it. */
  get state(): string | undefined {
    return this.problem?.state;
  }
}
named(InvalidStateError, 'InvalidStateError');

/** Any other 409, e.g. `idempotency_conflict`: an `Idempotency-Key` reused with another body. */
export class ConflictError extends AgentSessionsError {
  declare readonly name: 'ConflictError';
}
named(ConflictError, 'ConflictError');

/** 429 `rate_limited`, after the retries ran out. */
export class RateLimitError extends AgentSessionsError {
  declare readonly name: 'RateLimitError';
}
named(RateLimitError, 'RateLimitError');

/** 5xx, after the retries ran out. */
export class ServerError extends AgentSessionsError {
  declare readonly name: 'ServerError';
}
named(ServerError, 'ServerError');

/**
 * No usable response: the connection failed or was reset, or the body was cut off (code
 * `connection_error`). The message names the host and how many attempts were made.
 */
export class ConnectionError extends AgentSessionsError {
  declare readonly name: 'ConnectionError';
}
named(ConnectionError, 'ConnectionError');

/** The call's `timeoutMs` passed (code `timeout`), or the server answered 408. */
export class TimeoutError extends AgentSessionsError {
  declare readonly name: 'TimeoutError';
}
named(TimeoutError, 'TimeoutError');

/** The caller's `signal` aborted the call or wait (code `aborted`); `cause` is the abort reason. */
export class AbortError extends AgentSessionsError {
  declare readonly name: 'AbortError';
}
named(AbortError, 'AbortError');

/**
 * The response is not what the API defines: not JSON, a field of the wrong shape (`issues`),
 * or a server whose cursor skips or repeats events (code `invalid_cursor`).
 */
export class ResponseValidationError extends AgentSessionsError {
  declare readonly name: 'ResponseValidationError';
  /** Each problem found, with its path in the response (`response.events[2].data.forced`). */
  readonly issues: ValidationIssue[];
  constructor(details: ErrorDetails & { issues: ValidationIssue[] }) {
    super(details);
    this.issues = details.issues;
  }
}
named(ResponseValidationError, 'ResponseValidationError');

/** What a {@link SessionEndedError} says about the session. */
export interface SessionEndedDetails {
  /** The session. */
  sessionId: string;
  /** The terminal state it ended in. */
  state: string;
  /** Why, from its last `state_changed` event, when known. */
  reason?: string | undefined;
  /** The session's last `error` event (`code` and `message`), when it failed with one. */
  error?: { code: string; message: string } | undefined;
}

/**
 * `answer()`, `ask()` or `run()` waited for an answer but the session ended without one
 * (code `session_ended`): it was cancelled, failed, or timed out. A failed session's error
 * event is in `error` and in the message.
 */
export class SessionEndedError extends AgentSessionsError {
  declare readonly name: 'SessionEndedError';
  /** The session. */
  readonly sessionId: string;
  /** The terminal state it ended in: `interrupted`, `failed`, `completed`. */
  readonly state: string;
  /** Why, from its last `state_changed` event (`cancelled`, `failed`, `idle_timeout`), when known. */
  readonly reason: string | undefined;
  /** The session's last `error` event's `code` and `message`, when it had one. */
  readonly error: { code: string; message: string } | undefined;
  constructor(details: SessionEndedDetails) {
    const { sessionId, state, reason, error } = details;
    super({
      code: 'session_ended',
      message: `Session ${sessionId} ended in state "${state}"${reason ? ` (${reason})` : ''} without an answer${
        error ? `: ${error.code} - ${error.message}` : ''
      }`,
    });
    this.sessionId = sessionId;
    this.state = state;
    this.reason = reason;
    this.error = error;
  }
}
named(SessionEndedError, 'SessionEndedError');

const STATUS_CLASSES: Record<number, new (details: ErrorDetails) => AgentSessionsError> = {
  400: BadRequestError,
  401: UnauthorizedError,
  403: PermissionDeniedError,
  404: NotFoundError,
  408: TimeoutError,
  422: BadRequestError,
  429: RateLimitError,
};

/** The one `AbortError` of a call stopped by its signal: `where` is the request it stopped. */
export function abortError(where: { method: string; path: string }, reason: unknown): AbortError {
  return new AbortError({
    ...where,
    code: 'aborted',
    cause: reason,
    message: `Request aborted: ${where.method} ${where.path}`,
  });
}
