import { createMockServer, type MockServer, scenarios } from '@agent-sessions/mock-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { browserOnline } from '../../src/browser-online.ts';
import {
  AgentSessions,
  BadRequestError,
  createSessionStore,
  type SessionSnapshot,
} from '../../src/index.ts';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer({ fixtures: Object.values(scenarios) });
});
afterAll(() => server.close());

const client = (url = server.url) =>
  new AgentSessions({
    apiKey: 'test-key',
    dangerouslyAllowBrowser: true,
    baseUrl: url,
    // A failure must show, not be retried as if the network were down.
    maxRetries: 0,
  });

describe('sdk-web outside a page (Node: no online/offline events)', () => {
  test('the runtime has no network events, as in Node, Deno and Bun', () => {
    expect(typeof (globalThis as { addEventListener?: unknown }).addEventListener).not.toBe(
      'function',
    );
  });

  test('the browser online piece counts the network as always online here, and hears nothing', () => {
    expect(browserOnline.isOnline()).toBe(true);
    const unsubscribe = browserOnline.subscribe(() => {
      throw new Error('no network events here');
    });
    expect(unsubscribe).toBeTypeOf('function');
    unsubscribe();
  });

  test('calls work: start, status, steering and watch to the end', async () => {
    const session = await client().sessions.start({ input: 'x' });
    expect((await session.status()).id).toBe(session.id);
    const types: string[] = [];
    for await (const event of session.watch()) types.push(event.type);
    expect(types.at(-1)).toBe('state_changed');
    expect(await session.answer()).toBe('The capital of France is Paris.');
  });

  test('timeouts still fire: a call to a server that never answers ends with a TimeoutError', async () => {
    const silent = new AgentSessions({
      apiKey: 'test-key',
      dangerouslyAllowBrowser: true,
      baseUrl: server.url,
      maxRetries: 0,
      fetch: (input, init) =>
        new Promise((_, reject) => {
          const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        }),
    });
    await expect(silent.sessions.status('ses_x', { timeoutMs: 50 })).rejects.toMatchObject({
      name: 'TimeoutError',
    });
  });

  test('the store follows a session to its end and matches the server', async () => {
    const session = await client().sessions.start({
      input: 'x',
      metadata: { scenario: 'delegation' },
    });
    const store = createSessionStore(session);
    const final = await new Promise<SessionSnapshot>((resolve) => {
      const unsubscribe = store.subscribe(() => {
        const snapshot = store.getSnapshot();
        if (snapshot.done) {
          unsubscribe();
          resolve(snapshot);
        }
      });
    });
    const inspected = server.sessions.get(session.id);
    if (!inspected) throw new Error('the server lost the session');
    expect(final.error).toBeUndefined();
    expect(final.events).toEqual(inspected.events);
    expect(final.step_count).toBe(inspected.session.step_count);
  });
});

describe("a path baseUrl outside a page (a server render of the guide's module-level client)", () => {
  const make = (sent: string[]) =>
    new AgentSessions({
      baseUrl: '/api/agent-sessions',
      fetch: async (input) => {
        sent.push(String(input instanceof Request ? input.url : input));
        return new Response('{}', { status: 500 });
      },
    });

  test('the client is made, and withOptions with another path too: nothing throws at construction', () => {
    expect(globalThis.location).toBeUndefined();
    const client = make([]);
    expect(client.withOptions({ baseUrl: '/api/v2' })).toBeInstanceOf(AgentSessions);
    // What a server render reads: the store's server snapshot, with no request made.
    const store = createSessionStore(client.sessions.get('ses_00000001'));
    expect(store.getServerSnapshot()).toMatchObject({ id: 'ses_00000001', cursor: 0 });
  });

  test('a call made there fails with a BadRequestError naming options.baseUrl; nothing sent, not retried', async () => {
    const sent: string[] = [];
    const client = make(sent);
    const error = await client.sessions.status('ses_00000001').catch((e: unknown) => e);
    expect(BadRequestError.is(error)).toBe(true);
    expect((error as BadRequestError).errors.map((e) => e.path)).toEqual(['options.baseUrl']);
    expect((error as BadRequestError).message).toMatch(/is a path, and there is no page here/);
    await expect(client.sessions.start({ input: 'x' })).rejects.toMatchObject({
      name: 'BadRequestError',
    });
    expect(sent).toEqual([]);
  });

  test('it is resolved against the page when a request is made, each time', async () => {
    const client = new AgentSessions({ baseUrl: '/', maxRetries: 0 });
    const global = globalThis as { location?: { href: string } };
    global.location = { href: `${server.url}/some/page` };
    try {
      const session = await new AgentSessions({
        apiKey: 'test-key',
        dangerouslyAllowBrowser: true,
        baseUrl: server.url,
      }).sessions.start({ input: 'x' });
      const { response } = await client
        .withOptions({ defaultHeaders: { authorization: 'Bearer test-key' } })
        .sessions.status(session.id)
        .withResponse();
      expect(response.url).toBe(`${server.url}/v1/sessions/${session.id}`);
      // A page whose location holds credentials is refused too, never echoing them.
      global.location = { href: 'http://user:PASSWORD9@127.0.0.1:9/' };
      const error = await client.sessions.status(session.id).catch((e: unknown) => e);
      expect((error as BadRequestError).errors.map((e) => e.path)).toEqual(['options.baseUrl']);
      expect(String((error as Error).message)).not.toContain('PASSWORD9');
    } finally {
      delete global.location;
    }
    await expect(client.sessions.status('ses_00000001')).rejects.toMatchObject({
      name: 'BadRequestError',
    });
  });
});
