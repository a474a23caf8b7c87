import { describe, expect, test } from 'vitest';
import { SessionTokenStore } from '../src/engine/session-tokens.js';
import { api, startServer } from './support/server.js';

// The threats a session token must stand against, each from the attacker's side: user A's page
// holds a token for A's session and tries to reach user B's, or to do more than it was given.
const STEER = ['messages', 'pause', 'resume', 'force-answer', 'cancel'] as const;
const READ = ['', '/changes?from=0&wait_s=0', '/events'] as const;

async function twoUsers() {
  const server = await startServer({ autoAdvance: false });
  const account = api(server);
  const a = (await account.create({ input: 'A asks.', metadata: { scenario: 'slow' } })).body.id;
  const b = (await account.create({ input: 'B asks.', metadata: { scenario: 'slow' } })).body.id;
  const minted = await account.mintToken(a, { scopes: ['read', 'steer'] });
  expect(minted.status).toBe(201);
  const tokenA = minted.body.token as string;
  const steer = (user: ReturnType<typeof api>, id: string, action: (typeof STEER)[number]) =>
    user.call(
      'POST',
      `/v1/sessions/${id}/${action}`,
      action === 'messages' ? { content: 'Do as I say.' } : undefined,
    );
  return { server, account, a, b, tokenA, userA: api(server, tokenA), steer };
}

/** The problem code of a reply the helpers type as a success. */
const codeOf = (reply: { body: unknown }) => (reply.body as { code?: string }).code;

const withoutRequestId = ({ request_id: _, ...rest }: Record<string, unknown>) => rest;

describe('a session token is held to its one session', () => {
  test("A's token on B's session: every read, steer and mint is the 404 of an id no session has, and B is untouched", async () => {
    const { server, account, b, userA, steer } = await twoUsers();
    const before = server.sessions.get(b)!;
    const unknown = withoutRequestId((await account.get('ses_zzzzzzzz')).body);
    const attempts = [
      ...READ.map((rest) => userA.call('GET', `/v1/sessions/${b}${rest}`)),
      ...STEER.map((action) => steer(userA, b, action)),
      userA.mintToken(b, { scopes: ['read'] }),
    ];
    for (const reply of await Promise.all(attempts)) {
      expect(reply.status).toBe(404);
      expect(withoutRequestId(reply.body)).toEqual({
        ...unknown,
        detail: `No session with id ${b}.`,
      });
    }
    // The same token on an id no session has answers the same way: existence is not revealed.
    const missing = await userA.get('ses_zzzzzzzz');
    expect(withoutRequestId(missing.body)).toEqual(unknown);
    expect(server.sessions.get(b)).toEqual(before);
  });

  test('a malformed id with a token is the same 400 the account key gets', async () => {
    const { account, userA } = await twoUsers();
    const bad = '/v1/sessions/ses%20bad';
    expect(withoutRequestId((await userA.call('GET', bad)).body)).toEqual(
      withoutRequestId((await account.call('GET', bad)).body),
    );
  });

  test("path tricks from A's own session to B's never reach B", async () => {
    const { server, a, b, userA } = await twoUsers();
    const before = server.sessions.get(b)!;
    for (const path of [
      `/v1/sessions/${a}/../${b}`,
      `/v1/sessions/${a}/%2E%2E/${b}/cancel`,
      `/v1/sessions/${a}%2F..%2F${b}`,
      `/v1/sessions/${a}%2F${b}/cancel`,
      `//v1/sessions/${b}/cancel`,
      `/v1/sessions//${b}/cancel`,
      `/v1/sessions/${b}?session_id=${a}`,
    ]) {
      const reply = await userA.call(path.endsWith('cancel') ? 'POST' : 'GET', path);
      expect([400, 404], `${path} -> ${reply.status}`).toContain(reply.status);
    }
    expect(server.sessions.get(b)).toEqual(before);
    expect((await userA.call('GET', `/v1/sessions/${a}/`)).status).toBe(200);
  });

  test('an id that decodes to its own session is its own session', async () => {
    const { a, userA } = await twoUsers();
    const encoded = `${a.slice(0, -1)}%${a.charCodeAt(a.length - 1).toString(16)}`;
    expect((await userA.call('GET', `/v1/sessions/${encoded}`)).status).toBe(200);
  });

  test('a token cannot list, start sessions or mint tokens: 403, nothing listed or made', async () => {
    const { server, a, userA } = await twoUsers();
    const sessions = server.stats().sessions;
    const tokens = server.stats().tokens;
    const list = await userA.call('GET', '/v1/sessions');
    expect(list.status).toBe(403);
    expect(codeOf(list)).toBe('permission_denied');
    expect(JSON.stringify(list.body)).not.toContain('ses_');
    const start = await userA.create({ input: 'On the account.' });
    expect([start.status, codeOf(start)]).toEqual([403, 'permission_denied']);
    const mint = await userA.mintToken(a, { scopes: ['read'] });
    expect([mint.status, codeOf(mint)]).toEqual([403, 'permission_denied']);
    expect(mint.headers.get('www-authenticate')).toContain('insufficient_scope');
    expect(server.stats().sessions).toBe(sessions);
    expect(server.stats().tokens).toBe(tokens);
  });
});

