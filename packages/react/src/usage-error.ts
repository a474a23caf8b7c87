import { BadRequestError } from '@agent-sessions/sdk-web';

/** The typed error for a hook used wrongly: a `BadRequestError` naming the `path` at fault. */
export function usageError(path: string, message: string): BadRequestError {
  return new BadRequestError({
    code: 'invalid_request',
    message: `${path}: ${message}`,
    errors: [{ path, message }],
  });
}
