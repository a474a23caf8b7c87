import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../src/backoff.js';

const policy = fc.record({
  baseDelayMs: fc.integer({ min: 0, max: 10_000 }),
  maxDelayMs: fc.integer({ min: 0, max: 120_000 }),
  maxRetryAfterMs: fc.constant(60_000),
});
const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

describe('backoffDelay', () => {
  test('stays within [0, min(maxDelayMs, baseDelayMs * 2^retry)] and is a whole number of ms', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), unit, policy, (retry, random, p) => {
        const delay = backoffDelay(retry, random, p);
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** retry));
      }),
    );
  });

  test('grows with the random draw (full jitter spreads retries over the whole window)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), unit, unit, policy, (retry, a, b, p) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(backoffDelay(retry, low, p)).toBeLessThanOrEqual(backoffDelay(retry, high, p));
      }),
    );
  });

  test('the default bound doubles from 500 ms and stops at 8 s', () => {
    const almostOne = 0.999_999;
    const bounds = [0, 1, 2, 3, 4, 5, 6].map((retry) =>
      backoffDelay(retry, almostOne, DEFAULT_RETRY_POLICY),
    );
    expect(bounds).toEqual([499, 999, 1999, 3999, 7999, 7999, 7999]);
  });
});

describe('parseRetryAfter', () => {
  test('reads whole and fractional seconds as milliseconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), (seconds) => {
        expect(parseRetryAfter(String(seconds), 0)).toBe(seconds * 1000);
      }),
    );
    expect(parseRetryAfter('1.5', 0)).toBe(1500);
  });

  test('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2026-11-24T10:00:00Z');
    expect(parseRetryAfter('Tue, 24 Nov 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 09:00:00 GMT', now)).toBe(0);
  });

  test('is undefined when absent or unreadable', () => {
    for (const value of [null, '', '  ', 'soon']) expect(parseRetryAfter(value, 0)).toBeUndefined();
  });
});
