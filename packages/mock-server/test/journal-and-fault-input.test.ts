// Fault rules and journal filters say exactly what they mean: input that would silently mean
// something else is refused with an error naming it, in-process and over HTTP alike.
import { describe, expect, onTestFinished, test } from 'vitest';
import {
  createMockServer,
  type FaultRule,
  MockAdminClient,
  type MockEngine,
} from '../src/index.js';
import { startEngine } from './support/engine.js';

const controlOf = (engine: MockEngine) =>
  new MockAdminClient('http://mock.test', {
    fetch: (input, init) => engine.handle(new Request(input, init)),
  });

describe('the journal keeps the idempotency key whatever answered the request', () => {
  const faults: [string, Partial<FaultRule>][] = [
    ['server_error', { kind: 'server_error' }],
    ['rate_limit', { kind: 'rate_limit' }],
    ['reset', { kind: 'reset' }],
    ['server_error 503', { kind: 'server_error', status: 503 }],
  ];
  test.each(faults)(
    'a %s fault striking a keyed start first: both attempts journal the key (over HTTP)',
    async (_name, fault) => {
      const server = await createMockServer();
      onTestFinished(() => server.close());
      server.faults.add({ operation: 'createSession', call: 1, ...fault } as FaultRule);
      const start = () =>
        fetch(`${server.url}/v1/sessions`, {
          method: 'POST',
          headers: {
            Authorization: 'Bearer test-key',
            'Content-Type': 'application/json',
            'Idempotency-Key': 'my-key',
          },
          body: '{"input":"x"}',
        });
      await start().then(
        (r) => r.text(),
        () => undefined,
      );
      expect((await start()).status).toBe(201);
      const entries = server.journal.list({ operation: 'createSession' });
      expect(entries.map((e) => e.idempotencyKey)).toEqual(['my-key', 'my-key']);
      expect(server.journal.count({ idempotencyKey: 'my-key' })).toBe(2);
    },
  );

  test('a 401 (no or a wrong key) journals the idempotency key too', async () => {
    const { engine, call } = startEngine();
    await call('POST', '/v1/sessions', {
      body: { input: 'x' },
      key: 'wrong',
      headers: { 'Idempotency-Key': 'k-401' },
    });
    await call('POST', '/v1/sessions', {
      body: { input: 'x' },
      key: null,
      headers: { 'Idempotency-Key': 'k-401' },
    });
    expect(engine.journal.list().map((e) => [e.status, e.idempotencyKey])).toEqual([
      [401, 'k-401'],
      [401, 'k-401'],
    ]);
  });

  test('a 405 and a 404 on POST journal the key as sent', async () => {
    const { engine, call } = startEngine();
    await call('POST', '/v1/nowhere', { headers: { 'Idempotency-Key': 'k-404' } });
    await call('PUT', '/v1/sessions', { headers: { 'Idempotency-Key': 'k-put' } });
    expect(engine.journal.list().map((e) => [e.status, e.idempotencyKey])).toEqual([
      [404, 'k-404'],
      [405, null],
    ]);
  });
});

describe('fault rules that would mean something else are refused', () => {
  const refused: [string, Record<string, unknown>, RegExp][] = [
    ['times without call', { operation: 'getSession', kind: 'server_error', times: 1 }, /times/],
    [
      'sessionId on an operation without a session',
      { operation: 'createSession', kind: 'server_error', sessionId: 'ses_00000001' },
      /sessionId/,
    ],
    [
      'sessionId on listSessions',
      { operation: 'listSessions', kind: 'reset', sessionId: 'ses_00000001' },
      /sessionId/,
    ],
    [
      'retryAfterS on a delay',
      { operation: 'getSession', kind: 'delay', retryAfterS: 1 },
      /retryAfterS/,
    ],
    ['delayMs on a reset', { operation: 'getSession', kind: 'reset', delayMs: 10 }, /delayMs/],
    [
      'seed on a fixed delay',
      { operation: 'getSession', kind: 'delay', delayMs: 10, seed: 3 },
      /seed/,
    ],
    [
      'chunkBytes on a truncate',
      { operation: 'getSession', kind: 'truncate', chunkBytes: 4 },
      /chunkBytes/,
    ],
    ['pauseMs on a delay', { operation: 'getSession', kind: 'delay', pauseMs: 4 }, /pauseMs/],
    [
      'shouldRetry on a malformed',
      { operation: 'getSession', kind: 'malformed', shouldRetry: false },
      /shouldRetry/,
    ],
    [
      'shouldRetry not a boolean',
      { operation: 'getSession', kind: 'server_error', shouldRetry: 'no' },
      /shouldRetry/,
    ],
    [
      'retryAfterMs negative',
      { operation: 'getSession', kind: 'rate_limit', retryAfterMs: -1 },
      /retryAfterMs/,
    ],
    [
      'retryAfterMs on a dribble',
      { operation: 'getSession', kind: 'dribble', retryAfterMs: 5 },
      /retryAfterMs/,
    ],
  ];
  test.each(refused)(
    '%s: faults.add throws naming the field, nothing added',
    (_what, rule, field) => {
      const { engine } = startEngine();
      expect(() => engine.faults.add(rule as unknown as FaultRule)).toThrow(TypeError);
      expect(() => engine.faults.add(rule as unknown as FaultRule)).toThrow(field);
      expect(engine.faults.list()).toEqual([]);
    },
  );

  test('over HTTP the same rule is a 400 naming the field', async () => {
    const { engine } = startEngine();
    await expect(
      controlOf(engine).faults.add({ operation: 'getSession', kind: 'server_error', times: 1 }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringMatching(/times/) });
    expect(engine.faults.list()).toEqual([]);
  });

  test('call and times together strike exactly that window', async () => {
    const { engine, create, call } = startEngine();
    const { body } = await create();
    engine.faults.add({ operation: 'getSession', kind: 'server_error', call: 2, times: 2 });
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await call('GET', `/v1/sessions/${body.id}`)).status);
    expect(statuses).toEqual([200, 500, 500, 200, 200]);
  });
});

