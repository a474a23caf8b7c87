import { inspect } from 'node:util';
import { createMockServer, type MockServer } from '@agent-sessions/mock-server';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { AgentSessions, BadRequestError } from '../src/index.js';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer();
});
afterAll(() => server.close());

describe('Node-only edges', () => {
  test('a key with a newline never shows in util.inspect of the error or its cause', async () => {
    const secret = 'sk_live_\nSECRET_TAIL';
    let thrown: unknown;
    try {
      new AgentSessions({ apiKey: secret, baseUrl: server.url });
    } catch (error) {
      thrown = error;
    }
    expect(BadRequestError.is(thrown)).toBe(true);
    expect(inspect(thrown, { depth: 10 })).not.toContain('SECRET_TAIL');
    const provider = new AgentSessions({ apiKey: async () => secret, baseUrl: server.url });
    const error = await provider.sessions.list().catch((e: unknown) => e);
    expect(BadRequestError.is(error)).toBe(true);
    expect(inspect(error, { depth: 10 })).not.toContain('SECRET_TAIL');
  });

  test('eleven concurrent calls on one signal raise no MaxListenersExceeded warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const client = new AgentSessions({ apiKey: 'test-key', baseUrl: server.url });
      const { id } = await client.sessions.start({ input: 'x' });
      const { signal } = new AbortController();
      await Promise.all(Array.from({ length: 11 }, () => client.sessions.status(id, { signal })));
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