describe('a session token is held to its scopes', () => {
  test('a read token cannot steer (403 naming steer), and the session is unchanged', async () => {
    const { server, account, a, steer } = await twoUsers();
    const read = api(server, (await account.mintToken(a, { scopes: ['read'] })).body.token);
    const before = server.sessions.get(a)!;
    for (const action of STEER) {
      const reply = await steer(read, a, action);
      expect([reply.status, codeOf(reply), reply.body.detail]).toEqual([
        403,
        'permission_denied',
        'This session token has no steer scope.',
      ]);
    }
    expect(server.sessions.get(a)).toEqual(before);
    for (const rest of READ)
      expect((await read.call('GET', `/v1/sessions/${a}${rest}`)).status).toBe(200);
  });

  test('a steer token cannot read, but steers', async () => {
    const { server, account, a, steer } = await twoUsers();
    const steerer = api(server, (await account.mintToken(a, { scopes: ['steer'] })).body.token);
    for (const rest of READ) {
      const reply = await steerer.call('GET', `/v1/sessions/${a}${rest}`);
      expect([reply.status, reply.body.detail]).toEqual([
        403,
        'This session token has no read scope.',
      ]);
    }
    expect((await steer(steerer, a, 'pause')).body.state).toBe('paused');
  });
});

describe('expiry, on the mock clock', () => {
  test('a token works until expires_at and answers 401 token_expired from then on', async () => {
    const { server, account, a } = await twoUsers();
    const minted = (await account.mintToken(a, { scopes: ['read'], expires_in_s: 60 })).body;
    expect(Date.parse(minted.expires_at)).toBe(server.clock.now() + 60_000);
    const user = api(server, minted.token);
    server.clock.advance(59_999);
    expect((await user.get(a)).status).toBe(200);
    server.clock.advance(1);
    const expired = await user.get(a);
    expect([expired.status, codeOf(expired)]).toEqual([401, 'token_expired']);
    expect(expired.headers.get('www-authenticate')).toContain('invalid_token');
    // Expired is checked before anything else: no other session or operation learns more.
    expect(codeOf(await user.get('ses_zzzzzzzz'))).toBe('token_expired');
    expect(codeOf(await user.call('GET', '/v1/sessions'))).toBe('token_expired');
  });

  test('expires_in_s defaults to 900 s and is bounded to 1..3600', async () => {
    const { server, account, a } = await twoUsers();
    const minted = (await account.mintToken(a, { scopes: ['read'] })).body;
    expect(Date.parse(minted.expires_at) - server.clock.now()).toBe(900_000);
    const tokens = server.stats().tokens;
    for (const body of [
      { scopes: ['read'], expires_in_s: 0 },
      { scopes: ['read'], expires_in_s: 3601 },
      { scopes: ['read'], expires_in_s: '60' },
      { scopes: [] },
      { scopes: ['read', 'read'] },
      { scopes: ['admin'] },
      { scopes: ['read'], session_id: 'ses_other' },
    ]) {
      const reply = await account.mintToken(a, body);
      expect([reply.status, codeOf(reply)], JSON.stringify(body)).toEqual([400, 'invalid_request']);
    }
    expect(server.stats().tokens).toBe(tokens);
  });
});

