import {
  type ValidationIssue,
  type ValidationResult,
  validate,
  zSessionId,
} from '@agent-sessions/protocol';
import { BadRequestError } from './errors.js';
import type { MutationOptions, RequestOptions } from './options.js';

/** Throws a {@link BadRequestError} whose message is `prefix` and then each issue. */
export function refuse(prefix: string, issues: ValidationIssue[]): never {
  const list = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new BadRequestError({
    code: 'invalid_request',
    errors: issues,
    message: `${prefix}${list}`,
  });
}

/** The validated value; else throws a {@link BadRequestError} naming each bad field. */
export function checked<T>(result: ValidationResult<T>, where: string): T {
  if (result.success) return result.data;
  return refuse(`Invalid request, not sent: ${where} - `, result.issues);
}

/**
 * The issue with a number option that must be an integer >= `min`, if any (`undefined` is
 * fine: the default applies).
 */
export function countIssue(path: string, value: number | undefined, min: number) {
  if (value === undefined || (Number.isInteger(value) && value >= min)) return [];
  return [{ path, message: `expected an integer >= ${min}` }];
}

/** Refuses bad per-call options (`timeoutMs: 0`, an empty `idempotencyKey`), naming them. */
export function checkRequestOptions(options: MutationOptions, where: string): void {
  const { timeoutMs, maxRetries, idempotencyKey: key } = options;
  const issues = [
    ...countIssue('options.timeoutMs', timeoutMs, 1),
    ...countIssue('options.maxRetries', maxRetries, 0),
    ...(key !== undefined && (typeof key !== 'string' || key.length < 1 || key.length > 255)
      ? [{ path: 'options.idempotencyKey', message: 'expected 1 to 255 characters' }]
      : []),
  ];
  if (issues.length > 0) refuse(`Invalid request, not sent: ${where} - `, issues);
}

/** The session id, checked against the API's pattern; the path segment to use. */
export function sessionPath(id: unknown, rest = ''): string {
  const valid = checked(validate(zSessionId, id, 'session_id'), 'session id');
  return `/v1/sessions/${valid}${rest}`;
}

/** Splits a method's options into the request options and the remaining (wire) parameters. */
export function splitOptions<P extends MutationOptions>(
  params: P,
): [MutationOptions, Omit<P, keyof MutationOptions>] {
  const { signal, timeoutMs, maxRetries, idempotencyKey, ...rest } = params;
  return [{ signal, timeoutMs, maxRetries, idempotencyKey }, rest];
}

/** Just the options of a read (no idempotency key): for the calls a composite method makes. */
export function readOptions(options: RequestOptions): RequestOptions {
  const { signal, timeoutMs, maxRetries } = options;
  return { signal, timeoutMs, maxRetries };
}
