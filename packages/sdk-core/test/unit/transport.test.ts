// The transport with an injected fetch: what it sends, how it retries, maps errors, times out
// and aborts, with no server (the behaviour suite covers the same over real HTTP).
import { describe, expect, test } from 'vitest';
import {
  AbortError,
  AgentSessions,
  ConnectionError,
  createClient,
  getSessionStatus,
  NotFoundError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
} from '../../src/index.js';
import { controlledPlatform, json, problem, scriptedFetch, session } from './fake-fetch.js';

const baseUrl = 'http://api.test';

describe('transport (injected fetch)', () => {
  test('sends a GET to the base URL with the key, accept and retry count; resolves the parsed body', async () => {
    const { fetch, seen } = scriptedFetch(() => json(200, session()));
    const client = createClient({ apiKey: 'sk_unit', baseUrl, fetch });
    const result = await getSessionStatus(client, 'ses_unit1');
    expect(result.id).toBe('ses_unit1');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.url).toBe(`${baseUrl}/v1/sessions/ses_unit1`);
    expect(seen[0]?.headers.get('authorization')).toBe('Bearer sk_unit');
    expect(seen[0]?.headers.get('accept')).toBe('application/json');
    expect(seen[0]?.headers.get('x-retry-count')).toBe('0');
  });

  test('a 503 is retried after the backoff, counting attempts; the last error says how many', async () => {
    const clock = controlledPlatform();
    const { fetch, seen } = scriptedFetch(() => json(503, problem(503, 'unavailable')));
    const client = createClient({
      apiKey: 'k',
      baseUrl,
      fetch,
      maxRetries: 2,
      platform: clock.platform,
    });
    const error = await getSessionStatus(client, 'ses_unit1').catch((e: unknown) => e);
    expect(ServerError.is(error)).toBe(true);
    expect((error as ServerError).attempts).toBe(3);
    expect(seen.map((r) => r.headers.get('x-retry-count'))).toEqual(['0', '1', '2']);
    expect(clock.sleeps).toHaveLength(2);
  });

  test('a 404 problem becomes NotFoundError with its code, detail and request id, not retried', async () => {
    const { fetch, seen } = scriptedFetch(() => json(404, problem(404, 'session_not_found')));
    const client = createClient({ apiKey: 'k', baseUrl, fetch });
    const error = await getSessionStatus(client, 'ses_unit1').catch((e: unknown) => e);
    expect(NotFoundError.is(error)).toBe(true);
    expect(error).toMatchObject({
      status: 404,
      code: 'session_not_found',
      requestId: 'req_1',
      method: 'GET',
      path: '/v1/sessions/ses_unit1',
    });
    expect((error as Error).message).toContain('the session_not_found detail');
    expect(seen).toHaveLength(1);
  });

  test('a body that is not JSON is a retryable ResponseValidationError', async () => {
    const clock = controlledPlatform();
    const { fetch, seen } = scriptedFetch(
      () => new Response('<html>', { status: 200 }),
      () => json(200, session()),
    );
    const client = createClient({ apiKey: 'k', baseUrl, fetch, platform: clock.platform });
    await expect(getSessionStatus(client, 'ses_unit1')).resolves.toMatchObject({ id: 'ses_unit1' });
    expect(seen).toHaveLength(2);
  });

  test('a body of the wrong shape is a ResponseValidationError naming the field, not retried', async () => {
    const { fetch, seen } = scriptedFetch(() => json(200, { ...session(), turn: 'one' }));
    const client = createClient({ apiKey: 'k', baseUrl, fetch });
    const error = await getSessionStatus(client, 'ses_unit1').catch((e: unknown) => e);
    expect(ResponseValidationError.is(error)).toBe(true);
    expect((error as ResponseValidationError).issues[0]?.path).toBe('response.turn');
    expect(seen).toHaveLength(1);
  });

  test('a POST keeps one Idempotency-Key across its retries', async () => {
    const clock = controlledPlatform();
    const { fetch, seen } = scriptedFetch(
      () => json(500, problem(500, 'internal')),
      () => json(200, session()),
    );
    const client = new AgentSessions({ apiKey: 'k', baseUrl, fetch, platform: clock.platform });
    await client.sessions.pause('ses_unit1');
    const keys = seen.map((r) => r.headers.get('idempotency-key'));
    expect(seen.map((r) => r.method)).toEqual(['POST', 'POST']);
    expect(seen[0]?.url).toBe(`${baseUrl}/v1/sessions/ses_unit1/pause`);
    expect(keys[0]).toBeTruthy();
    expect(keys[1]).toBe(keys[0]);
  });

  test('a fetch that never answers times out (controlled timers) and is retried like a lost connection', async () => {
    const clock = controlledPlatform();
    let calls = 0;
    const fetch = () => {
      calls += 1;
      return new Promise<Response>(() => {});
    };
    const client = createClient({
      apiKey: 'k',
      baseUrl,
      fetch,
      maxRetries: 1,
      platform: clock.platform,
    });
    const pending = getSessionStatus(client, 'ses_unit1').catch((e: unknown) => e);
    for (let i = 0; i < 2; i++) {
      await new Promise((r) => setImmediate(r));
      clock.fireTimers();
    }
    const error = await pending;
    expect(TimeoutError.is(error)).toBe(true);
    expect((error as Error).message).toBe(
      'Request timed out after 60000 ms: GET /v1/sessions/ses_unit1',
    );
    expect(calls).toBe(2);
  });

  test('an abort stops a fetch that ignores its signal, with the one AbortError message', async () => {
    const controller = new AbortController();
    const fetch = () => new Promise<Response>(() => {});
    const client = createClient({ apiKey: 'k', baseUrl, fetch });
    const pending = getSessionStatus(client, 'ses_unit1', { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    controller.abort(new Error('user left'));
    const error = await pending;
    expect(AbortError.is(error)).toBe(true);
    expect((error as Error).message).toBe('Request aborted: GET /v1/sessions/ses_unit1');
    expect((error as AbortError).cause).toEqual(new Error('user left'));
  });

  test('a fetch that throws is a ConnectionError naming the host and the attempts, never the key', async () => {
    const clock = controlledPlatform();
    const fetch = async () => {
      throw new TypeError('fetch failed sk_secret');
    };
    const client = createClient({
      apiKey: 'sk_secret',
      baseUrl,
      fetch,
      maxRetries: 1,
      platform: clock.platform,
    });
    const error = await getSessionStatus(client, 'ses_unit1').catch((e: unknown) => e);
    expect(ConnectionError.is(error)).toBe(true);
    expect((error as Error).message).toContain('api.test');
    expect((error as Error).message).toContain('(2 attempts to api.test)');
    expect(JSON.stringify(error)).not.toContain('sk_secret');
    expect(String((error as ConnectionError).cause)).not.toContain('sk_secret');
  });

  test('a 401 asks the key provider once for a fresh key, then sends again', async () => {
    const { fetch, seen } = scriptedFetch(
      () => json(401, problem(401, 'token_expired')),
      () => json(200, session()),
    );
    const asked: boolean[] = [];
    const client = createClient({
      baseUrl,
      fetch,
      apiKey: ({ refresh, sessionId }) => {
        asked.push(refresh);
        expect(sessionId).toBe('ses_unit1');
        return refresh ? 'fresh' : 'stale';
      },
    });
    await getSessionStatus(client, 'ses_unit1');
    expect(asked).toEqual([false, true]);
    expect(seen.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer stale',
      'Bearer fresh',
    ]);
  });

  test('a per-call query parameter replaces the call own of that name (sent once)', async () => {
    const { fetch, seen } = scriptedFetch(() =>
      json(200, { events: [], next: 0, state: 'running', turn: 1, terminal: false }),
    );
    const client = createClient({ apiKey: 'k', baseUrl, fetch });
    const { getSessionChanges } = await import('../../src/index.js');
    await getSessionChanges(client, 'ses_unit1', { from: 0, wait_s: 0, query: { from: 5 } }).catch(
      () => undefined,
    );
    const url = new URL(seen[0]?.url ?? '');
    expect(url.searchParams.getAll('from')).toEqual(['5']);
    expect(url.searchParams.get('wait_s')).toBe('0');
  });
});

