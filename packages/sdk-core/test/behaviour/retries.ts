import { describe, expect, test } from 'vitest';
import type { BehaviourEnv } from './env.js';
import { storedSession } from './stored-session.js';
import { recordingSleep, trackingFetch } from './tools.js';

/** Retries for each fault kind, backoff, Retry-After, and the idempotency guarantee. */
export function defineRetryTests(env: BehaviourEnv) {
  /** A client whose retries never wait (the delays are recorded) and whose requests are seen. */
  const fastClient = (options: Parameters<BehaviourEnv['createClient']>[0] = {}) => {
    const tracker = trackingFetch();
    const sleeper = recordingSleep();
    const client = env.createClient({
      fetch: tracker.fetch,
      ...options,
      platform: { sleep: sleeper.sleep, ...options.platform },
    });
    return { client, requests: tracker.requests, delays: sleeper.delays };
  };

  describe('retries', () => {
    const kinds = [
      { kind: 'rate_limit' },
      { kind: 'server_error', status: 500 },
      { kind: 'server_error', status: 502 },
      { kind: 'server_error', status: 503 },
      { kind: 'reset' },
      { kind: 'truncate' },
      { kind: 'malformed' },
    ] as const;
    for (const fault of kinds) {
      test(`a read is retried after ${fault.kind} ${'status' in fault ? fault.status : ''}`, async () => {
        const { client, requests, delays } = fastClient();
        const { id } = await client.sessions.start({ input: 'x' });
        await env.control.faults.add({ operation: 'getSession', call: 1, times: 2, ...fault });
        const session = await client.sessions.status(id);
        await env.control.faults.clear();
        expect(session).toEqual((await storedSession(env.control, id)).session);
        expect(requests.filter((r) => r.method === 'GET')).toHaveLength(3);
        expect(delays).toHaveLength(2);
      });
    }

    test('a delayed response is simply waited for', async () => {
      const { client, requests } = fastClient();
      const { id } = await client.sessions.start({ input: 'x' });
      await env.control.faults.add({
        operation: 'getSession',
        call: 1,
        kind: 'delay',
        delayMs: 5000,
      });
      expect((await client.sessions.status(id)).id).toBe(id);
      expect(requests).toHaveLength(2);
      await env.control.faults.clear();
    });

    test('backoff doubles with full jitter; Retry-After is honoured instead', async () => {
      const { client, delays } = fastClient({
        retry: { baseDelayMs: 100, maxDelayMs: 350 },
        platform: { random: () => 0.5 },
      });
      const { id } = await client.sessions.start({ input: 'x' });
      await env.control.faults.add({
        operation: 'getSession',
        call: 1,
        times: 3,
        kind: 'server_error',
      });
      await client.sessions.status(id);
      expect(delays).toEqual([50, 100, 175]);
      await env.control.faults.add({
        operation: 'getSession',
        call: 1,
        kind: 'rate_limit',
        retryAfterS: 3,
      });
      await client.sessions.status(id);
      expect(delays.slice(3)).toEqual([3000]);
      await env.control.faults.clear();
    });

    test('a Retry-After longer than maxRetryAfterMs is not waited for', async () => {
      const { client, delays } = fastClient({ retry: { maxRetryAfterMs: 10_000 } });
      const { id } = await client.sessions.start({ input: 'x' });
      await env.control.faults.add({
        operation: 'getSession',
        call: 1,
        kind: 'rate_limit',
        retryAfterS: 60,
      });
      await expect(client.sessions.status(id)).rejects.toMatchObject({
        status: 429,
        retryAfterMs: 60_000,
      });
      expect(delays).toEqual([]);
      await env.control.faults.clear();
    });

    test('maxRetries bounds the attempts, per client and per call', async () => {
      const { client, requests } = fastClient({ maxRetries: 2 });
      const { id } = await client.sessions.start({ input: 'x' });
      await env.control.faults.add({ operation: 'getSession', kind: 'server_error' });
      await expect(client.sessions.status(id)).rejects.toMatchObject({ name: 'ServerError' });
      expect(requests.filter((r) => r.method === 'GET')).toHaveLength(3);
      await expect(client.sessions.status(id, { maxRetries: 0 })).rejects.toMatchObject({
        status: 500,
      });
      expect(requests.filter((r) => r.method === 'GET')).toHaveLength(4);
      await env.control.faults.clear();
    });

    test('a 4xx that cannot succeed is never retried', async () => {
      const { client, requests } = fastClient();
      await expect(client.sessions.status('ses_missing')).rejects.toMatchObject({ status: 404 });
      const { session } = await client.sessions.run({ input: 'x' });
      const before = requests.length;
      await expect(client.sessions.cancel(session.id)).rejects.toMatchObject({ status: 409 });
      expect(requests.length - before).toBe(1);
      expect(requests.filter((r) => r.url.endsWith('ses_missing'))).toHaveLength(1);
    });

    test('a message retried after its response was cut is recorded once, under one key', async () => {
      const { client, requests } = fastClient();
      const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
      await env.control.faults.add({ operation: 'sendSessionMessage', call: 1, kind: 'truncate' });
      await env.control.faults.add({ operation: 'sendSessionMessage', call: 2, kind: 'malformed' });
      await session.send('exactly once');
      await session.forceAnswer();
      await session.answer();
      await env.control.faults.clear();
      const sends = requests.filter((r) => r.url.endsWith('/messages'));
      expect(sends).toHaveLength(3);
      expect(new Set(sends.map((r) => r.idempotencyKey)).size).toBe(1);
      expect(sends[0]?.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
      const messages = (await storedSession(env.control, session.id)).events.filter(
        (event) => event.type === 'message_received' && event.data.content === 'exactly once',
      );
      expect(messages).toHaveLength(1);
    });

    test('a start retried after a lost response creates one session; a caller key is used as given', async () => {
      const { client, requests } = fastClient();
      await env.control.faults.add({ operation: 'createSession', call: 1, kind: 'truncate' });
      const session = await client.sessions.start({ input: 'once', idempotencyKey: 'job-42' });
      await env.control.faults.clear();
      const creates = requests.filter((r) => r.method === 'POST');
      expect(creates.map((r) => r.idempotencyKey)).toEqual(['job-42', 'job-42']);
      const again = await client.sessions.start({ input: 'once', idempotencyKey: 'job-42' });
      expect(again.id).toBe(session.id);
      const mine = [];
      for await (const s of client.sessions.list({ limit: 100 }))
        if (s.id === session.id) mine.push(s);
      expect(mine).toHaveLength(1);
    });

    test('every POST gets its own key; reads send none', async () => {
      const { client, requests } = fastClient();
      const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
      await session.pause();
      await session.resume();
      await session.status();
      const keys = requests.filter((r) => r.method === 'POST').map((r) => r.idempotencyKey);
      expect(new Set(keys).size).toBe(3);
      expect(requests.find((r) => r.method === 'GET')?.idempotencyKey).toBeNull();
    });
  });
}
