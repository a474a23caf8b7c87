import { describe, expect, test } from 'vitest';
import { ADMIN_ROUTES, MockAdminClient, type MockEngine } from '../src/index.js';
import { startEngine } from './support/engine.js';

// A MockAdminClient whose fetch is the engine itself: the HTTP routes without a socket.
function controlOf(engine: MockEngine, options: { adminToken?: string } = {}) {
  return new MockAdminClient('http://mock.test', {
    ...options,
    fetch: (input, init) => engine.handle(new Request(input, init)),
  });
}

describe('one admin surface', () => {
  test('every admin method has exactly one /_mock route, and MockAdminClient has every method', () => {
    const { engine } = startEngine();
    const control = controlOf(engine);
    const routes = Object.entries(ADMIN_ROUTES).map(([name, r]) => `${r.method} ${r.path} ${name}`);
    expect(new Set(routes.map((r) => r.split(' ').slice(0, 2).join(' '))).size).toBe(routes.length);
    for (const name of Object.keys(ADMIN_ROUTES)) {
      const [group, method] = name.includes('.') ? name.split('.') : [undefined, name];
      const onEngine = group ? (engine as any)[group][method!] : (engine as any)[method!];
      const onControl = group ? (control as any)[group][method!] : (control as any)[method!];
      expect(typeof onEngine, `engine ${name}`).toBe('function');
      expect(typeof onControl, `MockAdminClient ${name}`).toBe('function');
    }
  });

  test('MockAdminClient mirrors the engine: sessions, clock, faults, stats, reset', async () => {
    const { engine, create } = startEngine({ autoAdvance: false });
    const control = controlOf(engine);
    const { body } = await create();
    expect(await control.sessions.list()).toEqual(engine.sessions.list());
    expect(await control.sessions.get(body.id)).toEqual(engine.sessions.get(body.id));
    expect(await control.sessions.get('ses_missing')).toBeUndefined();
    // A base URL that is not a mock server fails loudly instead of reading as "no session".
    const elsewhere = new MockAdminClient('http://mock.test', {
      fetch: async () => new Response('Not here', { status: 404 }),
    });
    await expect(elsewhere.sessions.get(body.id)).rejects.toThrow(/status 404/);
    expect(await control.clock.now()).toBe(engine.clock.now());
    expect(await control.clock.advance(1_000)).toBe(engine.clock.now());
    const id = await control.faults.add({ operation: 'getSession', kind: 'rate_limit' });
    expect(await control.faults.list()).toEqual(engine.faults.list());
    expect(await control.faults.remove(id)).toBe(true);
    expect(await control.faults.remove(id)).toBe(false);
    expect(engine.faults.list()).toEqual([]);
    expect(await control.stats()).toEqual(engine.stats());
    await control.reset();
    expect(engine.stats().sessions).toBe(0);
  });
});

