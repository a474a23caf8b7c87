import { describe, expect, test } from 'vitest';
import {
  BodyTooLargeError,
  createMockServer,
  FixtureError,
  MockAdminClient,
  MockAdminError,
  MockConnectionReset,
  MockEngine,
  MockError,
  MockInputError,
  MockRangeError,
  ProblemError,
  SessionStateError,
  scenarios,
} from '../src/index.js';
import { startEngine } from './support/engine.js';

describe('one error family', () => {
  test('every mock error is a MockError and its own type; input errors keep TypeError/RangeError', () => {
    const family = [
      new BodyTooLargeError(1),
      new FixtureError('f.json', []),
      new MockAdminError(404, 'x', 'not_found'),
      new ProblemError(404, 'not_found', 'x'),
      new SessionStateError('pause', 'completed'),
      new MockInputError('x'),
      new MockRangeError('x'),
      new MockConnectionReset(),
    ];
    for (const error of family) expect(error, error.name).toBeInstanceOf(MockError);
    expect(new MockRangeError('x')).toBeInstanceOf(RangeError);
    expect(new MockRangeError('x')).toBeInstanceOf(MockInputError);
    expect(new MockInputError('x')).toBeInstanceOf(TypeError);
    expect(new MockConnectionReset()).toBeInstanceOf(TypeError);
    // A subclass keeps the ordinary check: one kind is not another.
    expect(new FixtureError('f.json', [])).not.toBeInstanceOf(BodyTooLargeError);
    expect(new MockInputError('x')).not.toBeInstanceOf(MockRangeError);
    // The platform's own errors are not the mock's.
    for (const foreign of [new TypeError('x'), new RangeError('x'), new Error('x'), null, 'x']) {
      expect(foreign).not.toBeInstanceOf(MockError);
      expect(foreign).not.toBeInstanceOf(MockInputError);
    }
  });

  test('a bad engine option and a bad clock step are MockInputErrors naming what was wrong', () => {
    expect(() => new MockEngine({ fixtures: Object.values(scenarios), maxBodyBytes: -1 })).toThrow(
      expect.objectContaining({
        name: 'MockInputError',
        message: expect.stringMatching(/^maxBodyBytes:/),
      }),
    );
    expect(() => new MockEngine({ fixtures: [] })).toThrow(MockInputError);
    // Not an array at all: named, not a TypeError from deep inside.
    for (const fixtures of [scenarios, null, 'short-answer', 3]) {
      expect(() => new MockEngine({ fixtures: fixtures as never })).toThrow(/^fixtures: /);
      expect(() => new MockEngine({ fixtures: fixtures as never })).toThrow(MockInputError);
    }
    const { engine } = startEngine();
    expect(() => engine.clock.advance(-1)).toThrow(MockInputError);
    expect(() => engine.clock.advance(-1)).toThrow(RangeError);
  });
});

describe('admin input errors are told from bugs by type', () => {
  test('a TypeError from a bug in an admin method is a 500, not a 400, and changes nothing', async () => {
    const { call, engine } = startEngine();
    const bug = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'kind')");
    };
    const original = engine.faults.add;
    engine.faults.add = bug;
    try {
      const reply = await call('POST', '/_mock/faults', {
        body: JSON.stringify({ operation: 'getSession', kind: 'rate_limit' }),
        key: null,
      });
      expect(reply.status).toBe(500);
      expect(reply.body).toMatchObject({ code: 'internal_error' });
    } finally {
      engine.faults.add = original;
    }
    expect(engine.faults.list()).toEqual([]);
  });

  test('a RangeError from a bug in clock.advance is a 500; a bad step is a 400', async () => {
    const { call, engine } = startEngine();
    const original = engine.clock.advance;
    engine.clock.advance = () => {
      throw new RangeError('Invalid time value');
    };
    try {
      const reply = await call('POST', '/_mock/clock/advance', { body: '{"ms":5}', key: null });
      expect(reply.status).toBe(500);
    } finally {
      engine.clock.advance = original;
    }
    const refused = await call('POST', '/_mock/clock/advance', { body: '{"ms":-5}', key: null });
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'invalid_request' });
  });

  test('a bad fault rule over HTTP is still a 400 naming the field', async () => {
    const { call, engine } = startEngine();
    const reply = await call('POST', '/_mock/faults', {
      body: JSON.stringify({ operation: 'getSession', kind: 'no_such_kind' }),
      key: null,
    });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toMatch(/kind/);
    expect(engine.faults.list()).toEqual([]);
  });
});

describe('a body past the limit is recognised by type only', () => {
  test("an adapter's error merely named BodyTooLargeError is a 400 (unreadable), not a 413", async () => {
    const { raw } = startEngine();
    const response = await raw({
      method: 'POST',
      url: '/v1/sessions',
      headers: new Headers({ Authorization: 'Bearer test-key' }),
      text: async () => {
        throw Object.assign(new Error('too big?'), { name: 'BodyTooLargeError' });
      },
    });
    expect(response.status).toBe(400);
  });
});

describe('MockAdminClient reads "no such session" by its problem code', () => {
  test('over HTTP: an unknown session is undefined, and the 404 says session_not_found', async () => {
    const server = await createMockServer();
    try {
      const control = new MockAdminClient(server.url);
      expect(await control.sessions.get('ses_unknown')).toBeUndefined();
      const response = await fetch(`${server.url}/_mock/sessions/ses_unknown`);
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: 'session_not_found' });
    } finally {
      await server.close();
    }
  });

  test('a server that lies (404 not_found saying "No session") fails loudly, whatever its message', async () => {
    const problem = { status: 404, code: 'not_found', detail: 'No session with id ses_1.' };
    const liar = new MockAdminClient('http://mock.test', {
      fetch: async () =>
        new Response(JSON.stringify(problem), {
          status: 404,
          headers: { 'Content-Type': 'application/problem+json' },
        }),
    });
    await expect(liar.sessions.get('ses_1')).rejects.toBeInstanceOf(MockAdminError);
  });
});
