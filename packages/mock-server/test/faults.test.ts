import { describe, expect, test } from 'vitest';
import { FAULT_KINDS, type FaultRule } from '../src/index.js';
import { api, startServer } from './support/server.js';

const manual = { autoAdvance: false } as const;
const auth = { Authorization: 'Bearer test-key', 'Content-Type': 'application/json' };

async function withSession(options: Parameters<typeof startServer>[0] = manual) {
  const server = await startServer(options);
  const client = api(server);
  const { body } = await client.create({ input: 'x', metadata: { scenario: 'slow' } });
  const messages = () =>
    server.sessions.get(body.id)!.events.filter((event) => event.type === 'message_received')
      .length;
  // The raw fetch, for faults that leave no parsable reply.
  const send = (headers: Record<string, string> = {}) =>
    fetch(`${server.url}/v1/sessions/${body.id}/messages`, {
      method: 'POST',
      headers: { ...auth, ...headers },
      body: JSON.stringify({ content: 'hello' }),
    });
  return { server, client, id: body.id, messages, send };
}

describe('scripted faults', () => {
  test('rate_limit: a 429 with Retry-After, before the operation runs', async () => {
    const { server, client, id, messages } = await withSession();
    server.faults.add({
      operation: 'sendSessionMessage',
      call: 1,
      kind: 'rate_limit',
      retryAfterS: 2,
    });
    const reply = await client.message(id, 'hello');
    expect(reply.status).toBe(429);
    expect(reply.headers.get('retry-after')).toBe('2');
    expect(reply.body).toMatchObject({ code: 'rate_limited', status: 429 });
    server.clock.advance(60_000);
    expect(messages()).toBe(1);
    expect((await client.message(id, 'hello')).status).toBe(200);
  });

  test.each([
    // retryAfterS is sent on any 5xx it is given for (it was silently dropped but on a 503).
    [500, 'internal_error', '3'],
    [502, 'internal_error', '3'],
    [503, 'service_unavailable', '3'],
  ])('server_error %i: a problem, before the operation runs', async (status, code, retryAfter) => {
    const { server, client, id, messages } = await withSession();
    server.faults.add({
      operation: 'sendSessionMessage',
      kind: 'server_error',
      status,
      retryAfterS: 3,
    });
    const reply = await client.message(id, 'hello');
    expect(reply.status).toBe(status);
    expect(reply.body).toMatchObject({ code, status });
    expect(reply.headers.get('retry-after')).toBe(retryAfter);
    server.clock.advance(60_000);
    expect(messages()).toBe(1);
  });

  test('reset: the connection drops with no response and nothing happens', async () => {
    const { server, messages, send } = await withSession();
    server.faults.add({ operation: 'sendSessionMessage', call: 1, kind: 'reset' });
    await expect(send()).rejects.toThrow(TypeError);
    server.clock.advance(60_000);
    expect(messages()).toBe(1);
    expect((await send()).status).toBe(200);
  });

  test('reset in-process: server.fetch rejects with a TypeError', async () => {
    const { server } = await withSession();
    server.faults.add({ operation: 'listSessions', kind: 'reset' });
    await expect(server.fetch('/v1/sessions', { headers: auth })).rejects.toThrow(TypeError);
  });

  test('truncate: the operation runs, the body is cut half-way; a keyed retry replays it', async () => {
    const { server, id, messages, send } = await withSession();
    server.faults.add({ operation: 'sendSessionMessage', call: 1, kind: 'truncate' });
    const cut = await send({ 'Idempotency-Key': 'm1' });
    expect(cut.status).toBe(200);
    expect(cut.headers.get('x-mock-fault')).toBe('truncate');
    await expect(cut.text()).rejects.toThrow();
    const retry = await send({ 'Idempotency-Key': 'm1' });
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await retry.json()).session.id).toBe(id);
    server.clock.advance(60_000);
    expect(messages()).toBe(2);
  });

  test('truncate in-process: the body stream errors half-way', async () => {
    const { server, id } = await withSession();
    server.faults.add({ operation: 'getSession', kind: 'truncate' });
    const response = await server.fetch(`/v1/sessions/${id}`, { headers: auth });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(first.value!.length).toBeGreaterThan(0);
    await expect(reader.read()).rejects.toThrow(/truncate/);
  });

  test('malformed: a 200 whose body is not JSON; the operation ran', async () => {
    const { server, messages, send } = await withSession();
    server.faults.add({ operation: 'sendSessionMessage', kind: 'malformed' });
    const response = await send();
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
    server.clock.advance(60_000);
    expect(messages()).toBe(2);
  });

  test('delay: the normal answer, held delayMs on the server clock', async () => {
    const { server, client, id } = await withSession();
    server.faults.add({ operation: 'pauseSession', kind: 'delay', delayMs: 5_000 });
    let done = false;
    const reply = client.control(id, 'pause').finally(() => {
      done = true;
    });
    while (server.stats().held < 1) await new Promise((resolve) => setImmediate(resolve));
    expect(server.sessions.get(id)!.session.state).toBe('paused'); // it ran; the answer is held
    server.clock.advance(4_999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(done).toBe(false);
    server.clock.advance(1);
    expect((await reply).body.state).toBe('paused');
  });

  test('delay with auto-advance: the clock skips the hold', async () => {
    const { server, client, id } = await withSession({});
    server.faults.add({ operation: 'getSession', kind: 'delay', delayMs: 30_000 });
    const before = server.clock.now();
    expect((await client.get(id)).status).toBe(200);
    expect(server.clock.now() - before).toBeGreaterThanOrEqual(30_000);
  });

  test('call and times pick a window of calls; sessionId narrows; clear removes rules', async () => {
    const { server, client, id } = await withSession();
    const other = (await client.create({ input: 'y' })).body.id;
    server.faults.add({
      operation: 'getSession',
      call: 2,
      times: 2,
      kind: 'server_error',
      sessionId: id,
    });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      statuses.push((await client.get(id)).status, (await client.get(other)).status);
    }
    expect(statuses).toEqual([200, 200, 500, 200, 500, 200, 200, 200]);
    server.faults.add({ operation: 'getSession', kind: 'rate_limit' });
    expect((await client.get(id)).status).toBe(429);
    server.faults.clear();
    expect((await client.get(id)).status).toBe(200);
  });

  test('rules match in the order added', async () => {
    const { server, client } = await withSession();
    server.faults.add({ operation: 'listSessions', call: 1, kind: 'rate_limit' });
    server.faults.add({ operation: 'listSessions', kind: 'server_error' });
    const first = await client.call('GET', '/v1/sessions');
    const second = await client.call('GET', '/v1/sessions');
    expect([first.status, second.status]).toEqual([429, 500]);
  });

  test('faults given at start apply; an invalid rule is a TypeError naming the field', async () => {
    const server = await startServer({
      faults: [{ operation: 'listSessions', kind: 'rate_limit' }],
    });
    expect((await api(server).call('GET', '/v1/sessions')).status).toBe(429);
    expect(() => server.faults.add({ operation: 'listSessions', kind: 'boom' } as never)).toThrow(
      /kind: expected one of/,
    );
    expect(() =>
      server.faults.add({ operation: 'listSessions', kind: 'delay', call: 0 } as FaultRule),
    ).toThrow(/call: expected an integer >= 1/);
  });
});