describe('the request journal', () => {
  test('a test can assert the message was POSTed exactly once, replay included', async () => {
    const { engine, create, call } = startEngine({ autoAdvance: false });
    const control = controlOf(engine);
    const { body } = await create();
    const path = `/v1/sessions/${body.id}/messages`;
    const headers = { 'Idempotency-Key': 'msg-1' };
    await call('POST', path, { body: { content: 'Once.' }, headers });
    await call('POST', path, { body: { content: 'Once.' }, headers });
    await call('GET', `/v1/sessions/${body.id}`);
    const posted = { method: 'POST', operation: 'sendSessionMessage', sessionId: body.id } as const;
    expect(engine.journal.count(posted)).toBe(2);
    expect(engine.journal.count({ ...posted, idempotencyKey: 'msg-1', status: 200 })).toBe(2);
    expect(await control.journal.count(posted)).toBe(2);
    const entries = await control.journal.list({ path });
    expect(entries.map((entry) => [entry.method, entry.status, entry.idempotencyKey])).toEqual([
      ['POST', 200, 'msg-1'],
      ['POST', 200, 'msg-1'],
    ]);
    expect(entries[0]).toMatchObject({ operation: 'sendSessionMessage', fault: null });
    expect(typeof entries[0]!.at).toBe('number');
    expect(await control.journal.find({ operation: 'getSession' })).toMatchObject({
      method: 'GET',
      status: 200,
    });
    expect(await control.journal.find({ status: 500 })).toBeUndefined();
    // The /_mock calls themselves are not journaled.
    expect(engine.journal.count()).toBe(4);
    await control.journal.clear();
    expect(engine.journal.count()).toBe(0);
  });

  test('records refused and unrouted requests too, and keeps only the newest journalLimit', async () => {
    const { engine, call } = startEngine({ journalLimit: 3 });
    await call('GET', '/v1/sessions', { key: null });
    await call('GET', '/nowhere');
    for (let i = 0; i < 3; i++) await call('GET', '/v1/sessions');
    expect(engine.journal.list().map((entry) => entry.seq)).toEqual([3, 4, 5]);
    const { engine: other, call: callOther } = startEngine();
    await callOther('GET', '/v1/sessions', { key: null });
    await callOther('GET', '/nowhere');
    expect(other.journal.list().map((e) => [e.status, e.operation])).toEqual([
      [401, 'listSessions'],
      [404, null],
    ]);
  });

  test('a bad journal filter is a 400 naming it', async () => {
    const { call } = startEngine();
    const reply = await call('GET', '/_mock/journal?colour=red', { key: null });
    expect(reply.status).toBe(400);
    expect(reply.body.detail).toMatch(/query\.colour: is not a journal filter/);
    expect((await call('GET', '/_mock/journal?operation=nope', { key: null })).status).toBe(400);
  });

  test('an admin route that takes no query or body refuses one with a 400 naming it, changing nothing', async () => {
    const { engine, call, create } = startEngine({ autoAdvance: false });
    await create();
    const rule = engine.faults.add({ operation: 'getSession', kind: 'rate_limit' });
    const before = engine.stats();
    const now = engine.clock.now();
    const odd: [string, string, unknown, RegExp][] = [
      // Meant as "remove this one fault" or "clear these entries": it must not clear them all.
      ['DELETE', `/_mock/faults?id=${rule}`, undefined, /query\.id: is not a known parameter/],
      ['DELETE', '/_mock/journal?operation=getSession', undefined, /query\.operation/],
      ['POST', '/_mock/reset?keep=sessions', undefined, /query\.keep/],
      ['POST', '/_mock/reset', { keepSessions: true }, /body\.keepSessions: is not a known field/],
      ['POST', '/_mock/reset', [1, 2], /reset: expected a JSON object body/],
      ['POST', '/_mock/clock/advance?ms=5', { ms: 1 }, /query\.ms/],
      ['POST', '/_mock/faults?x=1', { operation: 'listSessions', kind: 'reset' }, /query\.x/],
      ['DELETE', '/_mock/faults/f_9?all=1', undefined, /query\.all/],
    ];
    for (const [method, path, body, detail] of odd) {
      const reply = await call(method, path, {
        key: null,
        ...(body === undefined ? {} : { body }),
      });
      expect(reply.status, `${method} ${path}`).toBe(400);
      expect(reply.body.detail, `${method} ${path}`).toMatch(detail);
    }
    expect(engine.faults.list().map((f) => f.id)).toEqual([rule]);
    // The refused requests are admin ones: the journal holds what it held.
    expect(engine.stats()).toEqual(before);
    expect(engine.clock.now()).toBe(now);
  });
});

describe('latency faults', () => {
  test('a random delay is drawn from its range, the same for the same seed', async () => {
    const delays = async (seed: number) => {
      const { engine } = startEngine();
      const id = engine.faults.add({
        operation: 'getSession',
        kind: 'delay',
        delayMs: { min: 100, max: 900 },
        seed,
      });
      const rule = engine.faults.list().find((entry) => entry.id === id)!.rule;
      const matched = engine.faults.match('getSession', undefined)!;
      expect(matched).toMatchObject(rule);
      return Array.from({ length: 8 }, () => engine.faults.delayOf(matched));
    };
    const first = await delays(7);
    expect(first.every((ms) => ms >= 100 && ms <= 900)).toBe(true);
    expect(new Set(first).size).toBeGreaterThan(1);
    expect(await delays(7)).toEqual(first);
    expect(await delays(8)).not.toEqual(first);
  });

  test('a delayed answer waits on the server clock', async () => {
    const { engine, create, call } = startEngine({ autoAdvance: false });
    const { body } = await create();
    engine.faults.add({ operation: 'getSession', kind: 'delay', delayMs: { min: 500, max: 500 } });
    let done = false;
    const reply = call('GET', `/v1/sessions/${body.id}`).then((r) => {
      done = true;
      return r;
    });
    while (engine.stats().held < 1) await new Promise((resolve) => setTimeout(resolve, 0));
    engine.clock.advance(499);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(done).toBe(false);
    engine.clock.advance(1);
    expect((await reply).status).toBe(200);
  });

  test('a dribbled body arrives in small chunks, whole and valid', async () => {
    const { engine, create } = startEngine();
    const { body } = await create();
    engine.faults.add({ operation: 'getSession', kind: 'dribble', chunkBytes: 10, pauseMs: 1 });
    const response = await engine.handle(
      new Request(`http://mock.test/v1/sessions/${body.id}`, {
        headers: { Authorization: 'Bearer test-key' },
      }),
    );
    expect(response.headers.get('x-mock-fault')).toBe('dribble');
    const reader = response.body!.getReader();
    const sizes: number[] = [];
    let text = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      sizes.push(value.length);
      text += new TextDecoder().decode(value);
    }
    expect(Math.max(...sizes)).toBe(10);
    expect(sizes.length).toBeGreaterThan(10);
    expect(JSON.parse(text)).toMatchObject({ id: body.id });
    expect(Number(response.headers.get('content-length'))).toBe(text.length);
  });
});

