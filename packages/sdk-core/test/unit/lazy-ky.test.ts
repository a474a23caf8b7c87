// ky, with the SDK's ky sender, is imported on the first call with request hooks, not when the
// SDK loads: a page's bundler puts both in a chunk of their own, which a client with no hooks
// never loads, and which can fail to load (the page went offline, a deploy removed the chunk).
// Here the import of that chunk (the sender's module) is made to fail, or to be slow.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { AbortError, ConnectionError, TimeoutError } from '../../src/index.js';
import { controlledPlatform, json, scriptedFetch, session } from './fake-fetch.js';

const baseUrl = 'http://api.test';
const chunkFailure = () => new TypeError('Failed to fetch dynamically imported module: ky.js');
/** The module the lazy chunk holds (it imports ky). */
const KY_CHUNK = '../../src/transport/ky-sender.js';

/** The SDK loaded afresh, after the test's mock of `ky`: as a page loads it. */
const freshSdk = async () => {
  const { createClient, getSessionStatus } = await import('../../src/index.js');
  return { createClient, getSessionStatus };
};

/**
 * Mocks the chunk as slow to come: `imported` resolves when the SDK asks for it,
 * `release()` lets it load, and `arrived()` resolves once it has and every promise job of the
 * attempt that asked (ky's hooks included) has run.
 */
function heldKy() {
  let release: () => void = () => {};
  const loading = new Promise<void>((resolve) => {
    release = resolve;
  });
  let importing: () => void = () => {};
  const imported = new Promise<void>((resolve) => {
    importing = resolve;
  });
  let ky: Promise<unknown> | undefined;
  vi.doMock(KY_CHUNK, async (importOriginal) => {
    importing();
    await loading;
    ky = importOriginal();
    return ky;
  });
  const arrived = async () => {
    await vi.waitUntil(() => ky);
    await ky;
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { imported, release, arrived };
}

afterEach(() => {
  vi.doUnmock('ky');
  vi.doUnmock(KY_CHUNK);
});
beforeEach(() => {
  vi.resetModules();
});

describe('ky, loaded only for calls with request hooks', () => {
  test('a client with no request hooks never imports ky: its calls go out while ky cannot load', async () => {
    vi.doMock('ky', () => {
      throw chunkFailure();
    });
    vi.doMock(KY_CHUNK, () => {
      throw chunkFailure();
    });
    const { createClient, getSessionStatus } = await freshSdk();
    const { fetch, seen } = scriptedFetch(() => json(200, session()));
    // A beforeRetry hook sees no Request: it does not need ky either.
    const client = createClient({ apiKey: 'k', baseUrl, fetch, hooks: { beforeRetry: [] } });
    expect((await getSessionStatus(client, 'ses_unit1')).state).toBe('running');
    expect(seen).toHaveLength(1);
  });

  test('ky failing to load is a retryable ConnectionError naming it, with nothing sent', async () => {
    vi.doMock(KY_CHUNK, () => {
      throw chunkFailure();
    });
    const { createClient, getSessionStatus } = await freshSdk();
    const { fetch, seen } = scriptedFetch(() => json(200, session()));
    const hook = vi.fn();
    const client = createClient({
      apiKey: 'sk_secret_key',
      baseUrl,
      fetch,
      maxRetries: 0,
      hooks: { beforeRequest: [hook] },
    });
    const error = await getSessionStatus(client, 'ses_unit1').catch((e: unknown) => e);
    expect(ConnectionError.is(error)).toBe(true);
    expect(error).toMatchObject({ code: 'connection_error', retryable: true, attempts: 1 });
    expect((error as Error).message).toContain(
      'Could not load ky, which sends calls with request hooks: GET /v1/sessions/ses_unit1',
    );
    // The import's own error (vitest wraps what the mock threw).
    expect((error as Error).cause).toBeInstanceOf(Error);
    expect(JSON.stringify(error)).not.toContain('sk_secret_key');
    expect((error as Error).message).not.toContain('sk_secret_key');
    expect(hook).not.toHaveBeenCalled();
    expect(seen).toHaveLength(0);
  });

  test('a failed load is tried again by the retry: the call goes out through ky with its hook, once', async () => {
    let failures = 0;
    vi.doMock(KY_CHUNK, async (importOriginal) => {
      if (failures++ === 0) throw chunkFailure();
      return importOriginal();
    });
    const { createClient, getSessionStatus } = await freshSdk();
    const clock = controlledPlatform();
    const { fetch, seen } = scriptedFetch(() => json(200, session()));
    const sentBy: string[] = [];
    const client = createClient({
      apiKey: 'k',
      baseUrl,
      fetch,
      maxRetries: 1,
      platform: clock.platform,
      hooks: {
        beforeRequest: [
          (request) => {
            sentBy.push(request.headers.get('x-retry-count') ?? '');
          },
        ],
      },
    });
    expect((await getSessionStatus(client, 'ses_unit1')).state).toBe('running');
    expect(failures).toBe(2);
    expect(clock.sleeps).toHaveLength(1);
    expect(sentBy).toEqual(['1']);
    expect(seen.map((r) => r.headers.get('x-retry-count'))).toEqual(['1']);
  });

  test('a call aborted while ky loads runs no hook and sends nothing, and rejects with AbortError', async () => {
    const { imported, release, arrived } = heldKy();
    const { createClient, getSessionStatus } = await freshSdk();
    const { fetch, seen } = scriptedFetch(() => json(200, session()));
    const hook = vi.fn();
    const client = createClient({ apiKey: 'k', baseUrl, fetch, hooks: { beforeRequest: [hook] } });
    const controller = new AbortController();
    const call = getSessionStatus(client, 'ses_unit1', { signal: controller.signal });
    const settled = call.catch((e: unknown) => e);
    // The call reached the import: stop it there.
    await imported;
    controller.abort(new Error('left the page'));
    const error = await settled;
    expect(AbortError.is(error)).toBe(true);
    // ky arrives after the abort: the attempt it belonged to must not go on.
    release();
    await arrived();
    expect(hook).not.toHaveBeenCalled();
    expect(seen).toHaveLength(0);
  });

  test('an attempt that times out while ky loads runs no hook and sends nothing', async () => {
    const { imported, release, arrived } = heldKy();
    const { createClient, getSessionStatus } = await freshSdk();
    const clock = controlledPlatform();
    const { fetch, seen } = scriptedFetch(() => json(200, session()));
    const hook = vi.fn();
    const client = createClient({
      apiKey: 'k',
      baseUrl,
      fetch,
      maxRetries: 0,
      timeoutMs: 5_000,
      platform: clock.platform,
      hooks: { beforeRequest: [hook] },
    });
    const settled = getSessionStatus(client, 'ses_unit1').catch((e: unknown) => e);
    await imported;
    clock.fireTimers();
    const error = await settled;
    expect(TimeoutError.is(error)).toBe(true);
    release();
    await arrived();
    expect(hook).not.toHaveBeenCalled();
    expect(seen).toHaveLength(0);
  });
});
