import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { capturedHostTime } from '../src/engine/clock.js';
import { fingerprint } from '../src/engine/idempotency-store.js';
import { sha256Hex } from '../src/engine/sha256.js';
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
  test('are evicted past the limit, least recently read first; live ones stay', async () => {
    const { call, engine, create } = startEngine({
      autoAdvance: false,
      retention: { finishedSessions: 2, readGraceMs: 0 },
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
      retention: { finishedSessionTtlMs: 1_000, readGraceMs: 0 },
    });
    const done = (await create()).body.id;
    await call('POST', `/v1/sessions/${done}/cancel`);
    engine.clock.advance(1_001);
    await create();
    expect((await call('GET', `/v1/sessions/${done}`)).status).toBe(404);
  });

  test('the limit evicts by last read, not by when a session ended', async () => {
    const { call, create } = startEngine({
      autoAdvance: false,
      retention: { finishedSessions: 2, readGraceMs: 0 },
    });
    const finished = async () => {
      const id = (await create()).body.id as string;
      await call('POST', `/v1/sessions/${id}/cancel`);
      return id;
    };
    const a = await finished();
    const b = await finished();
    // A ended first but was read last: B is the least recently read.
    expect((await call('GET', `/v1/sessions/${a}/events?limit=1`)).status).toBe(200);
    const c = await finished();
    await create();
    expect((await call('GET', `/v1/sessions/${b}`)).status).toBe(404);
    expect((await call('GET', `/v1/sessions/${a}`)).status).toBe(200);
    expect((await call('GET', `/v1/sessions/${c}`)).status).toBe(200);
  });

  test('one read within readGraceMs (real time) is never evicted, past the limit and the TTL', async () => {
    let realNow = 0;
    const { call, engine, create } = startEngine({
      autoAdvance: false,
      timers: { ...capturedHostTime, monotonic: () => realNow },
      retention: { finishedSessions: 1, finishedSessionTtlMs: 1_000, readGraceMs: 5_000 },
    });
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await create()).body.id);
      await call('POST', `/v1/sessions/${ids[i]}/cancel`);
    }
    engine.clock.advance(10_000);
    await create();
    // All four were read just now (in real time): still there, limit and TTL notwithstanding.
    for (const id of ids) expect((await call('GET', `/v1/sessions/${id}`)).status).toBe(200);
    realNow += 4_000;
    await call('GET', `/v1/sessions/${ids[3]}`);
    realNow += 1_001;
    await create();
    // Past the grace, the three not read since go; the one read 1 s ago stays.
    expect(engine.sessions.list().map((session) => session.id)).toContain(ids[3]);
    for (const id of ids.slice(0, 3)) expect(engine.sessions.get(id)).toBeUndefined();
  });

  test('a bad retention option is a TypeError naming it', () => {
    expect(() => startEngine({ retention: { finishedSessions: -1 } })).toThrow(
      /retention\.finishedSessions: expected an integer >= 0/,
    );
  });
});

describe('the idempotency store keeps a digest, not the body', () => {
  test('a fingerprint is a 64-hex SHA-256 whatever the body size (a 100 KB start keeps 64 bytes)', () => {
    const big = { input: 'x'.repeat(100_000), metadata: { a: '1', b: '2' } };
    const digest = fingerprint('createSession', '/v1/sessions', big);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    // Key order does not matter; one character does.
    expect(
      fingerprint('createSession', '/v1/sessions', {
        metadata: { b: '2', a: '1' },
        input: big.input,
      }),
    ).toBe(digest);
    expect(
      fingerprint('createSession', '/v1/sessions', { ...big, input: `${big.input}y` }),
    ).not.toBe(digest);
    expect(fingerprint('createSession', '/v1/sessions/x', big)).not.toBe(digest);
  });

  test.each([
    ['empty', ''],
    ['55 bytes (padding fits one block)', 'a'.repeat(55)],
    ['56 bytes (padding needs a second block)', 'a'.repeat(56)],
    ['64 bytes', 'b'.repeat(64)],
    ['multi-byte UTF-8 and a lone surrogate', 'h\u00e9llo \u{1f600} \ud800 end'],
    ['1 MiB', 'z'.repeat(1 << 20)],
  ])('sha256Hex agrees with node:crypto on %s', (_what, text) => {
    expect(sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });

  test('a replay of a 100 KB start and a conflict on a changed one still work over the digest', async () => {
    const { call, engine } = startEngine();
    const input = 'q'.repeat(100_000);
    const start = (text: string) =>
      call('POST', '/v1/sessions', {
        body: { input: text },
        headers: { 'Idempotency-Key': 'big' },
      });
    const first = await start(input);
    expect(first.status).toBe(201);
    const again = await start(input);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect((await start(`${input}!`)).status).toBe(409);
    expect(engine.stats().sessions).toBe(1);
  });
});
