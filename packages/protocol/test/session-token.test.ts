import { describe, expect, test } from 'vitest';
import {
  requestSchemas,
  validate,
  zCreateSessionTokenRequest,
  zSessionToken,
} from '../src/index.js';
import { HTTP_METHODS, spec } from './spec.js';

const operations = Object.values<Record<string, any>>(spec.paths).flatMap((item) =>
  HTTP_METHODS.filter((m) => item[m]).map((m) => item[m]),
);

describe('which operations a session token may call', () => {
  const tokenScopes = (op: { security?: Record<string, string[]>[] }) =>
    (op.security ?? spec.security).flatMap(
      (requirement: Record<string, string[]>) => requirement.sessionToken ?? [],
    );

  test('read covers status, changes and events; steer covers messages and control', () => {
    const byScope: Record<string, string[]> = {};
    for (const op of operations) {
      for (const scope of tokenScopes(op))
        byScope[scope] = [...(byScope[scope] ?? []), op.operationId];
    }
    expect(byScope.read?.sort()).toEqual(['getSession', 'getSessionChanges', 'listSessionEvents']);
    expect(byScope.steer?.sort()).toEqual(
      [
        'cancelSession',
        'forceSessionAnswer',
        'pauseSession',
        'resumeSession',
        'sendSessionMessage',
      ].sort(),
    );
  });

  test('listing, starting and minting take the account key only', () => {
    for (const id of ['listSessions', 'createSession', 'createSessionToken']) {
      const op = operations.find((o) => o.operationId === id);
      expect(tokenScopes(op), id).toEqual([]);
    }
  });

  test('every scope an operation names is one the spec defines', () => {
    const known = spec.components.schemas.KnownTokenScope.enum;
    for (const op of operations)
      for (const scope of tokenScopes(op)) expect(known).toContain(scope);
  });
});

describe('the token request body', () => {
  const body = (value: unknown) => validate(requestSchemas.createSessionToken, value, 'body');

  test('expires_in_s defaults to 900', () => {
    expect(body({ scopes: ['read'] })).toEqual({
      success: true,
      data: { scopes: ['read'], expires_in_s: 900 },
    });
  });

  test.each([
    [{ scopes: [] }, 'body.scopes', 'expected at least 1 item(s)'],
    [{ scopes: ['read', 'read'] }, 'body.scopes', 'expected each item once'],
    [{ scopes: ['read', 'steer', 'read'] }, 'body.scopes', 'expected each item once'],
    [{ scopes: ['admin'] }, 'body.scopes[0]', 'expected one of "read", "steer"'],
    [{ scopes: 'read' }, 'body.scopes', 'expected array'],
    [{}, 'body.scopes', 'expected array'],
    [{ scopes: ['read'], expires_in_s: 0 }, 'body.expires_in_s', 'expected >= 1'],
    [{ scopes: ['read'], expires_in_s: 3601 }, 'body.expires_in_s', 'expected <= 3600'],
    [{ scopes: ['read'], expires_in_s: 1.5 }, 'body.expires_in_s', 'expected int'],
    [{ scopes: ['read'], session_id: 'ses_2' }, 'body.session_id', 'is not a known field'],
  ])('%j is refused at %s', (value, path, message) => {
    const result = body(value);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues).toContainEqual({ path, message });
  });

  test('the generated validator (not only the strict one) refuses a repeated scope', () => {
    expect(zCreateSessionTokenRequest.safeParse({ scopes: ['steer', 'steer'] }).success).toBe(
      false,
    );
  });

  test('a minted token with a scope a newer server added is accepted (forward compatible)', () => {
    const minted = {
      token: 'sst_1',
      session_id: 'ses_1',
      scopes: ['read', 'admin'],
      expires_at: '2026-01-01T00:15:00.000Z',
    };
    expect(validate(zSessionToken, minted, 'response').success).toBe(true);
  });
});