describe('seeded chaos', () => {
  async function statuses(seed: number, rate: number, kinds?: FaultRule['kind'][]) {
    const server = await startServer({
      chaos: { rate, seed, kinds, operations: ['listSessions'] },
    });
    const out: string[] = [];
    for (let i = 0; i < 30; i++) {
      try {
        const response = await fetch(`${server.url}/v1/sessions`, { headers: auth });
        const fault = response.headers.get('x-mock-fault');
        await response.text().catch(() => undefined);
        out.push(fault ?? String(response.status));
      } catch {
        out.push('reset');
      }
    }
    // Chaos leaves the operations it does not cover alone.
    expect((await api(server).create({ input: 'x' })).status).toBe(201);
    return out;
  }

  test('the same seed gives the same faults; another seed others', async () => {
    const a = await statuses(42, 0.5);
    expect(await statuses(42, 0.5)).toEqual(a);
    expect(await statuses(7, 0.5)).not.toEqual(a);
    const faulted = a.filter((entry) => entry !== '200');
    expect(faulted.length).toBeGreaterThan(5);
    expect(faulted.length).toBeLessThan(25);
    expect(new Set(faulted).size).toBeGreaterThan(3);
    for (const kind of faulted) expect(FAULT_KINDS).toContain(kind);
  });

  test('rate 0 never faults; rate 1 with one kind always does', async () => {
    expect(new Set(await statuses(1, 0))).toEqual(new Set(['200']));
    expect(new Set(await statuses(1, 1, ['rate_limit']))).toEqual(new Set(['rate_limit']));
  });
});
