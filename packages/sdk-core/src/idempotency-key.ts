import type { ValidationIssue } from '@agent-sessions/protocol';
import { headerIssue } from './header-values.js';
import type { MutationOptions } from './options.js';
import type { Platform } from './platform.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/** The issue with an `Idempotency-Key` value, if any: 1 to 255 characters a header can carry. */
export function idempotencyKeyIssues(path: string, key: unknown): ValidationIssue[] {
  return typeof key !== 'string' || key.length < 1 || key.length > 255
    ? [{ path, message: 'expected 1 to 255 characters' }]
    : headerIssue(path, IDEMPOTENCY_HEADER, key);
}

/**
 * The `Idempotency-Key` every attempt of a POST sends (the call's `idempotencyKey`, a header
 * of that name, else a fresh UUID), or the issues that stop the call. Removing or blanking it
 * (`headers: { 'Idempotency-Key': null }`) is refused: it is what makes a retried POST happen
 * once, and a POST is only ever retried with it.
 */
export function idempotencyKeyFor(
  options: MutationOptions,
  platform: Platform,
): { key: string; issues: ValidationIssue[] } {
  const { headers } = options;
  for (const name in headers) {
    if (name.toLowerCase() !== IDEMPOTENCY_HEADER) continue;
    const value = headers[name];
    const path = `options.headers.${name}`;
    if (value === null || value === undefined)
      return {
        key: '',
        issues: [
          {
            path,
            message:
              'cannot remove the Idempotency-Key of a POST: it is what makes a retried call happen once (pass idempotencyKey to choose it)',
          },
        ],
      };
    if (options.idempotencyKey !== undefined && options.idempotencyKey !== value)
      return { key: '', issues: [{ path, message: 'differs from options.idempotencyKey' }] };
    return { key: value, issues: idempotencyKeyIssues(path, value) };
  }
  if (options.idempotencyKey !== undefined)
    return {
      key: options.idempotencyKey,
      issues: idempotencyKeyIssues('options.idempotencyKey', options.idempotencyKey),
    };
  const key = platform.randomUUID();
  return { key, issues: idempotencyKeyIssues('platform.randomUUID', key) };
}
