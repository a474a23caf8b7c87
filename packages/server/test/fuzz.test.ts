// Bad input, fuzzed: methods, paths, headers and bodies from two users (and no user) against a
// real mock upstream. Two invariants: no answer carries another user's session data, and no
// request for a session the user does not own reaches the upstream (the mock's journal says).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_KEY, type TwoUsers, twoUsers, type UserName } from './support/two-users.js';

let app: TwoUsers;
const ids: Record<UserName, string[]> = { alice: [], bob: [] };

beforeAll(async () => {
  app = await twoUsers({ maxBodyBytes: 4096 }, { journalLimit: 100_000 });
  for (const user of ['alice', 'bob'] as const) {
    ids[user].push(await app.start(user, { input: 'Hi.', metadata: { scenario: 'slow' } }));
    ids[user].push(await app.start(user, { input: 'Hi.', idle_timeout_s: 600 }));
  }
});
afterAll(() => app.close());

const OWNER = 'agent_sessions_owner';

/** Each session's owner as the upstream holds it. */
function owners(): Map<string, string | undefined> {
  return new Map(app.mock.sessions.list().map((s) => [s.id, s.metadata[OWNER]]));
}

const sessionId = fc.oneof(
  fc.constantFrom(...['alice', 'bob'].flatMap((u) => [0, 1].map((i) => `@${u}${i}`))),
  fc.constantFrom(
    'ses_00000009',
    'ses_zzzzzzzz',
    'x',
    '..',
    '.',
    '%2e%2e',
    'ses_00000001%2F..',
    '',
  ),
  fc.stringMatching(/^[A-Za-z0-9_%.-]{0,12}$/),
);
const tail = fc.constantFrom(
  '',
  '/changes',
  '/events',
  '/messages',
  '/pause',
  '/resume',
  '/force-answer',
  '/cancel',
  '/tokens',
  '/unknown',
  '/',
  '/changes/..',
);
const path = fc.oneof(
  fc.tuple(sessionId, tail).map(([id, rest]) => `/v1/sessions/${id}${rest}`),
  fc.constantFrom(
    '/v1/sessions',
    '/v1/sessions/',
    '/_mock/stats',
    '/../_mock/reset',
    '/v1',
    '//v1/sessions',
    '',
  ),
);
const query = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.constantFrom('from', 'wait_s', 'limit', 'cursor', 'admin', 'x'),
        fc.oneof(
          fc.nat({ max: 3 }).map(String),
          fc.string({ maxLength: 6 }),
          fc.constantFrom('-1', '999', '1e2'),
        ),
      ),
      { maxLength: 3 },
    )
    .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}`),
);
const body = fc.oneof(
  fc.constant(undefined),
  fc.constant(JSON.stringify({ input: 'Hi.', metadata: { scenario: 'slow' } })),
  fc.constant(JSON.stringify({ input: 'Hi.', metadata: { [OWNER]: 'user_alice' } })),
  fc.constant(JSON.stringify({ content: 'Stop.' })),
  fc.constant(JSON.stringify({ scopes: ['read', 'steer'], expires_in_s: 60 })),
  fc.json({ maxDepth: 3 }),
  fc.string({ maxLength: 40 }),
  fc.constant('x'.repeat(5000)),
);
const headers = fc.record(
  {
    'content-type': fc.constantFrom(
      'application/json',
      'text/plain',
      'application/json; charset=utf-8',
      '',
    ),
    'idempotency-key': fc.oneof(fc.constantFrom('k1', 'k2', 'shared'), fc.string({ maxLength: 8 })),
    authorization: fc.constantFrom(`Bearer ${API_KEY}`, 'Bearer x'),
    origin: fc.constantFrom('http://app.test', 'https://evil.test'),
    'x-request-id': fc.string({ maxLength: 10 }),
  },
  { requiredKeys: [] },
);
const request = fc.record({
  user: fc.constantFrom<UserName | null>('alice', 'bob', null),
  method: fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'FOO'),
  path,
  query,
  body,
  headers,
});

describe('fuzzed requests from two users', () => {
  it('never leak another user session data, never forward for a session the user does not own', async () => {
    let lastSeq = app.mock.journal.list().at(-1)?.seq ?? 0;
    await fc.assert(
      fc.asyncProperty(request, async (input) => {
        const target = input.path.replace(
          /@(alice|bob)(\d)/,
          (_, u: UserName, i: string) => ids[u][Number(i)]!,
        );
        const init: RequestInit = { method: input.method, headers: input.headers };
        if (input.body !== undefined && input.method !== 'GET' && input.method !== 'HEAD')
          init.body = input.body;
        let response: Response;
        try {
          response = await app.as(input.user, `${target}${input.query}`, init);
        } catch (error) {
          // Only the test's own Request construction may refuse (a header value fetch forbids).
          expect(error).toBeInstanceOf(TypeError);
          return;
        }
        const text = await response.text();
        expect(response.status).toBeGreaterThanOrEqual(200);
        expect(response.status).toBeLessThan(600);
        if (response.status >= 400)
          expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(text).not.toContain(API_KEY);

        const now = owners();
        const me = input.user ? `user_${input.user}` : undefined;
        for (const [id, owner] of now) {
          if (owner === me) continue;
          expect(text).not.toContain(id); // no other user's id, so none of their data
        }
        if (me) expect(text).not.toContain(me === 'user_alice' ? 'user_bob' : 'user_alice');

        const entries = app.mock.journal.list().filter((entry) => entry.seq > lastSeq);
        lastSeq = entries.at(-1)?.seq ?? lastSeq;
        if (!me) expect(entries).toEqual([]);
        for (const entry of entries) {
          if (entry.sessionId === null || entry.sessionId === undefined) continue;
          if (now.get(entry.sessionId) === me) continue;
          // The owner lookup (a status read answered to no one) is the only call it may cause.
          expect(entry.operation).toBe('getSession');
        }
      }),
      { numRuns: 200, interruptAfterTimeLimit: 40_000 },
    );
  }, 60_000);
});
