import type { ValidationIssue, ValidationResult } from '@agent-sessions/protocol';
import { BadRequestError } from './errors.js';

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
export function validOrRefuse<T>(result: ValidationResult<T>, where: string): T {
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
