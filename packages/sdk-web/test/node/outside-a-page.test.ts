import { createMockServer, type MockServer, scenarios } from '@agent-sessions/mock-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AgentSessions, createSessionStore, type SessionSnapshot } from '../../src/index.ts';

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
