/**
 * Replies and their rendering: an operation's `Reply`, checked against the spec when
 * `validateResponses` is on, serialized once, as an `EngineResponse`.
 */
import { type ValidationResult, validate, zProblem } from '@agent-sessions/protocol';
import type { ZodMiniType } from 'zod/mini';
import type { EngineResponse } from './engine-request.js';
import { ProblemError } from './problem.js';

/**
 * What an operation answers, before it is rendered: the status, the value (kept as an object so
 * an idempotent replay can restamp it and validation never re-parses text) and extra headers.
 */
export interface Reply {
  status: number;
  value: unknown;
  /** True for an RFC 9457 problem body (`application/problem+json`). */
  problem: boolean;
  headers: Record<string, string>;
}

/** Checks a response value against the spec; issue paths start with `response`. */
export type ResponseCheck = (value: unknown) => ValidationResult<unknown>;

/** A {@link ResponseCheck} by one schema. */
export function bySchema(schema: ZodMiniType): ResponseCheck {
  return (value) => validate(schema, value, 'response');
}

const checkProblem = bySchema(zProblem);

const JSON_TYPE = 'application/json';
// Serializations of frozen values already checked: a status polled a thousand times between two
// events is checked and serialized once.
const rendered = new WeakMap<object, string>();
const PROBLEM_TYPE = 'application/problem+json';

/** A JSON reply. */
export function okReply(status: number, value: unknown): Reply {
  return { status, value, problem: false, headers: {} };
}

/** A problem reply for `error`, stamped with the request id. */
export function problemReply(requestId: string, error: ProblemError): Reply {
  return {
    status: error.status,
    value: error.body(requestId),
    problem: true,
    headers: error.headers,
  };
}

/** The same problem reply stamped with another request's id (an idempotent replay). */
export function restamp(reply: Reply, requestId: string): Reply {
  if (!reply.problem) return reply;
  return { ...reply, value: { ...(reply.value as object), request_id: requestId } };
}

/**
 * Renders a reply: checks it with `checkValue` (problem bodies against the Problem schema) when
 * `check` is on, so the mock never sends what the spec forbids (a mismatch becomes a 500), then
 * serializes it once.
 */
export function render(
  reply: Reply,
  requestId: string,
  checkValue: ResponseCheck | undefined,
  check: boolean,
): EngineResponse {
  let current = reply;
  const value = reply.value;
  const cacheable =
    !reply.problem && typeof value === 'object' && value !== null && Object.isFrozen(value);
  const cached = cacheable ? rendered.get(value) : undefined;
  if (cached !== undefined) {
    return {
      status: reply.status,
      headers: { ...reply.headers, 'Content-Type': JSON_TYPE, 'X-Request-Id': requestId },
      body: cached,
    };
  }
  let valid = true;
  if (check) {
    const against = current.problem ? checkProblem : checkValue;
    const result = against?.(current.value);
    if (result && !result.success) {
      valid = false;
      const detail = result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
      current = problemReply(
        requestId,
        new ProblemError(
          500,
          'internal_error',
          `The mock server built an invalid response: ${detail}`,
        ),
      );
    }
  }
  const body = JSON.stringify(current.value);
  // Only a checked (or unchecked by choice) success is reused; a check is per schema, and a
  // frozen snapshot always renders under the same one.
  if (cacheable && valid) rendered.set(value as object, body);
  return {
    status: current.status,
    headers: {
      ...current.headers,
      'Content-Type': current.problem ? PROBLEM_TYPE : JSON_TYPE,
      'X-Request-Id': requestId,
    },
    body,
  };
}
