import { describe, expect, test } from 'vitest';
import type { FetchLike, Logger } from '../../src/index.js';
import type { BehaviourEnv } from './env.js';
import { recordingSleep } from './tools.js';

/** Logging, hooks, fetch options, per-call options, withOptions and the retry headers. */
export function defineFeatureTests(env: BehaviourEnv) {
  /** A fetch that records each request (and its extra init) and passes it on. */
  const recording = () => {
    const seen: { request: Request; init: Record<string, unknown> | undefined }[] = [];
    const fetch: FetchLike = (input, init) => {
      const request = new Request(input, init);
      seen.push({ request, init: init as Record<string, unknown> | undefined });
      return globalThis.fetch(request);
    };
    return { fetch, seen };
  };
  /** A logger of each shape, recording what it got. */
  const memoryLogger = () => {
    const lines: { level: string; line: string }[] = [];
    const at = (level: string) => (line: string) => {
      lines.push({ level, line });
    };
    return {
      logger: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') },
      lines,
    };
  };

  describe('features: logging', () => {
    test('info logs one line per request and per retry: method, path, status, ms, request id, attempt', async () => {
      const { logger, lines } = memoryLogger();
      const client = env.createClient({
        logLevel: 'info',
        logger,
        platform: { sleep: recordingSleep().sleep },
      });
      const { id } = await client.sessions.start({ input: 'x' });
      await env.control.faults.add({
        operation: 'getSession',
        call: 1,
        kind: 'server_error',
        status: 503,
      });
      try {
        await client.sessions.status(id);
      } finally {
        await env.control.faults.clear();
      }
      const status = lines.filter((l) => l.line.includes(`GET /v1/sessions/${id} `));
      expect(status.map((l) => l.level)).toEqual(['warn', 'info']);
      expect(status[0]?.line).toMatch(
        new RegExp(
          `^agent-sessions: GET /v1/sessions/${id} 503 \\d+ms req_\\w+ attempt 1: ServerError \\(service_unavailable\\), retrying in \\d+ ms$`,
        ),
      );
      expect(status[1]?.line).toMatch(
        new RegExp(`^agent-sessions: GET /v1/sessions/${id} 200 \\d+ms req_\\w+ attempt 2$`),
      );
      expect(lines.some((l) => l.level === 'debug')).toBe(false);
    });

    test('debug shows the headers with the key and idempotency key redacted; off logs nothing', async () => {
      const { logger, lines } = memoryLogger();
      await env
        .createClient({ logLevel: 'debug', logger })
        .sessions.start({ input: 'x', idempotencyKey: 'idem-secret' });
      const debug = lines
        .filter((l) => l.level === 'debug')
        .map((l) => l.line)
        .join('\n');
      expect(debug).toContain('authorization: [redacted]');
      expect(debug).toContain('idempotency-key: [redacted]');
      expect(debug).toContain('x-retry-count: 0');
      expect(lines.map((l) => l.line).join('\n')).not.toContain(env.apiKey);
      expect(lines.map((l) => l.line).join('\n')).not.toContain('idem-secret');
      const quiet = memoryLogger();
      await env.createClient({ logLevel: 'off', logger: quiet.logger }).sessions.list();
      expect(quiet.lines).toEqual([]);
    });

    test('error logs only calls that finally failed; a bad level is refused naming it', async () => {
      const { logger, lines } = memoryLogger();
      const client = env.createClient({ logLevel: 'error', logger });
      await client.sessions.list();
      await client.sessions.status('ses_missing').catch(() => undefined);
      expect(lines.map((l) => l.level)).toEqual(['error']);
      expect(lines[0]?.line).toContain('404');
      expect(() => env.createClient({ logLevel: 'loud' as never })).toThrow(/options\.logLevel/);
    });
    test('a logger that throws, or lacks a level, never fails a call that was sent', async () => {
      const tracker = recording();
      const broken = {
        error: () => {
          throw new Error('log sink down');
        },
        warn: () => {
          throw new Error('log sink down');
        },
        info: () => {
          throw new Error('log sink down');
        },
      } as unknown as Logger;
      const client = env.createClient({ fetch: tracker.fetch, logLevel: 'debug', logger: broken });
      const { id } = await client.sessions.start({ input: 'x' });
      expect(tracker.seen.filter((s) => s.request.method === 'POST')).toHaveLength(1);
      await expect(client.sessions.status('ses_missing')).rejects.toMatchObject({ status: 404 });
      expect((await client.sessions.status(id)).id).toBe(id);
    });
  });

  describe('features: hooks', () => {
    test('beforeRequest, afterResponse and beforeRetry run client-wide, then per call, with the context', async () => {
      const order: string[] = [];
      const client = env.createClient({
        platform: { sleep: recordingSleep().sleep },
        hooks: {
          beforeRequest: [
            (request, context) => {
              request.headers.set('traceparent', `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`);
              order.push(`client before ${context.method} attempt ${context.attempt}`);
            },
          ],
          afterResponse: [
            (_request, response) => void order.push(`client after ${response.status}`),
          ],
          beforeRetry: [
            ({ error, attempt, delayMs }) =>
              void order.push(`retry ${error.status} ${attempt} ${delayMs >= 0}`),
          ],
        },
      });
      const { id } = await client.sessions.start({ input: 'x' });
      order.length = 0;
      await env.control.faults.add({ operation: 'getSession', call: 1, kind: 'server_error' });
      let traced: string | null = null;
      try {
        await client.sessions.status(id, {
          hooks: {
            beforeRequest: [
              (request) => {
                traced = request.headers.get('traceparent');
                order.push('call before');
              },
            ],
          },
        });
      } finally {
        await env.control.faults.clear();
      }
      expect(traced).toMatch(/^00-a{32}-b{16}-01$/);
      expect(order).toEqual([
        'client before GET attempt 1',
        'call before',
        'client after 500',
        'retry 500 1 true',
        'client before GET attempt 2',
        'call before',
        'client after 200',
      ]);
    });

    test('a beforeRequest hook may answer instead of the network; afterResponse may replace a response', async () => {
      const tracker = recording();
      const client = env.createClient({ fetch: tracker.fetch });
      const { id } = await client.sessions.start({ input: 'x' });
      const real = await client.sessions.status(id);
      const cached = await client.sessions.status(id, {
        hooks: { beforeRequest: [() => new Response(JSON.stringify({ ...real, step_count: 42 }))] },
      });
      expect(cached.step_count).toBe(42);
      expect(tracker.seen).toHaveLength(2);
      const replaced = await client.sessions.status(id, {
        hooks: { afterResponse: [() => new Response(JSON.stringify({ ...real, turn: 9 }))] },
      });
      expect(replaced.turn).toBe(9);
    });
    test('a hook that throws rejects the call with its own error, sent at most once, never retried', async () => {
      const tracker = recording();
      const bug = new TypeError('hook bug');
      const client = env.createClient({
        fetch: tracker.fetch,
        platform: { sleep: recordingSleep().sleep },
      });
      const thrower = () => {
        throw bug;
      };
      await expect(
        client.sessions.start({ input: 'x', hooks: { afterResponse: [thrower] } }),
      ).rejects.toBe(bug);
      expect(tracker.seen).toHaveLength(1);
      await expect(client.sessions.list({ hooks: { beforeRequest: [thrower] } })).rejects.toBe(bug);
      expect(tracker.seen).toHaveLength(1);
    });
    test('hooks given as a bare function instead of a list are refused, naming them, before anything is sent', async () => {
      const { BadRequestError } = env.sdk;
      const tracker = recording();
      const hook = (() => undefined) as never;
      const thrown = (() => {
        try {
          env.createClient({ fetch: tracker.fetch, hooks: { beforeRequest: hook } });
        } catch (error) {
          return error;
        }
      })();
      expect(BadRequestError.is(thrown) && thrown.message).toContain('options.hooks.beforeRequest');
      const client = env.createClient({ fetch: tracker.fetch });
      const error = await client.sessions.list({ hooks: { afterResponse: hook } }).catch((e) => e);
      expect(BadRequestError.is(error) && error.message).toContain('options.hooks.afterResponse');
      expect(tracker.seen).toHaveLength(0);
    });
  });

  describe('features: per-call and client options', () => {
    test('per-call headers and query, over defaultHeaders; null removes a default header', async () => {
      const tracker = recording();
      const client = env.createClient({
        fetch: tracker.fetch,
        defaultHeaders: { 'x-team': 'search', 'x-env': 'ci' },
      });
      await client.sessions.list({
        limit: 2,
        headers: { 'x-team': 'ads', 'x-env': null },
        query: { beta: true },
      });
      const { request } = tracker.seen[0]!;
      expect(request.headers.get('x-team')).toBe('ads');
      expect(request.headers.get('x-env')).toBeNull();
      expect(new URL(request.url).search).toBe('?limit=2&beta=true');
      await client.sessions.list();
      expect(tracker.seen[1]?.request.headers.get('x-env')).toBe('ci');
    });

    test('a per-call header in any case replaces the SDK header of that name, never joins it', async () => {
      const tracker = recording();
      const client = env.createClient({ fetch: tracker.fetch, apiKey: 'sk-replaced' });
      await client.sessions.start({
        input: 'x',
        headers: { Authorization: `Bearer ${env.apiKey}`, 'Idempotency-Key': 'mine' },
      });
      await expect(
        client.sessions.list({ headers: { AUTHORIZATION: null }, maxRetries: 0 }),
      ).rejects.toMatchObject({ status: 401 });
      const [start, list] = tracker.seen.map((s) => s.request.headers);
      expect(start?.get('authorization')).toBe(`Bearer ${env.apiKey}`);
      expect(start?.get('idempotency-key')).toBe('mine');
      expect(list?.get('authorization')).toBeNull();
    });

    test("a per-call query parameter replaces the call's own of that name, never sent twice", async () => {
      const tracker = recording();
      const client = env.createClient({ fetch: tracker.fetch });
      const page = await client.sessions.list({ limit: 2, query: { limit: 1, beta: true } });
      expect(new URL(tracker.seen[0]!.request.url).search).toBe('?limit=1&beta=true');
      expect(page.data.length).toBeLessThanOrEqual(1);
    });

    test('a default header given again in another case (withOptions, headers and defaultHeaders) replaces it, never joins it', async () => {
      const tracker = recording();
      const base = env.createClient({
        fetch: tracker.fetch,
        headers: { 'X-Env': 'ci' },
        defaultHeaders: { 'X-Team': 'search', 'x-env': 'prod' },
      });
      await base.withOptions({ defaultHeaders: { 'x-team': 'ads' } }).sessions.list();
      const { headers } = tracker.seen[0]!.request;
      expect([headers.get('x-team'), headers.get('x-env')]).toEqual(['ads', 'prod']);
    });

    test('fetchOptions reach fetch, client-wide and per call', async () => {
      const tracker = recording();
      const client = env.createClient({
        fetch: tracker.fetch,
        fetchOptions: { traceTag: 'client' },
      });
      await client.sessions.list();
      await client.sessions.list({ fetchOptions: { traceTag: 'call' } });
      expect(tracker.seen.map((s) => s.init?.traceTag)).toEqual(['client', 'call']);
    });

    test('withOptions(null) or a non-object is refused, naming options', () => {
      const { BadRequestError } = env.sdk;
      const base = env.createClient();
      for (const bad of [null, 'fast', 42]) {
        let thrown: unknown;
        try {
          base.withOptions(bad as never);
        } catch (error) {
          thrown = error;
        }
        expect(BadRequestError.is(thrown) && thrown.message).toContain(
          'options: expected an object',
        );
      }
    });
    test('withOptions derives a client: merged headers and hooks, replaced settings, the original unchanged', async () => {
      const tracker = recording();
      const hooked: string[] = [];
      const base = env.createClient({
        fetch: tracker.fetch,
        defaultHeaders: { 'x-a': '1' },
        hooks: { beforeRequest: [() => void hooked.push('base')] },
      });
      const derived = base.withOptions({
        defaultHeaders: { 'x-b': '2' },
        maxRetries: 0,
        hooks: { beforeRequest: [() => void hooked.push('derived')] },
      });
      expect(derived).toBeInstanceOf(base.constructor);
      await derived.sessions.list();
      await base.sessions.list();
      const [first, second] = tracker.seen.map((s) => s.request.headers);
      expect([first?.get('x-a'), first?.get('x-b')]).toEqual(['1', '2']);
      expect([second?.get('x-a'), second?.get('x-b')]).toEqual(['1', null]);
      expect(hooked).toEqual(['base', 'derived', 'base']);
    });
    test("hooks run in one order: the client's, a derived client's, then the call's; the base keeps its own", async () => {
      const hooked: string[] = [];
      const hook = (name: string) => () => void hooked.push(name);
      const baseHooks = { beforeRequest: [hook('base')], afterResponse: [hook('base after')] };
      const base = env.createClient({ hooks: baseHooks });
      const derived = base.withOptions({
        hooks: { beforeRequest: [hook('derived')], afterResponse: [hook('derived after')] },
      });
      // A client made without hooks, derived with none: no hook runs, nothing shared.
      const bare = env.createClient({}).withOptions({});
      await bare.sessions.list();
      expect(hooked).toEqual([]);
      await derived.sessions.list({
        hooks: { beforeRequest: [hook('call')], afterResponse: [hook('call after')] },
      });
      expect(hooked).toEqual([
        'base',
        'derived',
        'call',
        'base after',
        'derived after',
        'call after',
      ]);
      // The derived client's lists are its own: the base's are unchanged.
      expect(baseHooks.beforeRequest).toHaveLength(1);
      hooked.length = 0;
      await base.sessions.list();
      expect(hooked).toEqual(['base', 'base after']);
    });
  });

  describe('features: retries like the anchors', () => {
    /** Answers the first attempt with `first`, then passes every request to the real server. */
    const failingOnce = (first: () => Response) => {
      const counts: (string | null)[] = [];
      const fetch: FetchLike = async (input, init) => {
        const request = new Request(input, init);
        counts.push(request.headers.get('x-retry-count'));
        return counts.length === 1 ? first() : globalThis.fetch(request);
      };
      return { fetch, counts };
    };

    test('Retry-After-Ms is honoured (over Retry-After); X-Retry-Count counts the attempts', async () => {
      const sleeper = recordingSleep();
      const server = failingOnce(
        () =>
          new Response('{}', {
            status: 429,
            headers: { 'retry-after-ms': '1234', 'retry-after': '9' },
          }),
      );
      const client = env.createClient({ fetch: server.fetch, platform: { sleep: sleeper.sleep } });
      await client.sessions.list();
      expect(sleeper.delays).toEqual([1234]);
      expect(server.counts).toEqual(['0', '1']);
    });

    test('X-Should-Retry: true retries a 4xx; false stops a 5xx', async () => {
      const sleeper = recordingSleep();
      const yes = failingOnce(
        () => new Response('{}', { status: 400, headers: { 'x-should-retry': 'true' } }),
      );
      await env
        .createClient({ fetch: yes.fetch, platform: { sleep: sleeper.sleep } })
        .sessions.list();
      expect(yes.counts).toEqual(['0', '1']);
      const no = failingOnce(
        () => new Response('{}', { status: 503, headers: { 'x-should-retry': 'false' } }),
      );
      const error = await env
        .createClient({ fetch: no.fetch, platform: { sleep: sleeper.sleep } })
        .sessions.list()
        .catch((e: unknown) => e);
      expect(env.sdk.ServerError.is(error) && error.retryable).toBe(false);
      expect(no.counts).toEqual(['0']);
    });
  });
}
