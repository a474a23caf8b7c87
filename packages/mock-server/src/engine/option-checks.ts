/**
 * Checks of the options the mock is started with. Each throws a `MockInputError` (a TypeError) naming the option
 * (never quoting a secret), so a mistake stops the start instead of surfacing later: on the
 * first malformed request, or as a token no client can ever send.
 */

import { MockInputError } from '../errors.js';

/** The largest timer Node and browsers honour (a larger one fires at once). */
export const MAX_TIMER_MS = 2_147_483_647;

/** An integer in `[0, max]`, or `fallback` when absent. */
export function nonNegativeInt(
  value: unknown,
  fallback: number,
  name: string,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > max) {
    const bound = max === Number.MAX_SAFE_INTEGER ? '' : ` and <= ${max}`;
    throw new MockInputError(`${name}: expected an integer >= 0${bound}, got ${describe(value)}`);
  }
  return value;
}

/** A function, or absent. */
export function optionalFunction(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== 'function') {
    throw new MockInputError(`${name}: expected a function, got ${describe(value)}`);
  }
}

/** A boolean, or absent. */
export function optionalBoolean(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== 'boolean') {
    throw new MockInputError(`${name}: expected true or false, got ${describe(value)}`);
  }
}

/** Printable ASCII, no leading or trailing space: what survives a trip through an HTTP header. */
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]{0,4094}[\x21-\x7e])?$/;
/** Visible ASCII only: a Bearer credential is one token (RFC 6750 `b64token` and more). */
const BEARER_SAFE = /^[\x21-\x7e]{1,4096}$/;

/**
 * A secret sent in a header (the admin token): fetch trims surrounding spaces, refuses control
 * bytes and anything past Latin-1, and Latin-1 is read differently by different stacks, so
 * only printable ASCII can always be matched. The message never quotes the value.
 */
export function headerSecret(value: unknown, name: string): string {
  if (typeof value !== 'string' || !HEADER_SAFE.test(value)) {
    throw new MockInputError(
      `${name}: expected 1 to 4096 printable ASCII characters with no leading or trailing space (it travels in an HTTP header)`,
    );
  }
  return value;
}

/** The accepted API keys: each one token of visible ASCII (`Authorization: Bearer <key>`). */
export function apiKeyList(value: unknown, fallback: string[]): string[] {
  if (value === undefined) return fallback;
  if (!Array.isArray(value)) {
    throw new MockInputError(`apiKeys: expected an array of strings, got ${describe(value)}`);
  }
  value.forEach((key, i) => {
    if (typeof key !== 'string' || !BEARER_SAFE.test(key)) {
      throw new MockInputError(
        `apiKeys[${i}]: expected 1 to 4096 visible ASCII characters, no spaces (a Bearer token)`,
      );
    }
  });
  return value;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `a string`;
  if (typeof value === 'number') return String(value);
  return value === null ? 'null' : typeof value;
}
