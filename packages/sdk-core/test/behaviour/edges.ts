import { describe, expect, test } from 'vitest';
import type { FetchLike, SessionEvent } from '../../src/index.js';
import { ABORT_CLEANUP_MS, MAX_TIMER_MS, resolvePlatform } from '../../src/internal.js';
import type { BehaviourEnv } from './env.js';
import { eventLog, lyingServer } from './lying-server.js';
import { storedSession } from './stored-session.js';
import { flush, manualTimers, recordingSleep, stalledFetch, trackingFetch } from './tools.js';

/** The defects found by attacking the client at its edges, one regression test each. */
export function defineEdgeTests(env: BehaviourEnv) {
  const reject = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error as InstanceType<BehaviourEnv['sdk']['AgentSessionsError']>;
    }
    throw new Error('expected the call to fail');
  };
  const collect = async (events: AsyncIterable<SessionEvent>) => {
    const out: SessionEvent[] = [];
    for await (const event of events) out.push(event);
    return out;
  };
  /** Everything an error shows: message, stack, cause, JSON. */
  const shown = (error: unknown) => {
    const e = error as Error & { cause?: unknown };
    const cause = e.cause as Error | undefined;
    return [e.message, e.stack, String(e), JSON.stringify(e), String(cause), cause?.stack].join(
      '\n',
    );
  };

  describe('edges: secrets in header values', () => {
    const SECRET = 'sk_live_\nSECRET_TAIL';

    test('a key with a newline is refused at construction, naming apiKey, never echoing it', () => {
      let thrown: unknown;
      try {
        env.createClient({ apiKey: SECRET });
      } catch (error) {
        thrown = error;
      }
      expect(env.sdk.BadRequestError.is(thrown)).toBe(true);
      expect(shown(thrown)).toContain('options.apiKey');
      expect(shown(thrown)).not.toContain('SECRET_TAIL');
    });

    test('a provider key with a newline is a BadRequestError, not retried, never echoed', async () => {
      const tracker = trackingFetch();
      const client = env.createClient({ fetch: tracker.fetch, apiKey: async () => SECRET });
      const error = await reject(client.sessions.list());
      expect(env.sdk.BadRequestError.is(error)).toBe(true);
      expect(error.retryable).toBe(false);
      expect(error.message).toContain('options.apiKey');
      expect(shown(error)).not.toContain('SECRET_TAIL');
      expect(tracker.requests).toHaveLength(0);
    });

    test('an idempotency key or a custom header with a line break is refused, naming it', async () => {
      const tracker = trackingFetch();
      const client = env.createClient({ fetch: tracker.fetch });
      const key = await reject(
        client.sessions.cancel('ses_1', { idempotencyKey: 'k\r\nX-Evil: 1' }),
      );
      expect(env.sdk.BadRequestError.is(key) && key.message).toContain('options.idempotencyKey');
      expect(shown(key)).not.toContain('X-Evil');
      const header = await reject(
        client.sessions.status('ses_1', { headers: { 'x-trace': 'a\nSECRET_TAIL' } }),
      );
      expect(env.sdk.BadRequestError.is(header) && header.message).toContain(
        'options.headers.x-trace',
      );
      expect(shown(header)).not.toContain('SECRET_TAIL');
      expect(tracker.requests).toHaveLength(0);
      let thrown: unknown;
      try {
        env.createClient({ defaultHeaders: { 'x-team': 'a\u0000b' } });
      } catch (error) {
        thrown = error;
      }
      expect(env.sdk.BadRequestError.is(thrown) && thrown.message).toContain(
        'options.defaultHeaders.x-team',
      );
    });

    test('a fetch error that quotes the key is redacted in the ConnectionError', async () => {
      const key = 'sk_live_quoted_in_error';
      const client = env.createClient({
        apiKey: key,
        maxRetries: 0,
        fetch: async (input, init) => {
          const auth = new Request(input, init).headers.get('authorization');
          throw new TypeError(`could not send header authorization: ${auth}`);
        },
      });
      const error = await reject(client.sessions.list());
      expect(env.sdk.ConnectionError.is(error)).toBe(true);
      expect(shown(error)).not.toContain(key);
      expect(error.message).toContain('[redacted]');
    });
  });

  describe('edges: run() and abort', () => {
    test('aborting during start() cancels the session the server created', async () => {
      const controller = new AbortController();
      let id = '';
      const client = env.createClient({
        fetch: async (input, init) => {
          const request = new Request(input, init);
          const creating =
            request.method === 'POST' && new URL(request.url).pathname === '/v1/sessions';
          if (creating) controller.abort('user gave up');
          const response = await globalThis.fetch(request);
          if (creating) id = (await response.clone().json()).id;
          return response;
        },
      });
      const error = await reject(
        client.sessions.run({
          input: 'x',
          metadata: { scenario: 'slow' },
          signal: controller.signal,
        }),
      );
      expect(env.sdk.AbortError.is(error)).toBe(true);
      expect(id).toMatch(/^ses_/);
      expect((await storedSession(env.control, id)).session.state).toBe('interrupted');
    });

    test('after an abort, the cancel is bounded in time (a cancel that never answers)', async () => {
      const controller = new AbortController();
      const bounds: number[] = [];
      const client = env.createClient({
        platform: {
          // Fire the clean-up bound at once; other timers (attempt timeouts) never fire.
          setTimeout: (callback, ms) => {
            if (ms === ABORT_CLEANUP_MS) {
              bounds.push(ms);
              queueMicrotask(callback);
            }
            return 0;
          },
          clearTimeout: () => {},
        },
        fetch: (input, init) => {
          const request = new Request(input, init);
          if (request.url.endsWith('/cancel')) return new Promise<Response>(() => {});
          if (request.url.includes('/changes')) controller.abort('enough');
          return globalThis.fetch(request);
        },
      });
      const error = await reject(
        client.sessions.run({
          input: 'x',
          metadata: { scenario: 'slow' },
          signal: controller.signal,
        }),
      );
      expect(env.sdk.AbortError.is(error)).toBe(true);
      expect(bounds).toEqual([ABORT_CLEANUP_MS]);
    });
  });

  describe('edges: timers and calls that never answer', () => {
    test('a timeout longer than 2^31-1 ms does not fire at once: the timer is chained', async () => {
      const clock = manualTimers();
      const huge = MAX_TIMER_MS + 1000;
      const client = env.createClient({
        fetch: stalledFetch,
        timeoutMs: huge,
        maxRetries: 0,
        platform: clock.timers,
      });
      const failure = reject(client.sessions.list());
      while (clock.pending === 0) await flush();
      expect(clock.durations).toEqual([MAX_TIMER_MS]);
      clock.fireAll();
      await flush();
      // Not timed out yet: the rest of the wait is scheduled.
      expect(clock.durations).toEqual([MAX_TIMER_MS, 1000]);
      clock.fireAll();
      const error = await failure;
      expect(env.sdk.TimeoutError.is(error) && error.message).toContain(`${huge} ms`);
    });

    test('a retry sleep longer than 2^31-1 ms is chained too', async () => {
      const clock = manualTimers();
      const platform = resolvePlatform(clock.timers);
      let done = false;
      const sleeping = platform.sleep(MAX_TIMER_MS * 2 + 5, undefined).then(() => {
        done = true;
      });
      clock.fireAll();
      await flush();
      clock.fireAll();
      await flush();
      expect(done).toBe(false);
      clock.fireAll();
      await sleeping;
      expect(clock.durations).toEqual([MAX_TIMER_MS, MAX_TIMER_MS, 5]);
    });

    test('a fetch that ignores its signal still times out and still aborts', async () => {
      const ignoring: FetchLike = () => new Promise<Response>(() => {});
      const clock = manualTimers();
      const client = env.createClient({
        fetch: ignoring,
        timeoutMs: 50,
        maxRetries: 0,
        platform: clock.timers,
      });
      const timedOut = reject(client.sessions.list());
      while (clock.pending === 0) await flush();
      clock.fireAll();
      expect(env.sdk.TimeoutError.is(await timedOut)).toBe(true);
      const controller = new AbortController();
      const aborted = reject(
        env.createClient({ fetch: ignoring }).sessions.list({ signal: controller.signal }),
      );
      await flush();
      controller.abort('stop');
      expect(env.sdk.AbortError.is(await aborted)).toBe(true);
    });

    test('a key provider that never resolves times out, and an abort does not wait for it', async () => {
      const never = () => new Promise<string>(() => {});
      const clock = manualTimers();
      const tracker = trackingFetch();
      const client = env.createClient({
        apiKey: never,
        fetch: tracker.fetch,
        timeoutMs: 50,
        maxRetries: 0,
        platform: clock.timers,
      });
      const timedOut = reject(client.sessions.list());
      while (clock.pending === 0) await flush();
      clock.fireAll();
      expect(env.sdk.TimeoutError.is(await timedOut)).toBe(true);
      const controller = new AbortController();
      const aborted = reject(
        env
          .createClient({ apiKey: never, fetch: tracker.fetch })
          .sessions.list({ signal: controller.signal }),
      );
      await flush();
      controller.abort('stop');
      expect(env.sdk.AbortError.is(await aborted)).toBe(true);
      expect(tracker.requests).toHaveLength(0);
    });

    test('eleven concurrent calls on one signal add one abort listener to it', async () => {
      const controller = new AbortController();
      const { signal } = controller;
      let added = 0;
      const add = signal.addEventListener.bind(signal);
      signal.addEventListener = ((...args: Parameters<typeof add>) => {
        if (args[0] === 'abort') added += 1;
        add(...args);
      }) as typeof signal.addEventListener;
      const client = env.createClient();
      const { id } = await client.sessions.start({ input: 'x' });
      await Promise.all(Array.from({ length: 11 }, () => client.sessions.status(id, { signal })));
      expect(added).toBe(1);
    });
  });

  describe('edges: what the server adds or says differently', () => {
    /** The real server's responses with something changed in each JSON body. */
    const rewriting =
      (change: (url: string, body: Record<string, unknown>) => unknown): FetchLike =>
      async (input, init) => {
        const request = new Request(input, init);
        const response = await globalThis.fetch(request);
        if (!response.ok) return response;
        const body = change(request.url, await response.json());
        return new Response(JSON.stringify(body), {
          status: response.status,
          headers: response.headers,
        });
      };

    test('responses keep unknown fields: Session, Usage, the event envelope, Changes', async () => {
      const client = env.createClient({
        fetch: rewriting((url, body) =>
          url.includes('/changes')
            ? {
                ...body,
                cursor_hint: 'h',
                events: (body.events as Record<string, unknown>[]).map((e) => ({
                  ...e,
                  trace_id: 't',
                })),
              }
            : { ...body, priority: 'high', usage: { ...(body.usage as object), cached_tokens: 4 } },
        ),
      });
      const session = await client.sessions.start({ input: 'x' });
      expect(session.snapshot).toMatchObject({ priority: 'high', usage: { cached_tokens: 4 } });
      const status = await session.status();
      expect(status).toMatchObject({ priority: 'high', usage: { cached_tokens: 4 } });
      const changes = await session.changes();
      expect(changes).toMatchObject({ cursor_hint: 'h' });
      expect(changes.events[0]).toMatchObject({ trace_id: 't' });
    });

    test('timestamps with a numeric offset are valid; a watch survives them', async () => {
      const offset = '2026-01-01T02:00:00+02:00';
      const client = env.createClient({
        fetch: rewriting((url, body) =>
          url.includes('/changes')
            ? {
                ...body,
                events: (body.events as object[]).map((e) => ({ ...e, created_at: offset })),
              }
            : { ...body, created_at: offset, updated_at: offset },
        ),
      });
      const session = await client.sessions.start({ input: 'x' });
      expect((await session.status()).created_at).toBe(offset);
      const events = await collect(session.watch());
      expect(events.at(-1)?.created_at).toBe(offset);
    });

    test('403 is a PermissionDeniedError and does not ask the key provider again', async () => {
      const asked: boolean[] = [];
      const client = env.createClient({
        apiKey: ({ refresh }) => {
          asked.push(refresh);
          return env.apiKey;
        },
        fetch: async () =>
          new Response(
            JSON.stringify({
              type: 'about:blank',
              title: 'Forbidden',
              status: 403,
              code: 'forbidden',
              request_id: 'req_1',
            }),
            { status: 403, headers: { 'content-type': 'application/problem+json' } },
          ),
      });
      const error = await reject(client.sessions.list());
      expect(env.sdk.PermissionDeniedError.is(error)).toBe(true);
      expect(env.sdk.UnauthorizedError.is(error)).toBe(false);
      expect(error).toMatchObject({ status: 403, name: 'PermissionDeniedError', retryable: false });
      expect(asked).toEqual([false]);
    });

    test('SessionEndedError for a failed session carries the error event code and message', async () => {
      const client = env.createClient();
      const failed = await client.sessions.start({ input: 'x', metadata: { scenario: 'failure' } });
      const error = (await reject(failed.answer())) as InstanceType<
        BehaviourEnv['sdk']['SessionEndedError']
      >;
      const logged = (await storedSession(env.control, failed.id)).events.find(
        (e) => e.type === 'error',
      );
      const data = logged?.data as { code: string; message: string };
      expect(error.error).toEqual({ code: data.code, message: data.message });
      expect(error.message).toContain(data.code);
      expect(error.message).toContain(data.message);
    });

    test('ConnectionError names the host and how many attempts were made', async () => {
      const client = env.createClient({
        maxRetries: 2,
        platform: { sleep: recordingSleep().sleep },
      });
      const { id } = await client.sessions.start({ input: 'x' });
      await env.control.faults.add({ operation: 'getSession', call: 1, times: 3, kind: 'reset' });
      try {
        const error = await reject(client.sessions.status(id));
        expect(env.sdk.ConnectionError.is(error)).toBe(true);
        expect(error.message).toContain(new URL(env.baseUrl).host);
        expect(error.message).toContain('3 attempts');
        expect(error.attempts).toBe(3);
      } finally {
        await env.control.faults.clear();
      }
    });

    test('Retry-After: 0 and a past date still back off', async () => {
      const sleeper = recordingSleep();
      const client = env.createClient({
        platform: { sleep: sleeper.sleep, random: () => 0.5 },
        retry: { baseDelayMs: 100 },
      });
      const { id } = await client.sessions.start({ input: 'x' });
      await env.control.faults.add({
        operation: 'getSession',
        call: 1,
        kind: 'rate_limit',
        retryAfterS: 0,
      });
      try {
        await client.sessions.status(id);
      } finally {
        await env.control.faults.clear();
      }
      let calls = 0;
      const past = env.createClient({
        platform: { sleep: sleeper.sleep, random: () => 0.5 },
        retry: { baseDelayMs: 100 },
        fetch: async (input, init) => {
          calls += 1;
          if (calls === 1) {
            return new Response('{}', {
              status: 503,
              headers: { 'retry-after': new Date(Date.now() - 60_000).toUTCString() },
            });
          }
          return globalThis.fetch(input, init);
        },
      });
      await past.sessions.status(id);
      expect(sleeper.delays).toEqual([50, 50]);
    });
  });

  describe('edges: a server whose cursor lies', () => {
    const client = (fetch: FetchLike) =>
      env.createClient({ fetch, platform: { sleep: recordingSleep().sleep } });
    const indexes = (events: SessionEvent[]) => events.map((event) => event.index);
    const all = eventLog(10).map((event) => event.index);

    test('a lagging next does not re-deliver: exactly once, in order', async () => {
      const server = lyingServer(10, { next: (from, page) => Math.max(0, from + page.length - 2) });
      expect(indexes(await collect(client(server.fetch).sessions.watch('ses_lie')))).toEqual(all);
    });

    test('repeated events in a page are dropped', async () => {
      const server = lyingServer(10, {
        changes: (log, from) => log.slice(Math.max(0, from - 2), from + 3),
      });
      expect(indexes(await collect(client(server.fetch).sessions.watch('ses_lie')))).toEqual(all);
    });

    test('a skipped next is filled from the history', async () => {
      const server = lyingServer(10, {
        changes: (log, from, call) => (call === 1 ? log.slice(0, 2) : log.slice(from, from + 3)),
        next: (from, page, call) => (call === 1 ? 5 : from + page.length),
      });
      expect(indexes(await collect(client(server.fetch).sessions.watch('ses_lie')))).toEqual(all);
      expect(server.requests.some((r) => r.includes('/events?from=2'))).toBe(true);
    });

    test('an index gap inside a page is filled from the history', async () => {
      const server = lyingServer(10, {
        changes: (log, from) => log.slice(from, from + 4).filter((e) => e.index !== 5),
      });
      expect(indexes(await collect(client(server.fetch).sessions.watch('ses_lie')))).toEqual(all);
    });

    test('a gap the history cannot fill is a clear invalid_cursor error, not silence', async () => {
      const server = lyingServer(10, {
        changes: (log, from) => log.slice(from, from + 4).filter((e) => e.index !== 5),
        history: (log) => log.filter((e) => e.index !== 5),
      });
      const seen: number[] = [];
      const error = await reject(
        (async () => {
          for await (const event of client(server.fetch).sessions.watch('ses_lie'))
            seen.push(event.index);
        })(),
      );
      expect(env.sdk.ResponseValidationError.is(error)).toBe(true);
      expect(error.code).toBe('invalid_cursor');
      expect(error.message).toContain('5');
      expect(seen).toEqual([0, 1, 2, 3, 4]);
    });

    test('events() with a stuck cursor is an error, never an infinite loop', async () => {
      const server = lyingServer(10, {
        eventsPage: (history, from) =>
          from >= 4
            ? { data: [], next: from, has_more: true }
            : { data: history.slice(from, from + 2), next: from + 2, has_more: true },
      });
      const error = await reject(collect(client(server.fetch).sessions.events('ses_lie')));
      expect(error.code).toBe('invalid_cursor');
      // A lagging `next` in events() does not repeat events either.
      const lagging = lyingServer(10, {
        eventsPage: (history, from) => ({
          data: history.slice(from, from + 3),
          next: Math.max(0, from + 1),
          has_more: from + 3 < 10,
        }),
      });
      expect(indexes(await collect(client(lagging.fetch).sessions.events('ses_lie')))).toEqual(all);
    });

    test('list() whose cursor repeats or goes round is an error, never an infinite loop', async () => {
      const stuck = lyingServer(0, { listCursors: () => 'same' });
      const error = await reject(collect(client(stuck.fetch).sessions.list() as never));
      expect(error.code).toBe('invalid_cursor');
      const round = lyingServer(0, { listCursors: (cursor) => (cursor === 'a' ? 'b' : 'a') });
      expect((await reject(collect(client(round.fetch).sessions.list() as never))).code).toBe(
        'invalid_cursor',
      );
      expect(round.requests.length).toBeLessThan(5);
    });

    test('a server that answers a long-poll at once with old events only is paced, not busy-polled', async () => {
      const sleeper = recordingSleep();
      const server = lyingServer(3, {
        changes: (log, from, call) =>
          call === 1 ? log.slice(0, 1) : call <= 4 ? log.slice(0, 1) : log.slice(from),
      });
      const events = await collect(
        env
          .createClient({ fetch: server.fetch, platform: { sleep: sleeper.sleep } })
          .sessions.watch('ses_lie', { wait_s: 30 }),
      );
      expect(indexes(events)).toEqual([0, 1, 2]);
      expect(sleeper.delays).toEqual([250, 500, 1000]);
    });

    test('watch({ wait_s: 0 }) waits between empty polls, backing off', async () => {
      const sleeper = recordingSleep();
      const server = lyingServer(3, {
        changes: (log, from, call) => (call <= 5 ? [] : log.slice(from)),
      });
      const events = await collect(
        env
          .createClient({ fetch: server.fetch, platform: { sleep: sleeper.sleep } })
          .sessions.watch('ses_lie', { wait_s: 0 }),
      );
      expect(indexes(events)).toEqual([0, 1, 2]);
      expect(sleeper.delays).toEqual([250, 500, 1000, 2000, 4000]);
    });

    test('a server that answers a wait_s: 30 poll at once with nothing is paced, not polled in a loop', async () => {
      const sleeper = recordingSleep();
      // Empty pages at once, except one event midway (the backoff starts over after it).
      const server = lyingServer(2, {
        changes: (log, from, call) =>
          call === 4 ? log.slice(0, 1) : call >= 9 ? log.slice(from) : [],
      });
      const events = await collect(
        env
          .createClient({ fetch: server.fetch, platform: { sleep: sleeper.sleep } })
          .sessions.watch('ses_lie', { wait_s: 30 }),
      );
      expect(indexes(events)).toEqual([0, 1]);
      expect(server.requests.filter((r) => r.includes('/changes'))).toHaveLength(9);
      expect(sleeper.delays).toEqual([250, 500, 1000, 250, 500, 1000, 2000]);
    });

    test('an empty page that came back after the wait it was asked for is not paced', async () => {
      const sleeper = recordingSleep();
      let now = 0;
      const server = lyingServer(2, {
        changes: (log, from, call) => {
          // The server held each poll for the whole wait_s.
          now += 30_000;
          return call >= 6 ? log.slice(from) : [];
        },
      });
      const events = await collect(
        env
          .createClient({
            fetch: server.fetch,
            platform: { sleep: sleeper.sleep, now: () => now },
          })
          .sessions.watch('ses_lie', { wait_s: 30 }),
      );
      expect(indexes(events)).toEqual([0, 1]);
      expect(sleeper.delays).toEqual([]);
    });
  });
}
