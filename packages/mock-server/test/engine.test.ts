import { describe, expect, test } from 'vitest';
import { api, startServer } from './support/server.js';

const manual = { autoAdvance: false } as const;

describe('reading sessions', () => {
  test('listSessions pages newest first with a cursor', async () => {
    const server = await startServer(manual);
    const client = api(server);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await client.create({ input: `task ${i}` })).body.id);
    const first = await client.call('GET', '/v1/sessions?limit=2');
    expect(first.body.data.map((s: { id: string }) => s.id)).toEqual([ids[4], ids[3]]);
    expect(first.body).toMatchObject({ has_more: true, next_cursor: ids[3] });
    const second = await client.call(
      'GET',
      `/v1/sessions?limit=2&cursor=${first.body.next_cursor}`,
    );
    expect(second.body.data.map((s: { id: string }) => s.id)).toEqual([ids[2], ids[1]]);
    const last = await client.call('GET', `/v1/sessions?limit=2&cursor=${second.body.next_cursor}`);
    expect(last.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(last.body.data.map((s: { id: string }) => s.id)).toEqual([ids[0]]);
    expect((await client.call('GET', '/v1/sessions')).body.data).toHaveLength(5);
  });

  test('getSession of an unknown id is a 404 problem', async () => {
    const server = await startServer();
    const reply = await api(server).get('ses_missing');
    expect(reply.status).toBe(404);
    expect(reply.body).toMatchObject({ code: 'not_found', status: 404 });
  });

  test('events pages through the whole log in order with stable indexes', async () => {
    const server = await startServer();
    const client = api(server);
    const { body } = await client.create({ input: 'Plan it.', metadata: { scenario: 'long-run' } });
    const all = await client.drain(body.id);
    const paged = [];
    for (let from = 0, more = true; more; ) {
      const page = await client.events(body.id, `?from=${from}&limit=7`);
      expect(page.body.data.length).toBeLessThanOrEqual(7);
      paged.push(...page.body.data);
      from = page.body.next;
      more = page.body.has_more;
    }
    expect(paged).toEqual(all);
    expect(paged.map((event) => event.index)).toEqual(all.map((_, i) => i));
    const whole = await client.events(body.id);
    expect(whole.body).toMatchObject({ next: all.length, has_more: false });
    const past = await client.events(body.id, `?from=${all.length + 5}`);
    expect(past.body).toMatchObject({ data: [], has_more: false });
  });
});

describe('changes is a true long-poll', () => {
  test('returns at once when events exist; the same from returns the same events', async () => {
    const server = await startServer(manual);
    const client = api(server);
    const { body } = await client.create({ input: 'Hi' });
    const first = await client.changes(body.id, 0, 60);
    expect(first.body).toMatchObject({ next: 2, state: 'queued', terminal: false, answer: null });
    expect(first.body.events).toHaveLength(2);
    expect((await client.changes(body.id, 0, 60)).body).toEqual(first.body);
    expect((await client.changes(body.id, 1)).body.events).toEqual(first.body.events.slice(1));
  });

  test('a parked poll wakes as soon as an event is appended', async () => {
    const server = await startServer(manual);
    const client = api(server);
    const { body } = await client.create({ input: 'Hi' });
    let settled = false;
    const poll = client.changes(body.id, 2, 60).finally(() => {
      settled = true;
    });
    await parked(server, 1);
    expect(settled).toBe(false);
    server.clock.advance(499);
    await new Promise((resolve) => setImmediate(resolve));
    expect(settled).toBe(false);
    server.clock.advance(1); // the first step starts at 500 ms
    const reply = await poll;
    expect(reply.body.events.map((event) => event.type)).toEqual(['state_changed', 'step_started']);
    expect(reply.body).toMatchObject({ next: 4, state: 'running' });
  });

  test('many parked polls on one session all wake on one event', async () => {
    const server = await startServer(manual);
    const client = api(server);
    const { body } = await client.create({ input: 'Hi' });
    const polls = Array.from({ length: 25 }, () => client.changes(body.id, 2, 60));
    await parked(server, polls.length);
    server.clock.advance(500);
    const replies = await Promise.all(polls);
    for (const reply of replies) expect(reply.body.next).toBe(4);
  });

  test('returns empty at the wait bound, on the server clock', async () => {
    const server = await startServer(manual);
    const client = api(server);
    const { body } = await client.create({ input: 'Hi', metadata: { scenario: 'slow' } });
    server.clock.advance(1_000);
    const poll = client.changes(body.id, 4, 5);
    await parked(server, 1);
    server.clock.advance(5_000); // the next event is at 11 s
    const reply = await poll;
    expect(reply.body).toMatchObject({ events: [], next: 4, state: 'running', terminal: false });
  });

  test('wait_s=0 and a terminal session return at once', async () => {
    const server = await startServer();
    const client = api(server);
    const { body } = await client.create({ input: 'Hi' });
    expect((await client.changes(body.id, 2, 0)).body.events).toEqual([]);
    const events = await client.drain(body.id);
    const after = await client.changes(body.id, events.length, 60);
    expect(after.body).toMatchObject({ events: [], terminal: true, state: 'completed' });
    expect(after.body.answer).toBe((await client.get(body.id)).body.answer);
  });

  test('auto-advance plays a ten-minute fixture while a client waits', async () => {
    const server = await startServer();
    const client = api(server);
    const { body } = await client.create({ input: 'Plan.', metadata: { scenario: 'long-run' } });
    const events = await client.drain(body.id);
    const span = Date.parse(events.at(-1)!.created_at) - Date.parse(events[0]!.created_at);
    expect(span).toBeGreaterThanOrEqual(10 * 60_000);
    expect(server.clock.now()).toBe(Date.parse(events.at(-1)!.created_at));
  });
});

