import { type ValidationResult, validate, zSessionId } from '@agent-sessions/protocol';
import { BadRequestError } from './errors.js';
import type { MutationOptions, RequestOptions } from './options.js';

/** Throws a {@link BadRequestError} naming each bad field, before anything is sent. */
export function checked<T>(result: ValidationResult<T>, where: string): T {
  if (result.success) return result.data;
  const list = result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  throw new BadRequestError({
    code: 'invalid_request',
    errors: result.issues,
    message: `Invalid request, not sent: ${where} - ${list}`,
  });
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