describe('faults can send Retry-After-Ms and X-Should-Retry, and browsers may read them', () => {
  test('a rate_limit with retryAfterMs and shouldRetry sends both headers, exposed by CORS', async () => {
    const { engine, create, call } = startEngine();
    const { body } = await create();
    engine.faults.add({
      operation: 'getSession',
      call: 1,
      kind: 'rate_limit',
      retryAfterMs: 1500,
      shouldRetry: true,
    });
    const reply = await call('GET', `/v1/sessions/${body.id}`, {
      headers: { Origin: 'http://app.test' },
    });
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after-ms')).toBe('1500');
    expect(reply.headers.get('retry-after')).toBe('2');
    expect(reply.headers.get('x-should-retry')).toBe('true');
    const exposed = reply.headers.get('access-control-expose-headers')!.split(/,\s*/);
    expect(exposed).toEqual(expect.arrayContaining(['Retry-After-Ms', 'X-Should-Retry']));
  });

  test('a server_error with shouldRetry false says so; retryAfterS on any 5xx sends Retry-After', async () => {
    const { engine, create, call } = startEngine();
    const { body } = await create();
    engine.faults.add({
      operation: 'getSession',
      call: 1,
      kind: 'server_error',
      status: 500,
      shouldRetry: false,
      retryAfterS: 4,
    });
    const reply = await call('GET', `/v1/sessions/${body.id}`);
    expect(reply.status).toBe(500);
    expect(reply.headers.get('x-should-retry')).toBe('false');
    expect(reply.headers.get('retry-after')).toBe('4');
    expect(reply.headers.get('retry-after-ms')).toBeNull();
  });

  test('a fault without them sends neither', async () => {
    const { engine, create, call } = startEngine();
    const { body } = await create();
    engine.faults.add({ operation: 'getSession', call: 1, kind: 'server_error' });
    const reply = await call('GET', `/v1/sessions/${body.id}`);
    expect(reply.headers.get('x-should-retry')).toBeNull();
    expect(reply.headers.get('retry-after-ms')).toBeNull();
  });
});

describe('journal filters mean what they say', () => {
  test('an unknown filter key is refused in-process, as over HTTP', async () => {
    const { engine, create } = startEngine();
    await create();
    const typo = { opertion: 'createSession' } as never;
    expect(() => engine.journal.count(typo)).toThrow(TypeError);
    expect(() => engine.journal.count(typo)).toThrow(/opertion/);
    expect(() => engine.journal.list(typo)).toThrow(/opertion/);
    expect(() => engine.journal.find(typo)).toThrow(/opertion/);
  });

  test('ill-typed filter values are refused in-process', () => {
    const { engine } = startEngine();
    expect(() => engine.journal.count({ status: '201' } as never)).toThrow(/status/);
    expect(() => engine.journal.count({ operation: 'createSesion' } as never)).toThrow(/operation/);
    expect(() => engine.journal.count({ fault: 'boom' } as never)).toThrow(/fault/);
    expect(() => engine.journal.count('createSession' as never)).toThrow(TypeError);
  });

  test('MockAdminClient refuses an unknown filter key instead of dropping it and counting everything', async () => {
    const { engine, create } = startEngine();
    await create();
    await expect(
      controlOf(engine).journal.count({ opertion: 'createSession' } as never),
    ).rejects.toThrow(/opertion/);
  });

  test('the fault that struck can be filtered on, in-process and over HTTP', async () => {
    const { engine, create } = startEngine();
    engine.faults.add({ operation: 'createSession', call: 1, kind: 'server_error' });
    await create();
    await create();
    expect(engine.journal.count({ fault: 'server_error' })).toBe(1);
    expect(engine.journal.list({ fault: null }).map((e) => e.status)).toEqual([201]);
    expect(await controlOf(engine).journal.count({ fault: 'server_error' })).toBe(1);
  });

  test('over HTTP a repeated filter key is a 400, not the last one silently', async () => {
    const { create, call } = startEngine();
    await create();
    const reply = await call('GET', '/_mock/journal/count?status=404&status=201');
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/status.*more than once/);
  });
});
