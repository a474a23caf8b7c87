import { describe, expect, test } from 'vitest';
import { BodyTooLargeError } from '../src/index.js';
import { bodyOf, startEngine } from './support/engine.js';

// Regression tests, one per attack the issue measured: every request gets an answer, a 4xx
// problem for bad input, and nothing changes when it is refused.

function expectProblem(
  response: { status: number; headers: Headers | Record<string, string> },
  status: number,
) {
  expect(response.status).toBe(status);
  const type =
    response.headers instanceof Headers
      ? response.headers.get('content-type')
      : response.headers['Content-Type'];
  expect(type).toBe('application/problem+json');
}

describe('every request gets an answer', () => {
  test('answers TRACE /v1/sessions with a 405 problem naming the allowed methods, not a crash', async () => {
    // A web Request refuses TRACE, so the raw engine request the Node adapter builds is used.
    const { raw } = startEngine();
    const response = await raw({ method: 'TRACE', url: '/v1/sessions' });
    expectProblem(response, 405);
    expect(response.headers.Allow).toBe('GET, POST');
    expect(bodyOf(response)).toMatchObject({ code: 'method_not_allowed', status: 405 });
  });

  test('answers any method token (FOO) with a 405 and a method that is no token with a 400', async () => {
    const { raw } = startEngine();
    expect((await raw({ method: 'FOO', url: '/v1/sessions/ses_1' })).status).toBe(405);
    const bad = await raw({ method: 'G ET', url: '/v1/sessions' });
    expectProblem(bad, 400);
    expect(bodyOf(bad).errors).toEqual([{ path: 'method', message: 'is not a valid method' }]);
  });

  test('answers GET //[ (path-as-is) with a 4xx problem, not a crash', async () => {
    const { raw } = startEngine();
    const response = await raw({ method: 'GET', url: '//[' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(bodyOf(response).status).toBe(response.status);
  });

  test('answers an absolute-form target with a bad port (GET http://a:99999/) with a 400 problem', async () => {
    const { raw } = startEngine();
    const response = await raw({ method: 'GET', url: 'http://a:99999/' });
    expectProblem(response, 400);
    expect(bodyOf(response).errors[0].path).toBe('url');
  });

  test('answers GET /v1/sessions/%ZZ with a 400 problem, not silence', async () => {
    const { call } = startEngine();
    const reply = await call('GET', '/v1/sessions/%ZZ');
    expectProblem(reply, 400);
    expect(reply.body.errors).toEqual([
      { path: 'path.session_id', message: 'is not valid percent-encoding' },
    ]);
    expect((await call('POST', '/v1/sessions/%ZZ/cancel')).status).toBe(400);
  });

  test('answers a 10,000-deep JSON body sent with an Idempotency-Key with a 400, not a hang', async () => {
    const { call, engine } = startEngine();
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const reply = await call('POST', '/v1/sessions', {
      body: `{"input":"x","metadata":${deep}}`,
      headers: { 'Idempotency-Key': 'deep' },
    });
    expectProblem(reply, 400);
    expect(reply.body.errors).toEqual([
      { path: 'body', message: 'is nested deeper than 64 levels' },
    ]);
    expect(engine.stats().sessions).toBe(0);
  });

  test('answers odd admin paths and absurd query numbers with 4xx problems', async () => {
    const { call } = startEngine();
    expect((await call('GET', '/_mock/sessions/%ZZ', { key: null })).status).toBe(400);
    expect((await call('GET', '/_mock', { key: null })).status).toBe(404);
    expect((await call('PUT', '/_mock/faults', { key: null })).headers.get('allow')).toBe(
      'POST, DELETE, GET',
    );
    const huge = await call('GET', `/v1/sessions?limit=${'9'.repeat(400)}`);
    expectProblem(huge, 400);
    expect(huge.body.errors[0].path).toBe('query.limit');
  });

  test('a client that leaves mid-body gets no answer it could read, and the engine keeps serving', async () => {
    const { raw, call } = startEngine();
    const response = await raw({
      method: 'POST',
      url: '/v1/sessions',
      headers: new Headers({ Authorization: 'Bearer test-key' }),
      text: async () => {
        throw new Error('aborted');
      },
    });
    expectProblem(response, 400);
    expect(bodyOf(response).errors).toEqual([{ path: 'body', message: 'could not be read' }]);
    expect((await call('GET', '/v1/sessions')).status).toBe(200);
  });

  test('turns an unexpected error in a handler into a 500 problem, and keeps serving', async () => {
    let explode = true;
    const { create, call } = startEngine({
      onEvent: () => {
        if (explode) throw new Error('boom');
      },
    });
    const reply = await call('POST', '/v1/sessions', {
      body: { input: 'x' },
      headers: { Origin: 'https://app.example' },
    });
    expectProblem(reply, 500);
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(reply.body).toMatchObject({ code: 'internal_error', status: 500 });
    expect(reply.body.request_id).toBe(reply.headers.get('x-request-id'));
    explode = false;
    expect((await create()).status).toBe(201);
    expect((await call('GET', '/v1/sessions')).status).toBe(200);
  });

  test('refuses 5,000 metadata entries (the spec allows 16) with a 400 naming body.metadata', async () => {
    const { create, engine } = startEngine();
    const metadata = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 'v']));
    const reply = await create({ input: 'x', metadata });
    expectProblem(reply, 400);
    expect(reply.body.errors).toEqual([
      { path: 'body.metadata', message: 'expected at most 16 entries' },
    ]);
    expect(engine.stats().sessions).toBe(0);
  });
});

