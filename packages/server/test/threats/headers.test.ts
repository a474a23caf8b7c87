// Threats T9-T11 of THREATS.md: credentials and headers crossing the handler.
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, type TwoUsers, twoUsers } from '../support/two-users.js';

let app: TwoUsers | undefined;
afterEach(() => app?.close());

/** Every answer of a short session's life through the handler, for scanning. */
async function aSessionsLife(app: TwoUsers, init: RequestInit = {}) {
  const responses: Response[] = [];
  const call = async (path: string, extra: RequestInit = {}) => {
    const response = await app.as('alice', path, {
      ...extra,
      headers: {
        ...(init.headers as Record<string, string>),
        ...(extra.headers as Record<string, string>),
      },
    });
    responses.push(response.clone());
    return response;
  };
  const started = await call('/v1/sessions', {
    method: 'POST',
    body: JSON.stringify({ input: 'Hi.', metadata: { scenario: 'tool-calls' } }),
    headers: { 'idempotency-key': 'k1' },
  });
  const { id } = (await started.json()) as { id: string };
  await call(`/v1/sessions/${id}`);
  await call(`/v1/sessions/${id}/changes?from=0&wait_s=1`);
  await call(`/v1/sessions/${id}/events`);
  await call('/v1/sessions');
  await call(`/v1/sessions/${id}/tokens`, {
    method: 'POST',
    body: JSON.stringify({ scopes: ['read'] }),
  });
  await call(`/v1/sessions/${id}/cancel`, { method: 'POST' });
  await call(`/v1/sessions/${id}/cancel`, { method: 'POST' });
  await call(`/v1/sessions/${id}/pause`, { method: 'POST' }); // 409: a problem from upstream
  await call('/v1/sessions/ses_zzzzzzzz'); // 404
  return responses;
}

describe("T9: the page's Authorization and Cookie never reach the upstream", () => {
  it('sends the upstream the account key and none of the page credentials', async () => {
    app = await twoUsers();
    await aSessionsLife(app, {
      headers: {
        authorization: 'Bearer page-stolen-token',
        'x-forwarded-for': '6.6.6.6',
        'x-api-key': 'k',
      },
    });
    expect(app.proxy.requests.length).toBeGreaterThan(5);
    for (const { headers } of app.proxy.requests) {
      expect(headers.authorization).toBe(`Bearer ${API_KEY}`);
      expect(headers.cookie).toBeUndefined();
      expect(headers['x-forwarded-for']).toBeUndefined();
      expect(headers['x-api-key']).toBeUndefined();
    }
  });

  it('passes the page X-Request-Id and X-Retry-Count when they are plain tokens, drops them otherwise', async () => {
    app = await twoUsers();
    const id = await app.start('alice');
    app.proxy.requests.length = 0;
    await app.as('alice', `/v1/sessions/${id}`, {
      headers: { 'x-request-id': 'page-1', 'x-retry-count': '2' },
    });
    await app.as('alice', `/v1/sessions/${id}`, {
      headers: { 'x-request-id': 'a b\tc', 'x-retry-count': 'x' },
    });
    expect(app.proxy.requests[0]!.headers['x-request-id']).toBe('page-1');
    expect(app.proxy.requests[0]!.headers['x-retry-count']).toBe('2');
    expect(app.proxy.requests[1]!.headers['x-request-id']).toBeUndefined();
    expect(app.proxy.requests[1]!.headers['x-retry-count']).toBeUndefined();
  });
});

describe('T10: the key never reaches a page', () => {
  it('appears in no body or header of any answer, success or problem', async () => {
    app = await twoUsers();
    const responses = await aSessionsLife(app);
    expect(responses.map((r) => r.status)).toEqual([
      201, 200, 200, 200, 200, 201, 200, 200, 409, 404,
    ]);
    for (const response of responses) {
      const text = await response.text();
      expect(text).not.toContain(API_KEY);
      for (const [, value] of response.headers) expect(value).not.toContain(API_KEY);
    }
  });

  it('answers an upstream that refuses the key with a 502 that does not name it', async () => {
    app = await twoUsers({ apiKey: 'wrong-key-value' });
    const response = await app.as('alice', '/v1/sessions');
    expect(response.status).toBe(502);
    expect(response.headers.get('x-should-retry')).toBe('false');
    const text = await response.text();
    expect(text).toContain('upstream_unauthorized');
    expect(text).not.toContain('wrong-key-value');
  });
});

describe('T11: upstream headers a page must not get, and compression', () => {
  it('drops Set-Cookie, hop-by-hop and other upstream headers, and sets no-store', async () => {
    app = await twoUsers(
      {},
      {},
      {
        extraHeaders: {
          'set-cookie': 'upstream=1',
          'www-authenticate': 'Bearer',
          'x-internal-host': 'db-7',
          'keep-alive': 'timeout=5',
          'access-control-allow-origin': '*',
        },
      },
    );
    const id = await app.start('alice');
    const response = await app.as('alice', `/v1/sessions/${id}`);
    expect(response.status).toBe(200);
    for (const name of [
      'set-cookie',
      'www-authenticate',
      'x-internal-host',
      'keep-alive',
      'access-control-allow-origin',
    ]) {
      expect(response.headers.get(name)).toBeNull();
    }
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('x-request-id')).toMatch(/^req_/);
  });

  it('answers a gzip-compressing upstream with the decoded body and no stale Content-Encoding/Length', async () => {
    app = await twoUsers({}, {}, { gzip: true });
    const id = await app.start('alice');
    const response = await app.as('alice', `/v1/sessions/${id}/events`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBeNull();
    expect(response.headers.get('content-length')).toBeNull();
    const body = (await response.json()) as { data: unknown[] };
    expect(body.data.length).toBeGreaterThan(0);
  });

  it('passes the upstream X-Request-Id through to the page', async () => {
    app = await twoUsers();
    const id = await app.start('alice');
    const response = await app.as('alice', `/v1/sessions/${id}`);
    const last = app.mock.journal.list({ operation: 'getSession' }).at(-1)!;
    expect(response.headers.get('x-request-id')).toBe(last.requestId);
  });
});
