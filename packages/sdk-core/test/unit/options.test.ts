// Client options checked with no server: each bad option refused by name, before any request.
import { describe, expect, test } from 'vitest';
import { AgentSessions, BadRequestError, createClient } from '../../src/index.js';

const never = () => {
  throw new Error('fetch must not be called');
};
const refusal = (make: () => unknown) => {
  try {
    make();
  } catch (error) {
    return error as BadRequestError;
  }
  throw new Error('expected a refusal');
};

describe('client options (no server)', () => {
  test.each([
    ['options.apiKey', {}],
    ['options.apiKey', { apiKey: '' }],
    ['options.apiKey', { apiKey: 'bad\nkey' }],
    ['options.baseUrl', { apiKey: 'k', baseUrl: 'ftp://x' }],
    ['options.baseUrl', { apiKey: 'k', baseUrl: 'http://user:pw@api.test' }],
    ['options.timeoutMs', { apiKey: 'k', timeoutMs: 0 }],
    ['options.timeoutMs', { apiKey: 'k', timeoutMs: Number.NaN }],
    ['options.maxRetries', { apiKey: 'k', maxRetries: -1 }],
    ['options.retry.baseDelayMs', { apiKey: 'k', retry: { baseDelayMs: -5 } }],
    ['options.logLevel', { apiKey: 'k', logLevel: 'loud' }],
    ['options.headers.idempotency-key', { apiKey: 'k', headers: { 'idempotency-key': 'x' } }],
    ['options.platform.online', { apiKey: 'k', platform: { online: true } }],
    ['options.platform.online', { apiKey: 'k', platform: { online: { isOnline: () => true } } }],
    [
      'options.platform.online',
      { apiKey: 'k', platform: { online: { isOnline: true, subscribe: () => () => {} } } },
    ],
  ])('refuses %s: %j', (path, options) => {
    for (const make of [
      () => new AgentSessions({ fetch: never, ...options } as never),
      () => createClient({ fetch: never, ...options } as never),
    ]) {
      const error = refusal(make);
      expect(BadRequestError.is(error)).toBe(true);
      expect(error.errors?.map((e) => e.path)).toContain(path);
      expect(error.message).toContain(path);
    }
  });

  test('a key is never echoed in a refusal', () => {
    const error = refusal(() => new AgentSessions({ apiKey: 'sk_live_secret\n', fetch: never }));
    expect(error.message).not.toContain('sk_live_secret');
    expect(JSON.stringify(error.errors)).not.toContain('sk_live_secret');
  });

  test.each([null, 'sk', 42])('refuses options that are not an object: %j', (options) => {
    expect(BadRequestError.is(refusal(() => new AgentSessions(options as never)))).toBe(true);
    expect(BadRequestError.is(refusal(() => createClient(options as never)))).toBe(true);
  });

  test('the environment fills the key where the platform has one; the option wins', () => {
    const env = (name: string) => (name === 'AGENT_SESSIONS_API_KEY' ? 'from-env' : undefined);
    expect(() => createClient({ platform: { env }, fetch: never })).not.toThrow();
    const error = refusal(() => createClient({ apiKey: '', platform: { env }, fetch: never }));
    expect(error.errors?.[0]?.path).toBe('options.apiKey');
  });
});