describe('the body is read last, and bounded', () => {
  test('answers 401 to an unauthenticated 300 MB POST without reading its body', async () => {
    const { raw } = startEngine();
    let reads = 0;
    const response = await raw({
      method: 'POST',
      url: '/v1/sessions',
      text: async () => {
        reads += 1;
        return 'x'.repeat(10);
      },
    });
    expectProblem(response, 401);
    expect(reads).toBe(0);
  });

  test('answers 413 to a body past maxBodyBytes and stops reading it', async () => {
    const { engine } = startEngine({ maxBodyBytes: 1024 });
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(512).fill(0x20));
      },
    });
    const response = await engine.handle(
      new Request('http://mock.test/v1/sessions', {
        method: 'POST',
        headers: { Authorization: 'Bearer test-key' },
        body: stream,
        duplex: 'half',
      } as RequestInit),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'payload_too_large', status: 413 });
    expect(pulled).toBeLessThanOrEqual(4);
  });

  test('a BodyTooLargeError from an adapter is a 413 too', async () => {
    const { raw } = startEngine();
    const response = await raw({
      method: 'POST',
      url: '/v1/sessions',
      headers: new Headers({ Authorization: 'Bearer test-key' }),
      text: async (limit) => {
        throw new BodyTooLargeError(limit);
      },
    });
    expectProblem(response, 413);
  });
});

describe('admin input is checked before anything changes', () => {
  test('refuses POST /_mock/clock/advance {"ms":1e16} with a 400 and leaves the clock untouched', async () => {
    const { call, engine, create } = startEngine();
    const before = engine.clock.now();
    const reply = await call('POST', '/_mock/clock/advance', { body: '{"ms":1e16}', key: null });
    expectProblem(reply, 400);
    expect(engine.clock.now()).toBe(before);
    expect((await create()).status).toBe(201);
    for (const body of ['{"ms":-1}', '{"ms":"5"}', '{}', '[]', '{"ms":1,"x":2}', 'nope']) {
      expect((await call('POST', '/_mock/clock/advance', { body, key: null })).status).toBe(400);
    }
    expect(engine.clock.now()).toBe(before);
  });

  test('refuses a bad fault rule with a 400 naming the field, adding nothing', async () => {
    const { call, engine } = startEngine();
    const reply = await call('POST', '/_mock/faults', {
      body: { operation: 'getSession', kind: 'delay', delayMs: { min: 5, max: 1 } },
      key: null,
    });
    expectProblem(reply, 400);
    expect(reply.body.detail).toMatch(/delayMs: expected min <= max/);
    expect(engine.faults.list()).toEqual([]);
  });
});

describe('responses are checked against the spec', () => {
  test('an event that breaks the spec turns the reply into a 500 problem naming the field', async () => {
    const { create, call } = startEngine({
      onEvent: (_id, event) => {
        if (event.type === 'answer') (event.data as Record<string, unknown>).forced = 'yes';
      },
    });
    const { body } = await create();
    const reply = await call('GET', `/v1/sessions/${body.id}/changes?from=0&wait_s=60`);
    let last = reply;
    for (let from = 0; last.status === 200 && !last.body.terminal; ) {
      from = last.body.next;
      last = await call('GET', `/v1/sessions/${body.id}/changes?from=${from}&wait_s=60`);
    }
    expectProblem(last, 500);
    expect(last.body.detail).toMatch(/response\.events\[\d+\]\.data\.forced: expected boolean/);
    const page = await call('GET', `/v1/sessions/${body.id}/events`);
    expect(page.status).toBe(500);
  });
});
