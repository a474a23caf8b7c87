import { expect, test } from 'vitest';
import { trackingFetch } from '../../sdk-core/test/behaviour/tools.ts';
import {
  AgentSessions,
  type AgentSessionsError,
  BadRequestError,
  NotFoundError,
  PermissionDeniedError,
  type SessionEvent,
  sessionTokens,
} from '../src/index.ts';
import { mockServerForFile, storedSession } from './mock-servers.ts';

// Two users in one browser, each with their own sessions, and a backend that mints session
// tokens with the account key for the sessions a user owns (here in the page, standing in for
// the app's server). The mock's clock moves only when a test advances it.
const server = mockServerForFile({ autoAdvance: false });

function backend() {
  const account = new AgentSessions({
    apiKey: 'test-key',
    dangerouslyAllowBrowser: true,
    baseUrl: server.url,
  });
  const owners = new Map<string, string>();
  const minted: { user: string; sessionId: string; token: string }[] = [];
  return {
    minted,
    async start(user: string, scenario = 'slow') {
      const session = await account.sessions.start({
        input: `${user} asks.`,
        metadata: { scenario },
      });
      owners.set(session.id, user);
      return session.id;
    },
    /** What the app's token route does: only for a session the user owns. */
    async mint(user: string, sessionId: string, expires_in_s = 900) {
      if (owners.get(sessionId) !== user) throw new Error('404 from the app: not your session');
      const token = await account.sessions.createToken(sessionId, {
        scopes: ['read', 'steer'],
        expires_in_s,
      });
      minted.push({ user, sessionId, token: token.token });
      return token;
    },
  };
}

async function failure(promise: Promise<unknown>): Promise<AgentSessionsError> {
  try {
    await promise;
  } catch (error) {
    return error as AgentSessionsError;
  }
  throw new Error('expected the call to fail');
}

test("user A's token for A's session cannot read or steer B's session (404), and B is untouched", async () => {
  const app = backend();
  const a = await app.start('A');
  const b = await app.start('B');
  const { token } = await app.mint('A', a);
  // Page A, given B's id, sends its own token with it (the worst it can do).
  const pageA = new AgentSessions({ apiKey: () => token, baseUrl: server.url });
  const before = await storedSession(server, b);
  const calls = [
    () => pageA.sessions.status(b),
    () => pageA.sessions.changes(b, { wait_s: 0 }),
    () => pageA.sessions.events(b),
    () => pageA.sessions.send(b, 'Do as I say.'),
    () => pageA.sessions.pause(b),
    () => pageA.sessions.resume(b),
    () => pageA.sessions.forceAnswer(b),
    () => pageA.sessions.cancel(b),
    () => pageA.sessions.createToken(b, { scopes: ['read'] }),
  ];
  for (const call of calls) {
    const error = await failure(call());
    expect(NotFoundError.is(error), error.message).toBe(true);
    expect(error.message).not.toContain(token);
  }
  expect(await storedSession(server, b)).toEqual(before);
  // Its own session works with the same token.
  expect((await pageA.sessions.status(a)).id).toBe(a);
  // And the app's token route refuses to mint A a token for B's session.
  await expect(app.mint('A', b)).rejects.toThrow(/not your session/);
});

test('a token cannot list or start sessions (403); sessionTokens refuses them before sending', async () => {
  const app = backend();
  const a = await app.start('A');
  const { token } = await app.mint('A', a);
  const raw = new AgentSessions({ apiKey: () => token, baseUrl: server.url });
  for (const call of [
    () => raw.sessions.list(),
    () => raw.sessions.start({ input: 'Mine now.' }),
  ]) {
    const error = await failure(call());
    expect(PermissionDeniedError.is(error)).toBe(true);
    expect(error).toMatchObject({ status: 403, code: 'permission_denied' });
  }
  const tracker = trackingFetch();
  const page = new AgentSessions({
    apiKey: sessionTokens((id) => app.mint('A', id)),
    baseUrl: server.url,
    fetch: tracker.fetch,
  });
  for (const call of [() => page.sessions.list(), () => page.sessions.start({ input: 'x' })]) {
    const error = await failure(call());
    expect(BadRequestError.is(error)).toBe(true);
    expect(error.message).toMatch(/cannot list or start/);
  }
  expect(tracker.requests).toHaveLength(0);
});