describe('bad requests are 400s naming the field', () => {
  const cases: [string, string, string, unknown, string][] = [
    ['missing input', 'POST', '/v1/sessions', {}, 'body.input'],
    ['empty input', 'POST', '/v1/sessions', { input: '' }, 'body.input'],
    ['unknown field', 'POST', '/v1/sessions', { input: 'x', model: 'y' }, 'body.model'],
    [
      'negative idle timeout',
      'POST',
      '/v1/sessions',
      { input: 'x', idle_timeout_s: -1 },
      'body.idle_timeout_s',
    ],
    [
      'unknown scenario',
      'POST',
      '/v1/sessions',
      { input: 'x', metadata: { scenario: 'nope' } },
      'body.metadata.scenario',
    ],
    ['not JSON', 'POST', '/v1/sessions', '{"input":', 'body'],
    ['limit too big', 'GET', '/v1/sessions?limit=101', undefined, 'query.limit'],
    ['unknown cursor', 'GET', '/v1/sessions?cursor=ses_nope', undefined, 'query.cursor'],
    ['bad session id', 'GET', '/v1/sessions/bad.id', undefined, 'path.session_id'],
    ['wait_s not a number', 'GET', '/v1/sessions/ID/changes?wait_s=abc', undefined, 'query.wait_s'],
    ['wait_s above 60', 'GET', '/v1/sessions/ID/changes?wait_s=61', undefined, 'query.wait_s'],
    ['negative from', 'GET', '/v1/sessions/ID/events?from=-1', undefined, 'query.from'],
    ['empty message', 'POST', '/v1/sessions/ID/messages', { content: '' }, 'body.content'],
    ['message without body', 'POST', '/v1/sessions/ID/messages', undefined, 'body'],
  ];

  test.each(cases)('%s', async (_name, method, path, body, field) => {
    const server = await startServer(manual);
    const client = api(server);
    const { body: session } = await client.create({ input: 'x' });
    const reply = await client.call(method, path.replace('ID', session.id), body);
    expect(reply.status).toBe(400);
    expect(reply.headers.get('content-type')).toBe('application/problem+json');
    expect(reply.body).toMatchObject({ code: 'invalid_request', status: 400 });
    expect(reply.body.errors.map((error: { path: string }) => error.path)).toContain(field);
    expect(reply.body.request_id).toBe(reply.headers.get('x-request-id'));
  });

  test('an over-long Idempotency-Key is a 400 naming the header', async () => {
    const server = await startServer();
    const reply = await api(server).create({ input: 'x' }, { 'Idempotency-Key': 'k'.repeat(256) });
    expect(reply.status).toBe(400);
    expect((reply.body as any).errors).toEqual([
      { path: 'header.Idempotency-Key', message: 'expected 1 to 255 characters' },
    ]);
  });
});

describe('auth', () => {
  test.each([
    ['missing', null],
    ['wrong', 'not-a-key'],
  ])('a %s API key is a 401', async (_name, key) => {
    const server = await startServer();
    const reply = await api(server, key).create({ input: 'x' });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ code: 'unauthorized', status: 401 });
    expect(reply.headers.get('www-authenticate')).toBe('Bearer');
    expect((await api(server).call('GET', '/v1/sessions')).body.data).toEqual([]);
  });

  test('the accepted keys are configurable', async () => {
    const server = await startServer({ apiKeys: ['k1', 'k2'] });
    expect((await api(server, 'k2').create({ input: 'x' })).status).toBe(201);
    expect((await api(server, 'test-key').create({ input: 'x' })).status).toBe(401);
  });
});

