import { describe, expect, test } from 'vitest';
import type { BehaviourEnv } from './env.js';
import { recordingSleep, trackingFetch } from './tools.js';

/** A POST never goes out without the key that makes its retries happen once. */
export function defineIdempotencyTests(env: BehaviourEnv) {
  const client = (options: Parameters<BehaviourEnv['createClient']>[0] = {}) => {
    const tracker = trackingFetch();
    const made = env.createClient({
      fetch: tracker.fetch,
      ...options,
      platform: { sleep: recordingSleep().sleep, ...options.platform },
    });
    return { client: made, requests: tracker.requests };
  };
  /** The error a call rejects with (it must reject). */
  const refusal = async (call: Promise<unknown>) => {
    const error = (await call.then(
      () => {
        throw new Error('expected the call to be refused');
      },
      (e: unknown) => e,
    )) as { name: string; errors: { path: string }[]; retryable: boolean; status: unknown };
    expect(error).toMatchObject({ name: 'BadRequestError', retryable: false, status: undefined });
    return error.errors.map((issue) => issue.path);
  };

  describe('idempotency: a POST never goes out without its key', () => {
    for (const removed of [null, undefined, '', 'x'.repeat(256), 'a\nb']) {
      test(`headers { 'Idempotency-Key': ${JSON.stringify(removed)?.slice(0, 12)} } on a start is refused, nothing sent, even with a fault waiting`, async () => {
        const { client: c, requests } = client();
        await env.control.faults.add({ operation: 'createSession', call: 1, kind: 'truncate' });
        try {
          const paths = await refusal(
            c.sessions.start({ input: 'x', headers: { 'Idempotency-Key': removed as never } }),
          );
          expect(paths).toEqual(['options.headers.Idempotency-Key']);
          expect(requests).toEqual([]);
        } finally {
          await env.control.faults.clear();
        }
      });
    }

    test('an idempotencyKey of 0 or 256 characters is refused locally, not by the server', async () => {
      const { client: c, requests } = client();
      for (const key of ['', 'k'.repeat(256)]) {
        expect(await refusal(c.sessions.start({ input: 'x', idempotencyKey: key }))).toEqual([
          'options.idempotencyKey',
        ]);
      }
      expect(requests).toEqual([]);
    });

    test('a key given as a header is the key of every attempt: a start cut off once creates one session', async () => {
      const { client: c, requests } = client();
      await env.control.faults.add({ operation: 'createSession', call: 1, kind: 'truncate' });
      const key = `hdr-${Math.random()}`;
      const session = await c.sessions.start({ input: 'x', headers: { 'idempotency-key': key } });
      await env.control.faults.clear();
      expect(requests.map((r) => r.idempotencyKey)).toEqual([key, key]);
      const again = await c.sessions.start({ input: 'x', idempotencyKey: key });
      expect(again.id).toBe(session.id);
      expect(
        await refusal(
          c.sessions.start({
            input: 'x',
            idempotencyKey: 'a',
            headers: { 'Idempotency-Key': 'b' },
          }),
        ),
      ).toEqual(['options.headers.Idempotency-Key']);
    });

    const hookCases: [string, (request: Request) => Request | undefined][] = [
      ['deletes the key', (request) => void request.headers.delete('idempotency-key')],
      ['blanks the key', (request) => void request.headers.set('Idempotency-Key', '')],
      ['changes the key', (request) => void request.headers.set('Idempotency-Key', 'other')],
      [
        'rebuilds the Request without the key',
        (request) => {
          const headers = new Headers(request.headers);
          headers.delete('idempotency-key');
          return new Request(request.url, { method: 'POST', headers, body: '{"input":"x"}' });
        },
      ],
    ];
    for (const [what, hook] of hookCases) {
      test(`a beforeRequest hook that ${what} is refused before sending, not retried`, async () => {
        const { client: c, requests } = client({ hooks: { beforeRequest: [hook] } });
        await env.control.faults.add({ operation: 'createSession', call: 1, kind: 'truncate' });
        try {
          expect(await refusal(c.sessions.start({ input: 'x' }))).toEqual([
            'options.hooks.beforeRequest',
          ]);
          expect(requests).toEqual([]);
        } finally {
          await env.control.faults.clear();
        }
      });
    }

    test('a hook that leaves the key as it is, or a read with its key header removed, goes ahead', async () => {
      const { client: c, requests } = client({
        hooks: {
          beforeRequest: [
            (request) => {
              request.headers.set('x-trace', '1');
              const key = request.headers.get('idempotency-key');
              if (key) request.headers.set('Idempotency-Key', key);
            },
          ],
        },
      });
      const session = await c.sessions.start({ input: 'x' });
      await c.sessions.status(session.id, { headers: { 'Idempotency-Key': null } });
      expect(requests.map((r) => r.method)).toEqual(['POST', 'GET']);
      expect(requests[1]?.idempotencyKey).toBeNull();
    });

    test('a key on every POST (defaultHeaders) is refused when the client is made', () => {
      const both: Record<string, string>[] = [
        { 'Idempotency-Key': 'same' },
        { 'idempotency-key': 'same' },
      ];
      for (const headers of both) {
        expect(() => env.createClient({ defaultHeaders: headers })).toThrow(
          /options\.defaultHeaders\.idempotency-key: is chosen per call/i,
        );
      }
    });

    test('a platform randomUUID that gives no usable key is refused before sending', async () => {
      const { client: c, requests } = client({ platform: { randomUUID: () => '' } });
      expect(await refusal(c.sessions.start({ input: 'x' }))).toEqual(['platform.randomUUID']);
      expect(requests).toEqual([]);
    });
  });
}