test('one page follows two sessions, each with its own token; expired tokens (clock advanced) are refreshed and each watch sees every event once', async () => {
  const app = backend();
  const first = await app.start('A');
  const second = await app.start('A');
  const tracker = trackingFetch();
  const fetched: string[] = [];
  const page = new AgentSessions({
    // 30 s tokens on sessions that play for 248 s: each watch outlives several.
    apiKey: sessionTokens((id) => {
      fetched.push(id);
      return app.mint('A', id, 30);
    }),
    baseUrl: server.url,
    fetch: tracker.fetch,
  });
  const collect = async (id: string) => {
    const seen: SessionEvent[] = [];
    for await (const event of page.sessions.watch(id, { wait_s: 20 })) seen.push(event);
    return seen;
  };
  let finished = false;
  const watching = Promise.all([collect(first), collect(second)]).finally(() => {
    finished = true;
  });
  for (let step = 0; !finished; step++) {
    expect(step, 'the sessions should have ended by now').toBeLessThan(200);
    await server.control.clock.advance(5_000);
  }
  const [firstSeen, secondSeen] = await watching;
  for (const [id, seen] of [
    [first, firstSeen],
    [second, secondSeen],
  ] as const) {
    const recorded = (await storedSession(server, id)).events;
    expect(seen.map((e) => e.index)).toEqual(recorded.map((e) => e.index));
    expect(seen.at(-1)?.type).toBe('state_changed');
    // Several tokens were minted for it, and each request carried one minted for its session.
    expect(fetched.filter((f) => f === id).length).toBeGreaterThanOrEqual(3);
  }
  const tokenOwner = new Map(app.minted.map((m) => [`Bearer ${m.token}`, m.sessionId]));
  for (const request of tracker.requests) {
    const sessionId = new URL(request.url).pathname.split('/')[3];
    expect(tokenOwner.get(request.authorization ?? '')).toBe(sessionId);
  }
  // Each refresh came from a 401 token_expired, asked once per session at a time.
  const expired = (await server.control.journal.list({ status: 401 })).filter(
    (entry) => entry.credential === null && entry.sessionId !== null,
  );
  expect(expired.length).toBeGreaterThan(0);
});

test('sessionTokens: one fetch per session shared by concurrent calls, a refresh joins one under way, a failed fetch is not kept', async () => {
  const asked: string[] = [];
  let fail = false;
  let release: () => void = () => {};
  let gate = Promise.resolve();
  const provider = sessionTokens(async (id) => {
    const n = asked.push(id);
    await gate;
    if (fail) throw new Error('backend down');
    return { token: `tok_${id}_${n}` };
  });
  const ask = (sessionId: string, refresh = false) =>
    Promise.resolve(provider({ sessionId, refresh, signal: undefined }));
  expect(await Promise.all([ask('ses_a'), ask('ses_a'), ask('ses_b')])).toEqual([
    'tok_ses_a_1',
    'tok_ses_a_1',
    'tok_ses_b_2',
  ]);
  expect(await ask('ses_a')).toBe('tok_ses_a_1');
  gate = new Promise((resolve) => {
    release = resolve;
  });
  const refreshes = [ask('ses_a', true), ask('ses_a', true)];
  release();
  expect(await Promise.all(refreshes)).toEqual(['tok_ses_a_3', 'tok_ses_a_3']);
  fail = true;
  await expect(ask('ses_a', true)).rejects.toThrow('backend down');
  fail = false;
  expect(await ask('ses_a')).toBe('tok_ses_a_5');
  expect(asked).toEqual(['ses_a', 'ses_b', 'ses_a', 'ses_a', 'ses_a']);
});

test('sessionTokens: a fetcher that returns no token is a BadRequestError naming it, never a header "Bearer undefined"', async () => {
  const tracker = trackingFetch();
  for (const bad of [undefined, '', { token: '' }, { token: 5 }, 42]) {
    const page = new AgentSessions({
      apiKey: sessionTokens(() => bad as never),
      baseUrl: server.url,
      fetch: tracker.fetch,
    });
    const error = await failure(page.sessions.status('ses_1'));
    expect(BadRequestError.is(error), String(bad)).toBe(true);
    expect(error.errors.map((e) => e.path)).toEqual(['options.apiKey']);
  }
  expect(tracker.requests).toHaveLength(0);
});