describe('Idempotency-Key', () => {
  test('the same key and body replays the first response without doing the work again', async () => {
    const server = await startServer(manual);
    const client = api(server);
    const headers = { 'Idempotency-Key': 'create-1' };
    const first = await client.create({ input: 'Once.', metadata: { a: '1', b: '2' } }, headers);
    // Same body with its keys in another order.
    const again = await client.create({ metadata: { b: '2', a: '1' }, input: 'Once.' }, headers);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('x-request-id')).not.toBe(first.headers.get('x-request-id'));
    expect((await client.call('GET', '/v1/sessions')).body.data).toHaveLength(1);

    const message = { 'Idempotency-Key': 'msg-1' };
    await client.message(first.body.id, 'Only once.', message);
    await client.message(first.body.id, 'Only once.', message);
    server.clock.advance(10_000);
    const received = server.sessions
      .get(first.body.id)!
      .events.filter((event) => event.type === 'message_received');
    expect(received.map((event) => (event.data as { content: string }).content)).toEqual([
      'Once.',
      'Only once.',
    ]);
  });

  test('the same key with another body is a 409 idempotency_conflict', async () => {
    const server = await startServer();
    const client = api(server);
    const headers = { 'Idempotency-Key': 'k' };
    await client.create({ input: 'First.' }, headers);
    const conflict = await client.create({ input: 'Second.' }, headers);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: 'idempotency_conflict', status: 409 });
    expect((await client.call('GET', '/v1/sessions')).body.data).toHaveLength(1);
  });

  test('a refused request (400) is not remembered: the corrected retry goes through', async () => {
    const server = await startServer();
    const client = api(server);
    const headers = { 'Idempotency-Key': 'fix-me' };
    expect((await client.create({ input: '' }, headers)).status).toBe(400);
    expect((await client.create({ input: 'Fixed.' }, headers)).status).toBe(201);
  });

  test('a replayed problem names the request that got it', async () => {
    const server = await startServer();
    const client = api(server);
    const { body } = await client.create({ input: 'x' });
    await client.drain(body.id);
    const headers = { 'Idempotency-Key': 'late' };
    const first = await client.message(body.id, 'Too late.', headers);
    const replay = await client.message(body.id, 'Too late.', headers);
    expect([first.status, replay.status]).toEqual([409, 409]);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((replay.body as any).request_id).toBe(replay.headers.get('x-request-id'));
    expect({ ...(replay.body as any), request_id: 'x' }).toEqual({
      ...(first.body as any),
      request_id: 'x',
    });
  });

  test('control operations replay too', async () => {
    const server = await startServer(manual);
    const client = api(server);
    const { body } = await client.create({ input: 'x', metadata: { scenario: 'slow' } });
    server.clock.advance(2_000);
    const headers = { 'Idempotency-Key': 'pause-1' };
    const first = await client.control(body.id, 'pause', headers);
    await client.control(body.id, 'resume');
    const replay = await client.control(body.id, 'pause', headers);
    expect(replay.body).toEqual(first.body);
    expect((await client.get(body.id)).body.state).toBe('running');
  });
});

describe('every response', () => {
  test('has an X-Request-Id, unique per request, also in problem bodies', async () => {
    const server = await startServer();
    const client = api(server);
    const replies = [
      await client.create({ input: 'x' }),
      await client.call('GET', '/v1/sessions'),
      await client.get('nope'),
      await client.call('GET', '/v1/nothing'),
      await client.call('DELETE', '/v1/sessions'),
      await client.call('GET', '/_mock/clock'),
    ];
    const ids = replies.map((reply) => reply.headers.get('x-request-id'));
    expect(new Set(ids).size).toBe(replies.length);
    for (const id of ids) expect(id).toMatch(/^req_/);
    expect(replies[2]!.body.request_id).toBe(ids[2]);
    expect(replies[3]).toMatchObject({ status: 404, body: { code: 'not_found' } });
    expect(replies[4]).toMatchObject({ status: 405, body: { code: 'method_not_allowed' } });
  });
});

// Waits until `count` long-polls are parked on the server (read from its own counters).
async function parked(server: { stats(): { parked: number } }, count: number) {
  while (server.stats().parked < count) await new Promise((resolve) => setImmediate(resolve));
}
