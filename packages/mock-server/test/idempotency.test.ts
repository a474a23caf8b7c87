import { describe, expect, test } from 'vitest';
import { startEngine } from './support/engine.js';

describe('idempotency keys', () => {
  test('are scoped by the key value: "bearer k" and "Bearer k" are one caller, one session', async () => {
    const { call, engine } = startEngine({ apiKeys: ['k1', 'k2'] });
    const create = (authorization: string) =>
      call('POST', '/v1/sessions', {
        body: { input: 'Once.' },
        key: null,
        headers: { Authorization: authorization, 'Idempotency-Key': 'same' },
      });
    const first = await create('Bearer k1');
    const second = await create('bearer   k1');
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    // Another key is another caller: its own session.
    const other = await create('Bearer k2');
    expect(other.status).toBe(201);
    expect(other.body.id).not.toBe(first.body.id);
    expect(engine.stats().sessions).toBe(2);
  });

  test('are forgotten after the TTL on the server clock', async () => {
    const { call, engine } = startEngine({
      autoAdvance: false,
      retention: { idempotencyTtlMs: 60_000 },
    });
    const create = () =>
      call('POST', '/v1/sessions', {
        body: { input: 'x' },
        headers: { 'Idempotency-Key': 'ttl' },
      });
    const first = await create();
    engine.clock.advance(59_999);
    expect((await create()).body.id).toBe(first.body.id);
    engine.clock.advance(2);
    expect((await create()).body.id).not.toBe(first.body.id);
  });

  test('past the limit the oldest keys go first', async () => {
    const { call, engine } = startEngine({ retention: { idempotencyKeys: 2 } });
    const create = (key: string) =>
      call('POST', '/v1/sessions', { body: { input: key }, headers: { 'Idempotency-Key': key } });
    const a = await create('a');
    await create('b');
    await create('c');
    expect(engine.stats().idempotencyKeys).toBe(2);
    expect((await create('a')).body.id).not.toBe(a.body.id);
  });
});

describe('finished sessions', () => {
  test('are evicted past the limit, longest-finished first; live ones stay', async () => {
    const { call, engine, create } = startEngine({
      autoAdvance: false,
      retention: { finishedSessions: 2 },
    });
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await create()).body.id);
      await call('POST', `/v1/sessions/${ids[i]}/cancel`);
    }
    const live = (await create({ input: 'still going', metadata: { scenario: 'slow' } })).body.id;
    expect((await call('GET', `/v1/sessions/${ids[0]}`)).status).toBe(404);
    expect((await call('GET', `/v1/sessions/${ids[1]}`)).status).toBe(200);
    expect((await call('GET', `/v1/sessions/${live}`)).status).toBe(200);
    expect(engine.stats().sessions).toBe(3);
  });

  test('are evicted after their TTL on the server clock', async () => {
    const { call, engine, create } = startEngine({
      autoAdvance: false,
      retention: { finishedSessionTtlMs: 1_000 },
    });
    const done = (await create()).body.id;
    await call('POST', `/v1/sessions/${done}/cancel`);
    engine.clock.advance(1_001);
    await create();
    expect((await call('GET', `/v1/sessions/${done}`)).status).toBe(404);
  });

  test('a bad retention option is a TypeError naming it', () => {
    expect(() => startEngine({ retention: { finishedSessions: -1 } })).toThrow(
      /retention\.finishedSessions: expected an integer >= 0/,
    );
  });
});