describe('idempotency key (the spec IdempotencyKey: 1 to 255 characters)', () => {
  test.each([
    ['empty', ''],
    ['256 characters', 'k'.repeat(256)],
    ['not a string', 42],
  ])('refuses a key that is %s, before sending', async (_, key) => {
    const { fetch, seen } = scriptedFetch(() => json(200, session()));
    const client = createClient({ apiKey: 'k', baseUrl, fetch });
    const { controlSession, BadRequestError } = await import('../../src/index.js');
    const error = await controlSession(client, 'ses_unit1', 'pause', {
      idempotencyKey: key as string,
    }).catch((e: unknown) => e);
    expect(BadRequestError.is(error)).toBe(true);
    expect((error as InstanceType<typeof BadRequestError>).errors?.[0]?.path).toBe(
      'options.idempotencyKey',
    );
    expect(seen).toHaveLength(0);
  });

  test('sends a key of exactly 255 characters as given', async () => {
    const { fetch, seen } = scriptedFetch(() => json(200, session()));
    const client = createClient({ apiKey: 'k', baseUrl, fetch });
    const { controlSession } = await import('../../src/index.js');
    await controlSession(client, 'ses_unit1', 'pause', { idempotencyKey: 'k'.repeat(255) });
    expect(seen[0]?.headers.get('idempotency-key')).toBe('k'.repeat(255));
  });
});
