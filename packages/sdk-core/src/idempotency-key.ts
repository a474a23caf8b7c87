import { type ValidationIssue, validate, zIdempotencyKey } from '@agent-sessions/protocol';
import { headerIssue, IDEMPOTENCY_HEADER } from './header-values.js';
import type { MutationOptions } from './options.js';
import type { Platform } from './platform.js';

/**
 * The issue with an `Idempotency-Key` value, if any: the spec's `IdempotencyKey` (1 to 255
 * characters), then what a header can carry.
 */
export function idempotencyKeyIssues(path: string, key: unknown): ValidationIssue[] {
  const result = validate(zIdempotencyKey, key, path);
  return result.success ? headerIssue(path, IDEMPOTENCY_HEADER, result.data) : result.issues;
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
