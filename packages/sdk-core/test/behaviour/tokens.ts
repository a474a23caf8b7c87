import { describe, expect, test } from 'vitest';
import type { ApiKeyProvider } from '../../src/index.js';
import type { BehaviourEnv } from './env.js';
import { recordingSleep, trackingFetch } from './tools.js';

/**
 * Session tokens: minting them (server-side, with the account key), the key provider told
 * which session each call is for, and a client that holds only tokens (a browser page).
 */
export function defineTokenTests(env: BehaviourEnv) {
  const reject = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return error as InstanceType<BehaviourEnv['sdk']['AgentSessionsError']>;
    }
    throw new Error('expected the call to fail');
  };

  /** A page's key provider: one token per session, minted on demand by the "backend". */
  const tokensFor = (scopes: ('read' | 'steer')[], expires_in_s = 900) => {
    const backend = env.createClient();
    const asked: { sessionId: string | undefined; refresh: boolean }[] = [];
    const cache = new Map<string, string>();
    const provider: ApiKeyProvider = async ({ sessionId, refresh }) => {
      asked.push({ sessionId, refresh });
      // A call that names no session gets a token for some other session: it must be refused.
      const id = sessionId ?? (await backend.sessions.start({ input: 'Not yours.' })).id;
      if (refresh || !cache.has(id)) {
        cache.set(id, (await backend.sessions.createToken(id, { scopes, expires_in_s })).token);
      }
      return cache.get(id)!;
    };
    return { provider, asked };
  };

  describe('session tokens', () => {
    test('createToken mints a typed token, by id and by handle', async () => {
      const client = env.createClient();
      const session = await client.sessions.start({ input: 'Token me.' });
      const now = Date.parse((await client.sessions.status(session.id)).updated_at);
      const byId = await client.sessions.createToken(session.id, { scopes: ['read'] });
      expect(byId).toMatchObject({ session_id: session.id, scopes: ['read'] });
      expect(byId.token).toEqual(expect.any(String));
      expect(Date.parse(byId.expires_at) - now).toBeGreaterThanOrEqual(900_000 - 60_000);
      const byHandle = await session.createToken({ scopes: ['read', 'steer'], expires_in_s: 60 });
      expect(byHandle.scopes).toEqual(['read', 'steer']);
      expect(byHandle.token).not.toBe(byId.token);
      const { response } = await session.createToken({ scopes: ['steer'] }).withResponse();
      expect(response.status).toBe(201);
    });

    test('bad token parameters are refused before sending, naming the field', async () => {
      const tracker = trackingFetch();
      const client = env.createClient({ fetch: tracker.fetch });
      const cases: [unknown, string][] = [
        [{ scopes: [] }, 'body.scopes'],
        [{ scopes: ['read', 'read'] }, 'body.scopes'],
        [{ scopes: ['admin'] }, 'body.scopes[0]'],
        [{}, 'body.scopes'],
        [{ scopes: ['read'], expires_in_s: 0 }, 'body.expires_in_s'],
        [{ scopes: ['read'], expires_in_s: 3601 }, 'body.expires_in_s'],
        [{ scopes: ['read'], session_id: 'ses_2' }, 'body.session_id'],
        [{ scopes: ['read'], idempotencyKey: '' }, 'options.idempotencyKey'],
        [null, 'body.scopes'],
        ['read', 'body.scopes'],
      ];
      for (const [params, field] of cases) {
        const error = await reject(client.sessions.createToken('ses_1', params as never));
        expect(env.sdk.BadRequestError.is(error), field).toBe(true);
        expect(error.errors.map((e) => e.path)).toContain(field);
      }
      const badId = await reject(client.sessions.createToken('../x', { scopes: ['read'] }));
      expect(badId.errors.map((e) => e.path)).toContain('session_id');
      expect(tracker.requests).toHaveLength(0);
    });

    test('a server that answers a malformed token: ResponseValidationError naming each field, never the token', async () => {
      const lying: typeof fetch = async (input, init) => {
        const request = new Request(input, init);
        if (!request.url.endsWith('/tokens')) return fetch(request);
        const body = { token: '', session_id: 'not an id!', scopes: 'read', expires_at: 'soon' };
        return new Response(JSON.stringify(body), {
          status: 201,
          headers: { 'content-type': 'application/json' },
        });
      };
      const client = env.createClient({ fetch: lying });
      const session = await client.sessions.start({ input: 'Lie to me.' });
      const error = await reject(session.createToken({ scopes: ['read'] }));
      expect(env.sdk.ResponseValidationError.is(error)).toBe(true);
      const issues = (error as InstanceType<BehaviourEnv['sdk']['ResponseValidationError']>).issues;
      expect(issues.map((e) => e.path).sort()).toEqual(
        ['response.expires_at', 'response.scopes', 'response.session_id', 'response.token'].sort(),
      );
    });

    test('the key provider is told the session of each call, undefined for list and start', async () => {
      const seen: (string | undefined)[] = [];
      const client = env.createClient({
        apiKey: ({ sessionId }) => {
          seen.push(sessionId);
          return env.apiKey;
        },
      });
      const session = await client.sessions.start({ input: 'Whose call?' });
      await client.sessions.list({ limit: 1 });
      const id = session.id;
      const calls = [
        () => client.sessions.status(id),
        () => session.status(),
        () => client.sessions.changes(id, { wait_s: 0 }),
        () => session.events({ limit: 1 }),
        () => client.sessions.send(id, 'Hello.'),
        () => session.pause(),
        () => client.sessions.resume(id),
        () => session.createToken({ scopes: ['read'] }),
        () => client.sessions.forceAnswer(id),
        () => session.cancel(),
      ];
      for (const call of calls) await call();
      expect(seen).toEqual([undefined, undefined, ...calls.map(() => id)]);
    });

    test('a token client reads and steers its session; another session is NotFound; list, start and mint are PermissionDenied, none retried', async () => {
      const backend = env.createClient();
      const mine = await backend.sessions.start({ input: 'Mine.', metadata: { scenario: 'slow' } });
      const other = await backend.sessions.start({ input: 'Theirs.' });
      const { token } = await mine.createToken({ scopes: ['read', 'steer'] });
      const tracker = trackingFetch();
      const page = env.createClient({ apiKey: () => token, fetch: tracker.fetch });
      expect((await page.sessions.status(mine.id)).id).toBe(mine.id);
      expect((await page.sessions.pause(mine.id)).state).toBe('paused');
      tracker.requests.length = 0;

      for (const call of [
        () => page.sessions.status(other.id),
        () => page.sessions.cancel(other.id),
        () => page.sessions.createToken(other.id, { scopes: ['read'] }),
      ]) {
        const error = await reject(call());
        expect(env.sdk.NotFoundError.is(error)).toBe(true);
        expect(error.code).toBe('not_found');
      }
      for (const call of [
        () => page.sessions.list(),
        () => page.sessions.start({ input: 'On their account.' }),
        () => page.sessions.createToken(mine.id, { scopes: ['read'] }),
      ]) {
        const error = await reject(call());
        expect(env.sdk.PermissionDeniedError.is(error)).toBe(true);
        expect(error).toMatchObject({ status: 403, code: 'permission_denied', retryable: false });
        expect(String(error)).not.toContain(token);
      }
      expect(tracker.requests).toHaveLength(6);
      expect((await backend.sessions.status(other.id)).state).not.toBe('interrupted');
      await backend.sessions.cancel(mine.id);
    });

    test('a read token cannot steer: PermissionDeniedError, the session unchanged', async () => {
      const backend = env.createClient();
      const session = await backend.sessions.start({
        input: 'Read only.',
        metadata: { scenario: 'slow' },
      });
      const { token } = await session.createToken({ scopes: ['read'] });
      const page = env.createClient({ apiKey: token });
      const error = await reject(page.sessions.pause(session.id));
      expect(env.sdk.PermissionDeniedError.is(error)).toBe(true);
      expect(error.message).toContain('steer');
      expect((await page.sessions.status(session.id)).state).not.toBe('paused');
      await backend.sessions.cancel(session.id);
    });

    test('an expired token (mock clock advanced) makes the provider refresh that session, and the call succeeds', async () => {
      const backend = env.createClient();
      const session = await backend.sessions.start({
        input: 'Expire.',
        metadata: { scenario: 'slow' },
      });
      const { provider, asked } = tokensFor(['read'], 5);
      const page = env.createClient({
        apiKey: provider,
        platform: { sleep: recordingSleep().sleep },
      });
      await page.sessions.status(session.id);
      await env.control.clock.advance(5_000);
      expect((await page.sessions.status(session.id)).id).toBe(session.id);
      expect(asked).toEqual([
        { sessionId: session.id, refresh: false },
        { sessionId: session.id, refresh: false },
        { sessionId: session.id, refresh: true },
      ]);
      await backend.sessions.cancel(session.id);
    });

    test('a provider that hands back the expired token again: UnauthorizedError token_expired, asked once more only', async () => {
      const backend = env.createClient();
      const session = await backend.sessions.start({ input: 'Stale.' });
      const { token } = await session.createToken({ scopes: ['read'], expires_in_s: 1 });
      await env.control.clock.advance(1_000);
      const refreshes: boolean[] = [];
      const page = env.createClient({
        apiKey: ({ refresh }) => {
          refreshes.push(refresh);
          return token;
        },
      });
      const error = await reject(page.sessions.status(session.id));
      expect(env.sdk.UnauthorizedError.is(error)).toBe(true);
      expect(error.code).toBe('token_expired');
      expect(refreshes).toEqual([false, true]);
    });

    test('watch with tokens that keep expiring: each expiry refreshes, every event arrives once, in order', async () => {
      const backend = env.createClient();
      const session = await backend.sessions.start({
        input: 'Long watch.',
        metadata: { scenario: 'slow' },
      });
      // 30 s tokens on a 248 s session: the watch outlives several of them.
      const { provider, asked } = tokensFor(['read'], 30);
      const page = env.createClient({ apiKey: provider });
      const indexes: number[] = [];
      for await (const event of page.sessions.watch(session.id, { wait_s: 20 })) {
        indexes.push(event.index);
      }
      const recorded = (await env.control.sessions.get(session.id))!.events;
      expect(indexes).toEqual(recorded.map((event) => event.index));
      expect(asked.filter((a) => a.refresh).length).toBeGreaterThanOrEqual(3);
      expect(asked.every((a) => a.sessionId === session.id)).toBe(true);
    });
  });
}
