import { createMockServer, type MockServer } from '@agent-sessions/mock-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type Span, type Tracer, tracingHooks } from '../examples/tracing.js';
import { AgentSessions } from '../src/index.js';

let server: MockServer;
beforeAll(async () => {
  server = await createMockServer();
});
afterAll(() => server.close());

test('the tracing example ends one span per request, with the status, and sends traceparent', async () => {
  const ended: { name: string; attributes: Record<string, unknown> }[] = [];
  const tracer: Tracer = {
    startSpan(name, options) {
      const attributes: Record<string, unknown> = { ...options?.attributes };
      const span: Span = {
        setAttribute: (key, value) => (attributes[key] = value),
        addEvent: () => undefined,
        spanContext: () => ({
          traceId: 'a'.repeat(32),
          spanId: String(ended.length).padStart(16, '0'),
          traceFlags: 1,
        }),
        end: () => void ended.push({ name, attributes }),
      };
      return span;
    },
  };
  const sent: (string | null)[] = [];
  const client = new AgentSessions({
    apiKey: 'test-key',
    baseUrl: server.url,
    hooks: tracingHooks(tracer),
    fetch: (input, init) => {
      const request = new Request(input, init);
      sent.push(request.headers.get('traceparent'));
      return fetch(request);
    },
  });
  const session = await client.sessions.start({ input: 'x' });
  await session.status();
  expect(ended.map((span) => span.name)).toEqual([
    'agent-sessions POST /v1/sessions',
    `agent-sessions GET /v1/sessions/${session.id}`,
  ]);
  expect(ended[1]?.attributes).toMatchObject({
    'http.response.status_code': 200,
    'http.request.method': 'GET',
  });
  expect(sent.every((value) => /^00-a{32}-\d{16}-01$/.test(value ?? ''))).toBe(true);
});