describe('forged and odd credentials', () => {
  test('a guessed, altered or truncated token is 401 unauthorized, never another session', async () => {
    const { server, a, tokenA } = await twoUsers();
    const last = tokenA.at(-1) === 'A' ? 'B' : 'A';
    for (const forged of [
      `${tokenA.slice(0, -1)}${last}`,
      tokenA.slice(0, -1),
      `${tokenA}x`,
      tokenA.toUpperCase(),
      'sst_',
      `sst_${'A'.repeat(32)}`,
      `${tokenA},${tokenA}`,
    ]) {
      const reply = await api(server, forged).get(a);
      expect([reply.status, codeOf(reply)], forged.slice(0, 8)).toEqual([401, 'unauthorized']);
    }
    // Two credentials in one header are not one.
    const two = await api(server, null).call('GET', `/v1/sessions/${a}`, undefined, {
      Authorization: `Bearer ${tokenA} ${tokenA}`,
    });
    expect(two.status).toBe(401);
  });

  test('every minted token is different and unguessable from another', async () => {
    const { account, a } = await twoUsers();
    const tokens = new Set<string>();
    for (let i = 0; i < 20; i++)
      tokens.add((await account.mintToken(a, { scopes: ['read'] })).body.token);
    expect(tokens.size).toBe(20);
    for (const token of tokens) expect(token).toMatch(/^sst_[A-Za-z0-9_-]{32}$/);
  });
});

describe('idempotency keys with tokens', () => {
  test("a token's key is not the account's: the same key and body on the same session runs, not replays", async () => {
    const { account, a, userA } = await twoUsers();
    const key = { 'Idempotency-Key': 'shared-key' };
    const first = await account.message(a, 'From the account.', key);
    const second = await userA.message(a, 'From the account.', key);
    expect(second.status).toBe(200);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body.message_id).not.toBe(first.body.message_id);
  });

  test('a retry with a refreshed token for the same session replays: the message is sent once', async () => {
    const { server, account, a } = await twoUsers();
    const mint = async () =>
      (await account.mintToken(a, { scopes: ['steer'], expires_in_s: 1 })).body.token;
    const key = { 'Idempotency-Key': 'page-retry' };
    const first = await api(server, await mint()).message(a, 'Once.', key);
    server.clock.advance(1_000);
    const retried = await api(server, await mint()).message(a, 'Once.', key);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.body.message_id).toBe(first.body.message_id);
    expect(server.journal.count({ operation: 'sendSessionMessage', credential: 'token' })).toBe(2);
  });
});

test('the journal says which credential each request used', async () => {
  const { server, a, userA } = await twoUsers();
  await userA.get(a);
  await api(server, 'nope').get(a);
  expect(server.journal.list({ operation: 'getSession' }).map((e) => e.credential)).toEqual([
    'token',
    null,
  ]);
  expect(server.journal.count({ credential: 'key' })).toBe(3);
});

test('reset forgets tokens', async () => {
  const { server, userA, a } = await twoUsers();
  expect(server.stats().tokens).toBe(1);
  server.reset();
  expect(server.stats().tokens).toBe(0);
  expect(codeOf(await userA.get(a))).toBe('unauthorized');
});

describe('the token store', () => {
  test('is bounded: past maxTokens the oldest are forgotten', () => {
    const store = new SessionTokenStore({ maxTokens: 3, expiredKeptMs: 1_000 }, () => 0);
    const minted = Array.from({ length: 5 }, () => store.mint('ses_1', ['read'], 60).token);
    expect(store.size).toBe(3);
    expect(minted.map((t) => store.find(t) !== undefined)).toEqual([
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  test('forgets a token expiredKeptMs after it expired (it then answers unauthorized)', () => {
    let now = 0;
    const store = new SessionTokenStore({ maxTokens: 100, expiredKeptMs: 1_000 }, () => now);
    const old = store.mint('ses_1', ['read'], 1).token;
    now = 1_000;
    expect(store.expired(store.find(old)!)).toBe(true);
    now = 2_001;
    store.mint('ses_1', ['read'], 60);
    expect(store.find(old)).toBeUndefined();
  });
});