describe('admin routes and browsers', () => {
  test('refuses /_mock/* to a cross-origin browser caller with a 403 and no CORS echo', async () => {
    const { call, engine } = startEngine();
    const before = engine.clock.now();
    for (const headers of <Record<string, string>[]>[
      { Origin: 'https://evil.example' },
      { 'Sec-Fetch-Site': 'cross-site' },
      { Origin: 'https://evil.example', 'Sec-Fetch-Site': 'same-site' },
    ]) {
      const read = await call('GET', '/_mock/sessions', { headers, key: null });
      expect(read.status).toBe(403);
      expect(read.body).toMatchObject({ code: 'forbidden' });
      expect(read.headers.get('access-control-allow-origin')).toBeNull();
      const reset = await call('POST', '/_mock/clock/advance', {
        body: { ms: 1000 },
        headers,
        key: null,
      });
      expect(reset.status).toBe(403);
    }
    expect(engine.clock.now()).toBe(before);
    const sameOrigin = await call('GET', '/_mock/stats', {
      headers: { Origin: 'http://mock.test', 'Sec-Fetch-Site': 'same-origin' },
      key: null,
    });
    expect(sameOrigin.status).toBe(200);
  });

  test('dot segments and escapes cannot smuggle a cross-origin call past the admin gate', async () => {
    const { raw, engine, create } = startEngine();
    await create();
    const headers = new Headers({ Origin: 'https://evil.example' });
    const dotted = await raw({ method: 'POST', url: '/v1/../_mock/reset', headers });
    expect(dotted.status).toBe(403);
    const escaped = await raw({ method: 'GET', url: '/%5Fmock/sessions', headers });
    expect(escaped.status).toBe(404);
    expect(engine.stats().sessions).toBe(1);
  });

  test('the API routes still echo any Origin', async () => {
    const { call } = startEngine();
    const reply = await call('GET', '/v1/sessions', { headers: { Origin: 'https://app.example' } });
    expect(reply.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const preflight = await call('OPTIONS', '/v1/sessions', {
      headers: { Origin: 'https://app.example', 'Access-Control-Request-Method': 'POST' },
      key: null,
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
  });

  test('an opted-in origin may call /_mock with the admin token, and only with it', async () => {
    const { engine, call } = startEngine({
      admin: { allowOrigins: ['https://app.example'], token: 'admin-secret' },
    });
    const origin = { Origin: 'https://app.example', 'Sec-Fetch-Site': 'cross-site' };
    expect((await call('GET', '/_mock/stats', { headers: origin, key: null })).status).toBe(403);
    const allowed = await call('GET', '/_mock/stats', {
      headers: { ...origin, 'X-Mock-Admin-Token': 'admin-secret' },
      key: null,
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    const other = await call('GET', '/_mock/stats', {
      headers: { Origin: 'https://other.example', 'X-Mock-Admin-Token': 'admin-secret' },
      key: null,
    });
    expect(other.status).toBe(403);
    // With a token set, callers without an Origin need it too; MockAdminClient sends it.
    expect((await call('GET', '/_mock/stats', { key: null })).status).toBe(403);
    expect(await controlOf(engine, { adminToken: 'admin-secret' }).clock.now()).toBe(
      engine.clock.now(),
    );
    await expect(controlOf(engine).stats()).rejects.toThrow(/status 403/);
  });

  test('an opted-in origin gets its admin preflight answered without the token (browsers never send it on a preflight)', async () => {
    const { call } = startEngine({
      admin: { allowOrigins: ['https://app.example'], token: 'admin-secret' },
    });
    const preflight = (origin: string) =>
      call('OPTIONS', '/_mock/reset', {
        headers: {
          Origin: origin,
          'Sec-Fetch-Site': 'cross-site',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'x-mock-admin-token',
        },
        key: null,
      });
    const allowed = await preflight('https://app.example');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-headers')).toMatch(/x-mock-admin-token/i);
    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('allowOrigins without a token is refused when the engine is made', () => {
    expect(() => startEngine({ admin: { allowOrigins: ['*'] } })).toThrow(/needs admin.token/);
  });
});
