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
 * The `Idempotency-Key` every attempt of a POST sends (a header of that name, the call's
 * `idempotencyKey`, else a fresh UUID) and its issues. Removing or blanking it
 * (`headers: { 'Idempotency-Key': null }`) is refused: it is what makes a retried POST happen
 * once, and a POST is only ever retried with it.
 */
export function idempotencyKeyFor(
  options: MutationOptions,
  platform: Platform,
): { key: string; issues: ValidationIssue[] } {
  const { headers, idempotencyKey } = options;
  for (const name in headers) {
    if (name.toLowerCase() !== IDEMPOTENCY_HEADER) continue;
    const key = headers[name] ?? '';
    const path = `options.headers.${name}`;
    return {
      key,
      issues:
        idempotencyKey !== undefined && idempotencyKey !== key
          ? [{ path, message: 'differs from options.idempotencyKey' }]
          : idempotencyKeyIssues(path, key),
    };
  }
  const key = idempotencyKey ?? platform.randomUUID();
  return {
    key,
    issues: idempotencyKeyIssues(
      idempotencyKey === undefined ? 'platform.randomUUID' : 'options.idempotencyKey',
      key,
    ),
  };
}
