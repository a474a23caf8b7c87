// Threats T14-T17 of THREATS.md: an upstream that is down, slow or lies, and pages that leave.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createMockServer } from '@agent-sessions/mock-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSessionsHandler } from '../../src/index.js';
import { type NodeApp, nodeApp } from '../support/node-app.js';
import {
  API_KEY,
  APP_ORIGIN,
  BASE_PATH,
  type TwoUsers,
  twoUsers,
  userFromCookie,
} from '../support/two-users.js';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A server that answers each request with `respond` (a lying or stuck upstream). */
async function fakeUpstream(respond: Parameters<typeof createServer>[1]): Promise<string> {
  const server = createServer(respond);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function handlerFor(baseUrl: string, timeoutMs?: number) {
  const handler = createSessionsHandler({
    apiKey: API_KEY,
    baseUrl,
    basePath: BASE_PATH,
    user: userFromCookie,
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });
  return (path: string, init: RequestInit = {}) =>
    handler(
      new Request(`${APP_ORIGIN}${BASE_PATH}${path}`, {
        ...init,
        headers: { cookie: 'sid=alice', ...init.headers },
      }),
    );
}

describe('T14: an upstream that is down', () => {
  it('answers 502 problem+json with Retry-After, and leaves no unhandled rejection', async () => {
    const mock = await createMockServer();
    const downUrl = mock.url;
    await mock.close();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    cleanups.push(async () => {
      process.off('unhandledRejection', unhandled);
    });
    const call = handlerFor(downUrl);
    const answers = await Promise.all([
      call('/v1/sessions'),
      call('/v1/sessions/ses_00000001'),
      call('/v1/sessions/ses_00000001/changes?wait_s=5'),
      call('/v1/sessions/ses_00000001/cancel', { method: 'POST' }),
      call('/v1/sessions', {
        method: 'POST',
        body: '{"input":"hi"}',
        headers: { 'content-type': 'application/json' },
      }),
    ]);
    for (const response of answers) {
      expect(response.status).toBe(502);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(response.headers.get('retry-after')).toBe('1');
      expect(((await response.json()) as { code: string }).code).toBe('bad_gateway');
    }
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('keeps a Node server up when the upstream is down (through the adapter)', async () => {
    const mock = await createMockServer();
    const downUrl = mock.url;
    await mock.close();
    const handler = createSessionsHandler({
      apiKey: API_KEY,
      baseUrl: downUrl,
      basePath: BASE_PATH,
      user: userFromCookie,
    });
    const app: NodeApp = await nodeApp(handler);
    cleanups.push(() => app.close());
    for (let i = 0; i < 3; i++) {
      const response = await app.raw('GET', `${BASE_PATH}/v1/sessions`, { cookie: 'sid=alice' });
      expect(response.status).toBe(502);
    }
  });
});

describe('T15: an upstream that is slow or lies', () => {
  it('answers 504 when the upstream does not answer in time, and 502 for a body that is not JSON', async () => {
    const stuck = await fakeUpstream(() => {
      /* never answers */
    });
    const slow = await handlerFor(stuck, 50)('/v1/sessions');
    expect(slow.status).toBe(504);
    expect(((await slow.json()) as { code: string }).code).toBe('gateway_timeout');

    const html = await fakeUpstream((_request, response) => {
      response.writeHead(500, { 'content-type': 'text/html' }).end('<h1>oops</h1>');
    });
    const garbage = await handlerFor(html)('/v1/sessions');
    expect(garbage.status).toBe(502);
    expect(await garbage.text()).not.toContain('oops');
  });

  it('does not follow an upstream redirect (it would carry the key elsewhere)', async () => {
    let seen = 0;
    const elsewhere = await fakeUpstream((_request, response) => {
      seen++;
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const redirecting = await fakeUpstream((_request, response) => {
      response.writeHead(307, { location: `${elsewhere}/steal` }).end();
    });
    const response = await handlerFor(redirecting)('/v1/sessions');
    expect(response.status).toBe(502);
    expect(seen).toBe(0);
  });

  it("refuses an upstream's created session that names another owner (a replay that is not the user's)", async () => {
    const lying = await fakeUpstream((_request, response) => {
      response.writeHead(201, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'ses_00000001',
          state: 'queued',
          metadata: { agent_sessions_owner: 'user_bob' },
        }),
      );
    });
    const response = await handlerFor(lying)('/v1/sessions', {
      method: 'POST',
      body: '{"input":"hi"}',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status).toBe(502);
    expect(await response.text()).not.toContain('user_bob');
  });

  it('answers a status read whose upstream answer names another owner with the 404', async () => {
    const lying = await fakeUpstream((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'ses_00000001',
          state: 'running',
          metadata: { agent_sessions_owner: 'user_bob' },
        }),
      );
    });
    const response = await handlerFor(lying)('/v1/sessions/ses_00000001');
    expect(response.status).toBe(404);
  });
});

describe('T16: a page that leaves a long-poll', () => {
  let app: TwoUsers;
  afterEach(() => app.close());

  it('aborts the upstream long-poll at once: the parked count drops back', async () => {
    app = await twoUsers({}, { autoAdvance: false });
    const id = await app.start('alice');
    await app.as('alice', `/v1/sessions/${id}/pause`, { method: 'POST' });
    const next = app.mock.sessions.get(id)!.events.length;
    const page = new AbortController();
    const poll = app.as('alice', `/v1/sessions/${id}/changes?from=${next}&wait_s=60`, {
      signal: page.signal,
    });
    await expect.poll(() => app.mock.stats().parked).toBe(1);
    page.abort();
    const response = await poll;
    expect(response.status).toBe(499);
    await expect.poll(() => app.mock.stats().parked).toBe(0);
  });

  it('drops the parked count when a client of the Node adapter disconnects', async () => {
    app = await twoUsers({}, { autoAdvance: false });
    const node = await nodeApp(app.handler);
    cleanups.push(() => node.close());
    const id = await app.start('alice');
    await app.as('alice', `/v1/sessions/${id}/pause`, { method: 'POST' });
    const next = app.mock.sessions.get(id)!.events.length;
    const page = new AbortController();
    const poll = fetch(`${node.url}${BASE_PATH}/v1/sessions/${id}/changes?from=${next}&wait_s=60`, {
      headers: { cookie: 'sid=alice' },
      signal: page.signal,
    }).catch(() => 'aborted');
    await expect.poll(() => app.mock.stats().parked).toBe(1);
    page.abort();
    expect(await poll).toBe('aborted');
    await expect.poll(() => app.mock.stats().parked).toBe(0);
  });
});

describe('T17: a watch costs one upstream call per long-poll', () => {
  let app: TwoUsers;
  afterEach(() => app.close());

  it('sends each long-poll after the first straight on, with no owner lookup', async () => {
    app = await twoUsers();
    const id = await app.start('alice');
    app.proxy.requests.length = 0;
    let from = 0;
    for (let poll = 0; poll < 5; poll++) {
      const response = await app.as('alice', `/v1/sessions/${id}/changes?from=${from}&wait_s=5`);
      from = ((await response.json()) as { next: number }).next;
    }
    expect(app.proxy.requests.map((r) => r.url.split('?')[0])).toEqual(
      Array(5).fill(`/v1/sessions/${id}/changes`),
    );
  });
});
