import { describe, expect, test } from 'vitest';
import type { BehaviourEnv } from './env.js';
import { manualTimers, recordingSleep, stalledFetch, trackingFetch } from './tools.js';

/** Every error class, produced by the real server (or the client refusing bad input). */
export function defineErrorTests(env: BehaviourEnv) {
  const reject = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error as InstanceType<BehaviourEnv['sdk']['AgentSessionsError']>;
    }
    throw new Error('expected the call to fail');
  };

  describe('errors', () => {
    test('bad parameters are refused before sending, naming the field', async () => {
      const { BadRequestError } = env.sdk;
      const tracker = trackingFetch();
      const client = env.createClient({ fetch: tracker.fetch });
      const cases: [() => Promise<unknown>, string][] = [
        [() => client.sessions.start({ input: '' }), 'body.input'],
        [
          () => client.sessions.start({ input: 'x', idle_timeout: 5 } as never),
          'body.idle_timeout',
        ],
        [() => client.sessions.start({ input: 'x', idle_timeout_s: -1 }), 'body.idle_timeout_s'],
        [() => client.sessions.changes('ses_1', { wait_s: 61 }), 'query.wait_s'],
        [() => client.sessions.changes('ses_1', { from: 1.5 }), 'query.from'],
        [() => client.sessions.list({ limit: 0 }), 'query.limit'],
        [() => client.sessions.events('ses_1', { limit: 501 }), 'query.limit'],
        [() => client.sessions.send('ses_1', ''), 'body.content'],
        [() => client.sessions.status('not an id!'), 'session_id'],
        [() => client.sessions.pause('../x'), 'session_id'],
        [() => client.sessions.status('ses_1', { timeoutMs: 0 }), 'options.timeoutMs'],
        [() => client.sessions.list({ maxRetries: -1 }), 'options.maxRetries'],
        [() => client.sessions.cancel('ses_1', { idempotencyKey: '' }), 'options.idempotencyKey'],
      ];
      for (const [call, field] of cases) {
        const error = await reject(call());
        expect(BadRequestError.is(error), field).toBe(true);
        expect(error.status).toBeUndefined();
        expect(error.errors.map((e) => e.path)).toContain(field);
        expect(error.message).toContain(field);
      }
      expect(() => client.sessions.get('bad id')).toThrow(/session_id/);
      expect(tracker.requests).toHaveLength(0);
    });

    test('bad client options are refused, naming the option', () => {
      const { BadRequestError } = env.sdk;
      for (const [options, field] of [
        [{ maxRetries: -1 }, 'options.maxRetries'],
        [{ timeoutMs: 0 }, 'options.timeoutMs'],
        [{ baseUrl: 'not a url' }, 'options.baseUrl'],
        [{ apiKey: '' }, 'options.apiKey'],
        [{ retry: { baseDelayMs: -5 } }, 'options.retry.baseDelayMs'],
      ] as const) {
        let thrown: unknown;
        try {
          env.createClient(options);
        } catch (error) {
          thrown = error;
        }
        expect(BadRequestError.is(thrown) && thrown.message).toContain(field);
      }
    });

    test('BadRequestError from the server carries status, code, fields and request id', async () => {
      const client = env.createClient();
      const error = await reject(
        client.sessions.start({ input: 'x', metadata: { scenario: 'nope' } }),
      );
      expect(env.sdk.BadRequestError.is(error)).toBe(true);
      expect(error).toMatchObject({
        name: 'BadRequestError',
        status: 400,
        code: 'invalid_request',
      });
      expect(error.errors.map((e) => e.path)).toContain('body.metadata.scenario');
      expect(error.requestId).toMatch(/^req_/);
      expect(error.message).toMatch(
        /^Request failed with status 400 \(invalid_request\): POST \/v1\/sessions - /,
      );
    });

    test('apiKey: null sends no Authorization header (for a proxy that adds it)', async () => {
      const tracker = trackingFetch();
      const client = env.createClient({ apiKey: null, fetch: tracker.fetch });
      const error = await reject(client.sessions.list());
      expect(tracker.requests.map((r) => r.authorization)).toEqual([null]);
      // This server wants a key itself, so it refuses: behind a real proxy the proxy adds one.
      expect(env.sdk.UnauthorizedError.is(error)).toBe(true);
    });

    test('UnauthorizedError: a wrong key, never shown in the error', async () => {
      const key = 'sk_wrong_secret_key_123';
      const error = await reject(env.createClient({ apiKey: key }).sessions.list());
      expect(env.sdk.UnauthorizedError.is(error)).toBe(true);
      expect(error).toMatchObject({ status: 401, code: 'unauthorized' });
      const everything = [
        JSON.stringify(error),
        String(error),
        error.stack,
        JSON.stringify(error.problem),
      ];
      for (const text of everything) expect(text).not.toContain(key);
    });

    test('a key provider is asked again once after a 401, then the call is retried', async () => {
      const asked: boolean[] = [];
      let current = 'expired';
      const client = env.createClient({
        platform: { sleep: recordingSleep().sleep },
        apiKey: ({ refresh }) => {
          asked.push(refresh);
          if (refresh) current = env.apiKey;
          return current;
        },
      });
      expect((await client.sessions.list({ limit: 1 })).data).toBeDefined();
      expect(asked).toEqual([false, true]);
      // Other retries do not ask for a fresh key.
      await env.control.faults.add({
        operation: 'listSessions',
        call: 1,
        kind: 'server_error',
        status: 503,
      });
      await client.sessions.list({ limit: 1 });
      expect(asked).toEqual([false, true, false, false]);

      const tracker = trackingFetch();
      const neverValid = env.createClient({
        fetch: tracker.fetch,
        apiKey: async () => 'still-wrong',
      });
      expect(env.sdk.UnauthorizedError.is(await reject(neverValid.sessions.list()))).toBe(true);
      expect(tracker.requests).toHaveLength(2);
    });

    test('NotFoundError for an unknown session', async () => {
      const error = await reject(env.createClient().sessions.get('ses_missing').status());
      expect(env.sdk.NotFoundError.is(error)).toBe(true);
      expect(error).toMatchObject({ name: 'NotFoundError', status: 404, code: 'not_found' });
    });

    test('InvalidStateError names the state, with a ky-like message', async () => {
      const client = env.createClient();
      const { session } = await client.sessions.run({ input: 'x' });
      const error = await reject(client.sessions.pause(session.id));
      expect(env.sdk.InvalidStateError.is(error)).toBe(true);
      expect(error).toMatchObject({ status: 409, code: 'invalid_state', state: 'completed' });
      expect(error.message).toBe(
        `Request failed with status 409 (invalid_state): POST /v1/sessions/${session.id}/pause - ${error.problem?.detail}`,
      );
    });

    test('ConflictError: an idempotency key reused with another body', async () => {
      const client = env.createClient();
      const session = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
      await session.send('first', { idempotencyKey: 'key-1' });
      const error = await reject(session.send('second', { idempotencyKey: 'key-1' }));
      expect(env.sdk.ConflictError.is(error)).toBe(true);
      expect(error).toMatchObject({ status: 409, code: 'idempotency_conflict' });
    });

    test('RateLimitError, ServerError, ConnectionError, ResponseValidationError when retries run out', async () => {
      const { sdk } = env;
      const client = env.createClient({ maxRetries: 0 });
      const { id } = await client.sessions.start({ input: 'x' });
      const cases = [
        [{ kind: 'rate_limit', retryAfterS: 7 }, sdk.RateLimitError, 429, 'rate_limited'],
        [{ kind: 'server_error', status: 503 }, sdk.ServerError, 503, 'service_unavailable'],
        [{ kind: 'server_error' }, sdk.ServerError, 500, 'internal_error'],
        [{ kind: 'reset' }, sdk.ConnectionError, undefined, 'connection_error'],
        [{ kind: 'truncate' }, sdk.ConnectionError, undefined, 'connection_error'],
        [{ kind: 'malformed' }, sdk.ResponseValidationError, 200, 'invalid_response'],
      ] as const;
      for (const [fault, type, status, code] of cases) {
        await env.control.faults.add({ operation: 'getSession', call: 1, ...fault });
        const error = await reject(client.sessions.status(id));
        expect((type as typeof sdk.AgentSessionsError).is(error) && error.name, fault.kind).toBe(
          type.name,
        );
        expect(error).toMatchObject({ status, code, retryable: true });
        if (status && status !== 200) expect(error.requestId).toMatch(/^req_/);
        await env.control.faults.clear();
      }
      await env.control.faults.add({
        operation: 'getSession',
        call: 1,
        kind: 'rate_limit',
        retryAfterS: 7,
      });
      expect(await reject(client.sessions.status(id))).toMatchObject({ retryAfterMs: 7000 });
    });

    test('ResponseValidationError names the field that does not match the API', async () => {
      const client = env.createClient({
        // A server that sends a wrong type: the real response with one field broken.
        fetch: async (input, init) => {
          const response = await globalThis.fetch(input, init);
          const body = { ...(await response.json()), step_count: 'three' };
          return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
        },
      });
      const { id } = await env.createClient().sessions.start({ input: 'x' });
      const error = await reject(client.sessions.status(id));
      expect(env.sdk.ResponseValidationError.is(error)).toBe(true);
      const issues = (error as InstanceType<typeof env.sdk.ResponseValidationError>).issues;
      expect(issues.map((issue) => issue.path)).toEqual(['response.step_count']);
      expect(error.message).toContain('response.step_count');
      expect(error.retryable).toBe(false);
    });

    test('TimeoutError when an attempt outlasts timeoutMs; a long-poll gets its wait_s on top', async () => {
      const clock = manualTimers();
      const client = env.createClient({
        fetch: stalledFetch,
        timeoutMs: 1500,
        maxRetries: 0,
        platform: clock.timers,
      });
      const call = client.sessions.changes('ses_1', { wait_s: 20 });
      const failure = reject(call);
      await Promise.resolve();
      await Promise.resolve();
      while (clock.pending === 0) await new Promise((r) => setTimeout(r, 0));
      clock.fireAll();
      const error = await failure;
      expect(env.sdk.TimeoutError.is(error)).toBe(true);
      expect(error).toMatchObject({ code: 'timeout', status: undefined });
      expect(error.message).toBe(
        'Request timed out after 21500 ms: GET /v1/sessions/ses_1/changes?from=0&wait_s=20',
      );
      expect(clock.durations).toEqual([21_500]);
    });

    test('the timeout also covers a body that stops arriving after the headers', async () => {
      const clock = manualTimers();
      const client = env.createClient({
        timeoutMs: 1000,
        maxRetries: 0,
        platform: clock.timers,
        fetch: async (input, init) => {
          const request = new Request(input, init);
          const real = await globalThis.fetch(request);
          // The real status and headers, then a body that never sends a byte.
          const stalled = new ReadableStream({
            start(controller) {
              request.signal.addEventListener('abort', () =>
                controller.error(request.signal.reason),
              );
              queueMicrotask(() => clock.fireAll());
            },
          });
          return new Response(stalled, { status: real.status, headers: real.headers });
        },
      });
      const error = await reject(client.sessions.list());
      expect(env.sdk.TimeoutError.is(error)).toBe(true);
      expect(error.message).toBe('Request timed out after 1000 ms: GET /v1/sessions?limit=20');
    });

    test('a timed-out attempt is retried like a lost connection', async () => {
      const clock = manualTimers();
      let attempts = 0;
      const client = env.createClient({
        timeoutMs: 1000,
        platform: { ...clock.timers, sleep: recordingSleep().sleep },
        fetch: (input, init) => {
          attempts += 1;
          if (attempts === 1) {
            queueMicrotask(() => clock.fireAll());
            return stalledFetch(input, init);
          }
          return globalThis.fetch(input, init);
        },
      });
      const page = await client.sessions.list({ limit: 1 });
      expect(page.data).toBeDefined();
      expect(attempts).toBe(2);
    });

    test('AbortError: before sending, while waiting for a response, during a backoff', async () => {
      const { AbortError } = env.sdk;
      const tracker = trackingFetch();
      const client = env.createClient({ fetch: tracker.fetch });
      const early = await reject(client.sessions.list({ signal: AbortSignal.abort('stop') }));
      expect(AbortError.is(early) && early.cause).toBe('stop');
      const whileAskingForKey = new AbortController();
      const slowKey = env.createClient({
        fetch: tracker.fetch,
        apiKey: async () => {
          whileAskingForKey.abort();
          return env.apiKey;
        },
      });
      expect(
        AbortError.is(await reject(slowKey.sessions.list({ signal: whileAskingForKey.signal }))),
      ).toBe(true);
      expect(tracker.requests).toHaveLength(0);

      const controller = new AbortController();
      const abortOnSend = trackingFetch(() => controller.abort());
      const midway = env.createClient({ fetch: abortOnSend.fetch });
      const inFlight = await reject(midway.sessions.list({ signal: controller.signal }));
      expect(AbortError.is(inFlight)).toBe(true);
      expect(inFlight).toMatchObject({ code: 'aborted', name: 'AbortError' });
      expect(abortOnSend.inFlight).toBe(0);

      const backoff = new AbortController();
      const waiting = env.createClient({
        platform: {
          sleep: (_ms, signal) =>
            new Promise((_, fail) => {
              signal?.addEventListener('abort', () => fail(signal.reason));
              backoff.abort('enough');
            }),
        },
      });
      const { id } = await waiting.sessions.start({ input: 'x' });
      await env.control.faults.add({ operation: 'getSession', call: 1, kind: 'server_error' });
      const duringBackoff = await reject(waiting.sessions.status(id, { signal: backoff.signal }));
      expect(AbortError.is(duringBackoff) && duringBackoff.cause).toBe('enough');
      await env.control.faults.clear();
    });

    test('SessionEndedError names the state when a session ends without an answer', async () => {
      const { SessionEndedError } = env.sdk;
      const client = env.createClient();
      const failed = await client.sessions.start({ input: 'x', metadata: { scenario: 'failure' } });
      const error = await reject(failed.answer());
      expect(SessionEndedError.is(error)).toBe(true);
      expect(error).toMatchObject({
        code: 'session_ended',
        state: 'failed',
        reason: 'failed',
        sessionId: failed.id,
      });
      expect(error.message).toMatch(
        new RegExp(`^Session ${failed.id} ended in state "failed" \\(failed\\) without an answer`),
      );

      const cancelled = await client.sessions.start({ input: 'x', metadata: { scenario: 'slow' } });
      await cancelled.cancel();
      expect(await reject(client.sessions.answer(cancelled.id))).toMatchObject({
        state: 'interrupted',
        reason: 'cancelled',
      });

      const idle = await client.sessions.start({
        input: 'x',
        metadata: { scenario: 'conversation' },
        idle_timeout_s: 5,
      });
      await idle.answer();
      const nextTurn = await reject(idle.answer({ turn: 2 }));
      expect(nextTurn).toMatchObject({ state: 'completed', reason: 'idle_timeout' });
    });

    test('the guards check a brand, not the prototype, so they work across realms and copies', () => {
      const { sdk } = env;
      const classes = [
        sdk.BadRequestError,
        sdk.UnauthorizedError,
        sdk.NotFoundError,
        sdk.InvalidStateError,
        sdk.ConflictError,
        sdk.RateLimitError,
        sdk.ServerError,
        sdk.ConnectionError,
        sdk.TimeoutError,
        sdk.AbortError,
      ] as const;
      for (const Type of classes) {
        const error = new Type({ code: 'x', message: 'm' });
        expect(error.name).toBe(Type.name);
        expect(sdk.AgentSessionsError.is(error)).toBe(true);
        for (const Other of classes) {
          expect((Other as typeof sdk.AgentSessionsError).is(error)).toBe(Other === Type);
        }
      }
      // What an error from another realm looks like here: same brand and name, other prototype.
      const foreign = Object.assign(Object.create(Error.prototype), { name: 'NotFoundError' });
      Object.defineProperty(foreign, Symbol.for('@agent-sessions/sdk-core/error'), { value: true });
      expect(foreign instanceof sdk.NotFoundError).toBe(false);
      expect(sdk.NotFoundError.is(foreign)).toBe(true);
      expect(sdk.AgentSessionsError.is(new Error('plain'))).toBe(false);
      expect(sdk.AgentSessionsError.is(null)).toBe(false);
    });
  });
}
