import { DEFAULT_BASE_URL } from '@agent-sessions/protocol';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromWebRequest } from '../../src/api/engine-request.js';
import { MockAdminClient } from '../../src/entries/engine.js';
import { createMockHandlers, type MockHandlers } from '../../src/entries/msw.js';

// The handlers in MSW's Node interceptor, called with the global `fetch` as an app would. One
// MSW server for the file; each test adds its own handlers with `use` and they are removed
// (and their engines closed) after it, so no test sees another's sessions or faults.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

const engines: MockHandlers['engine'][] = [];
afterEach(() => {
  server.resetHandlers();
  for (const engine of engines.splice(0)) engine.close();
});

/** Handlers for this test only, with a catch-all behind them that says "not the mock". */
function use(options?: Parameters<typeof createMockHandlers>[0]): MockHandlers {
  const created = createMockHandlers(options);
  engines.push(created.engine);
  server.use(
    ...created.handlers,
    http.all('*', () => HttpResponse.text('elsewhere', { status: 418 })),
  );
  return created;
}

const AUTH = { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' };

function create(baseUrl: string, body: object = { input: 'hi' }) {
  return fetch(`${baseUrl}/v1/sessions`, {
    method: 'POST',
    headers: AUTH,
    body: JSON.stringify(body),
  });
}

describe('createMockHandlers', () => {
  it('serves the API at the SDK default base URL by default', async () => {
    const { engine } = use();
    const response = await create(DEFAULT_BASE_URL);
    expect(response.status).toBe(201);
    const session = (await response.json()) as { id: string; state: string };
    expect(engine.sessions.get(session.id)?.session.state).toBe(session.state);
  });

  it('serves the /_mock control routes, so MockAdminClient works against the base URL', async () => {
    const { engine } = use();
    const control = new MockAdminClient(DEFAULT_BASE_URL);
    const id = ((await (await create(DEFAULT_BASE_URL)).json()) as { id: string }).id;
    expect((await control.sessions.get(id))?.session.id).toBe(id);
    expect(await control.clock.advance(60_000)).toBe(engine.clock.now());
    expect((await control.stats()).sessions).toBe(1);
  });

  it('answers a reset fault with a network error: fetch rejects, the session is untouched', async () => {
    const { engine } = use({ faults: [{ operation: 'createSession', call: 1, kind: 'reset' }] });
    await expect(create(DEFAULT_BASE_URL)).rejects.toThrow(TypeError);
    expect(engine.stats().sessions).toBe(0);
    expect((await create(DEFAULT_BASE_URL)).status).toBe(201);
  });

  it('holds a delay fault on the engine clock (auto-advanced while the client waits)', async () => {
    const { engine } = use({
      faults: [{ operation: 'createSession', call: 1, kind: 'delay', delayMs: 90_000 }],
    });
    const before = engine.clock.now();
    const response = await create(DEFAULT_BASE_URL);
    expect(response.status).toBe(201);
    expect(response.headers.get('X-Mock-Fault')).toBe('delay');
    expect(engine.clock.now() - before).toBeGreaterThanOrEqual(90_000);
  });

  it('streams a dribble fault body chunk by chunk from the engine', async () => {
    use({
      faults: [
        { operation: 'createSession', call: 1, kind: 'dribble', chunkBytes: 64, pauseMs: 1 },
      ],
    });
    const response = await create(DEFAULT_BASE_URL);
    expect(response.headers.get('X-Mock-Fault')).toBe('dribble');
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let chunks = 0;
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      chunks += 1;
      text += decoder.decode(read.value, { stream: true });
    }
    expect(chunks).toBeGreaterThan(1);
    expect((JSON.parse(text) as { id: string }).id).toMatch(/^ses_/);
  });

  it('takes the engine options: API keys and fixtures', async () => {
    const { engine } = use({ apiKeys: ['other-key'] });
    expect((await create(DEFAULT_BASE_URL)).status).toBe(401);
    const ok = await fetch(`${DEFAULT_BASE_URL}/v1/sessions`, {
      method: 'POST',
      headers: { ...AUTH, Authorization: 'Bearer other-key' },
      body: JSON.stringify({ input: 'hi', metadata: { scenario: 'failure' } }),
    });
    expect(ok.status).toBe(201);
    expect(engine.scenarioNames).toContain('failure');
  });

  it('answers only under its base URL: other origins and ports reach the other handlers', async () => {
    use({ baseUrl: 'http://localhost:4010' });
    expect((await create('http://localhost:4010')).status).toBe(201);
    expect((await create('http://localhost:4011')).status).toBe(418);
    expect((await create('https://localhost:4010')).status).toBe(418);
    expect((await create(DEFAULT_BASE_URL)).status).toBe(418);
  });

  it('serves a base URL with a path prefix, and only paths under that prefix', async () => {
    const { engine } = use({ baseUrl: 'https://api.example.test/agents/' });
    const response = await create('https://api.example.test/agents');
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    expect(engine.sessions.get(id)).toBeDefined();
    const control = new MockAdminClient('https://api.example.test/agents');
    expect((await control.stats()).sessions).toBe(1);
    expect((await create('https://api.example.test/agentsv1')).status).toBe(418);
    expect((await create('https://api.example.test')).status).toBe(418);
  });

  it('gives each base URL its own engine', async () => {
    const a = use({ baseUrl: 'https://a.test' });
    const b = createMockHandlers({ baseUrl: 'https://b.test' });
    engines.push(b.engine);
    server.use(...b.handlers);
    expect((await create('https://a.test')).status).toBe(201);
    expect(a.engine.stats().sessions).toBe(1);
    expect(b.engine.stats().sessions).toBe(0);
  });

  it('sees a client leave a parked long-poll: the abort reaches the engine', async () => {
    const { engine } = use({ autoAdvance: false });
    const { id } = (await (await create(DEFAULT_BASE_URL)).json()) as { id: string };
    const from = engine.sessions.get(id)!.events.length;
    const leave = new AbortController();
    const poll = fetch(`${DEFAULT_BASE_URL}/v1/sessions/${id}/changes?from=${from}&wait_s=30`, {
      headers: AUTH,
      signal: leave.signal,
    });
    await expect.poll(() => engine.stats().parked).toBe(1);
    leave.abort();
    await expect(poll).rejects.toThrow(/abort/i);
    await expect.poll(() => engine.stats().parked).toBe(0);
  });

  it.each([
    ['GET', '/v1/sessions/%ZZ'],
    ['GET', '//['],
    ['TRACE', '/v1/sessions'],
    ['GET', '/'],
  ])('answers %s %s with a 4xx problem from the engine, not an MSW error', async (method, path) => {
    use();
    const response = await fetch(`${DEFAULT_BASE_URL}${path}`, { method, headers: AUTH });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(((await response.json()) as { request_id: string }).request_id).toMatch(/^req_/);
  });

  it('refuses a body over maxBodyBytes with a 413 and creates nothing', async () => {
    const { engine } = use({ maxBodyBytes: 1024 });
    const response = await create(DEFAULT_BASE_URL, { input: 'x'.repeat(4096) });
    expect(response.status).toBe(413);
    expect(engine.stats().sessions).toBe(0);
  });

  it.each([
    ['not a URL', 'api.agent-sessions.dev', /absolute http\(s\) URL/],
    ['another protocol', 'ftp://api.test', /http\(s\) URL, got protocol "ftp:"/],
    ['a query', 'https://api.test/?a=1', /no query, fragment or credentials/],
    ['credentials', 'https://user:secret@api.test', /no query, fragment or credentials/],
  ])('refuses a base URL with %s, naming the option', (_, baseUrl, message) => {
    expect(() => createMockHandlers({ baseUrl })).toThrow(TypeError);
    expect(() => createMockHandlers({ baseUrl })).toThrow(message);
    expect(() => createMockHandlers({ baseUrl })).not.toThrow(/secret/);
  });

  it('answers HEAD with a 405 and no body (a HEAD response has none)', async () => {
    use();
    const response = await fetch(`${DEFAULT_BASE_URL}/v1/sessions`, {
      method: 'HEAD',
      headers: AUTH,
    });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, POST');
    expect(await response.text()).toBe('');
  });

  it('refuses a second createMockHandlers at a base URL an open engine already serves', () => {
    const first = use({ baseUrl: 'https://same.test/api' });
    for (const baseUrl of [
      'https://same.test/api',
      'https://same.test/api/',
      'https://same.test/api/v2',
      'https://same.test',
    ]) {
      expect(() => createMockHandlers({ baseUrl }), baseUrl).toThrow(TypeError);
      expect(() => createMockHandlers({ baseUrl }), baseUrl).toThrow(
        /already served.*engine\.close\(\)/,
      );
    }
    // Another prefix, origin or port is another API.
    for (const baseUrl of [
      'https://same.test/apiv2',
      'http://same.test/api',
      'https://same.test:8443/api',
    ]) {
      const other = createMockHandlers({ baseUrl });
      other.engine.close();
    }
    // Once the first engine is closed, the base URL is free again.
    first.engine.close();
    createMockHandlers({ baseUrl: 'https://same.test/api' }).engine.close();
  });

  it('enforces maxBodyBytes where the platform gives no body stream (a browser): from Content-Length, else after reading', async () => {
    const { engine } = use({ maxBodyBytes: 100 });
    // What a browser's Request can look like to the handler: no readable `body` stream.
    const streamless = (body: string, headers: Record<string, string> = {}) => {
      const real = new Request(`${DEFAULT_BASE_URL}/v1/sessions`, {
        method: 'POST',
        headers: { ...AUTH, ...headers },
        body,
      });
      const reads: number[] = [];
      const request = {
        method: real.method,
        url: real.url,
        headers: real.headers,
        signal: real.signal,
        body: null,
        arrayBuffer: () => {
          reads.push(1);
          return real.arrayBuffer();
        },
      } as unknown as Request;
      return { request, reads };
    };
    const big = JSON.stringify({ input: 'x'.repeat(200) });
    const declared = streamless(big, { 'Content-Length': String(big.length) });
    expect((await engine.serve(fromWebRequest(declared.request))).status).toBe(413);
    expect(declared.reads).toEqual([]);
    const undeclared = streamless(big);
    expect((await engine.serve(fromWebRequest(undeclared.request))).status).toBe(413);
    // Within the limit, the same path reads the body and the session starts.
    const small = streamless('{"input":"hi"}');
    expect((await engine.serve(fromWebRequest(small.request))).status).toBe(201);
    expect(small.reads).toEqual([1]);
  });
});
