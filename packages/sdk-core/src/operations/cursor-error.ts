import { ResponseValidationError } from '../errors.js';

/** A server whose cursor skips, repeats or stalls: the SDK will not guess. */
export function cursorError(where: string, path: string, problem: string): ResponseValidationError {
  const [method, ...rest] = where.split(' ');
  return new ResponseValidationError({
    code: 'invalid_cursor',
    method,
    path: rest.join(' '),
    issues: [{ path, message: problem }],
    message: `Response does not match the API: ${where} - ${path}: ${problem}`,
  });
}
