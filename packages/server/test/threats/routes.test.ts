// Threats T6-T8 of THREATS.md: reaching what is not the API, or smuggling past the allowlist.

import { OPERATIONS } from '@agent-sessions/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type NodeApp, nodeApp } from '../support/node-app.js';
import { BASE_PATH, type TwoUsers, twoUsers } from '../support/two-users.js';

let app: TwoUsers;
let node: NodeApp;
beforeEach(async () => {
  app = await twoUsers({}, { autoAdvance: false });
  node = await nodeApp(app.handler);
});
afterEach(async () => {
  await node.close();
  await app.close();
});

const cookie = { cookie: 'sid=alice' };

describe('T6: only the spec operations pass', () => {
  const elsewhere = [
    '/_mock/stats',
    '/_mock/reset',
    '/v1',
    '/v1/',
    '/v1/sessions/',
    '/v2/sessions',
    '/v1/sessions/ses_00000001/unknown',
    '/v1/sessions/ses_00000001/changes/extra',
    '/V1/sessions',
    '/v1/sessions/ses_00000001/tokens/x',
  ];
  for (const path of elsewhere) {
    it(`answers ${path} with a 404 and calls no upstream`, async () => {
      for (const method of ['GET', 'POST']) {
        const response = await app.as('alice', path, { method });
        expect(response.status).toBe(404);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
      }
      expect(app.proxy.requests).toEqual([]);
    });
  }

  it('answers a method the spec does not list on a real path with a 404 and no upstream call', async () => {
    const id = await app.start('alice');
    app.proxy.requests.length = 0;
    for (const method of ['PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD', 'FOO']) {
      for (const path of ['/v1/sessions', `/v1/sessions/${id}`, `/v1/sessions/${id}/cancel`]) {
        expect((await app.as('alice', path, { method })).status).toBe(404);
      }
    }
    expect((await app.as('alice', `/v1/sessions/${id}/cancel`, { method: 'GET' })).status).toBe(
      404,
    );
    expect((await app.as('alice', `/v1/sessions/${id}/changes`, { method: 'POST' })).status).toBe(
      404,
    );
    expect(app.proxy.requests).toEqual([]);
  });

  it('serves nothing outside basePath', async () => {
    const response = await app.handler(
      new Request('http://app.test/v1/sessions', { headers: cookie }),
    );
    expect(response.status).toBe(404);
    const sibling = await app.handler(
      new Request(`http://app.test${BASE_PATH}-other/v1/sessions`, { headers: cookie }),
    );
    expect(sibling.status).toBe(404);
    expect(app.proxy.requests).toEqual([]);
  });

  it('derives every route from the spec (each operation answers, none is hand-listed)', async () => {
    const methods = new Set(
      Object.values(OPERATIONS).map((operation) => `${operation.method} ${operation.path}`),
    );
    expect(methods).toContain('GET /v1/sessions/{session_id}/changes');
    expect(methods).toContain('POST /v1/sessions/{session_id}/tokens');
  });
});

describe('T7: dot segments, encoded slashes and other path tricks', () => {
  const tricks = [
    `${BASE_PATH}/../../_mock/stats`,
    `${BASE_PATH}/v1/../../../_mock/stats`,
    `${BASE_PATH}/v1/sessions/%2e%2e/%2e%2e/_mock/stats`,
    `${BASE_PATH}/v1/sessions/ses_00000001%2Fcancel`,
    `${BASE_PATH}/v1/sessions/ses_00000001%2fcancel`,
    `${BASE_PATH}/v1/sessions/..%2F..%2F_mock%2Fstats`,
    `${BASE_PATH}/v1/sessions/ses_00000001%5C..%5Ccancel`,
    `${BASE_PATH}/v1/sessions/ses_00000001\\..\\ses_00000002`,
    `${BASE_PATH}/v1/sessions/./ses_00000001`,
    `${BASE_PATH}/v1//sessions`,
    `${BASE_PATH}//v1/sessions`,
    `${BASE_PATH}/v1/sessions/ses_00000001;x=1`,
    `${BASE_PATH}/v1/sessions/ses%5F00000001`,
    `${BASE_PATH}/v1/sessions/%73es_00000001`,
    `${BASE_PATH}/v1/sessions/ses_00000001/changes%3Ffrom=0`,
    `${BASE_PATH}/v1/sessions/ses_00000001%00`,
  ];
  for (const target of tricks) {
    it(`answers ${target} with a 404 and no upstream call (through Node http, raw)`, async () => {
      await app.start('alice');
      app.proxy.requests.length = 0;
      const response = await node.raw('GET', target, cookie);
      expect(response.status).toBe(404);
      expect(app.proxy.requests).toEqual([]);
    });
  }

  it('answers the same tricks given as web Requests (the runtime parsed the URL) with no upstream call', async () => {
    for (const target of tricks) {
      let request: Request;
      try {
        request = new Request(`http://app.test${target}`, { headers: cookie });
      } catch {
        continue;
      }
      const response = await app.handler(request);
      // A runtime that resolved `..` may land on a real route of the API; never outside it.
      if (response.status !== 404)
        expect(new URL(request.url).pathname.startsWith(`${BASE_PATH}/v1/`)).toBe(true);
    }
    expect(app.proxy.requests.every((r) => r.url.startsWith('/v1/'))).toBe(true);
  });

  it('refuses an absolute-form request target', async () => {
    const response = await node.raw('GET', `http://evil.test${BASE_PATH}/v1/sessions`, cookie);
    expect(response.status).toBe(404);
    expect(app.proxy.requests).toEqual([]);
  });
});

describe('T8: query parameters the spec does not describe', () => {
  it('refuses unknown, repeated and out-of-bounds parameters with a 400 naming them, before any upstream call', async () => {
    const id = await app.start('alice');
    app.proxy.requests.length = 0;
    const cases: Array<[string, string]> = [
      [`/v1/sessions/${id}/changes?from=0&admin=1`, 'query.admin'],
      [`/v1/sessions/${id}/changes?from=0&from=1`, 'query.from'],
      [`/v1/sessions/${id}/changes?wait_s=61`, 'query.wait_s'],
      [`/v1/sessions/${id}/changes?from=-1`, 'query.from'],
      [`/v1/sessions/${id}/changes?from=1e3`, 'query.from'],
      [`/v1/sessions/${id}/events?limit=0`, 'query.limit'],
      [`/v1/sessions?limit=101`, 'query.limit'],
      [`/v1/sessions?cursor=`, 'query.cursor'],
      [`/v1/sessions/${id}?from=0`, 'query.from'],
    ];
    for (const [path, field] of cases) {
      const response = await app.as('alice', path);
      expect(response.status, path).toBe(400);
      const problem = (await response.json()) as { errors: Array<{ path: string }> };
      expect(problem.errors.map((e) => e.path)).toContain(field);
    }
    expect(app.proxy.requests).toEqual([]);
  });

  it('rebuilds the upstream query from the checked values', async () => {
    const id = await app.start('alice');
    app.proxy.requests.length = 0;
    const response = await app.as('alice', `/v1/sessions/${id}/events?limit=2&from=0`);
    expect(response.status).toBe(200);
    expect(app.proxy.requests.map((r) => r.url)).toEqual([
      `/v1/sessions/${id}/events?limit=2&from=0`,
    ]);
  });
});
