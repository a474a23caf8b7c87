// Threats T1-T5 and T12 of THREATS.md: one user reaching another user's sessions.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSessionsHandler, OWNER_METADATA_KEY } from '../../src/index.js';
import {
  API_KEY,
  APP_ORIGIN,
  BASE_PATH,
  type TwoUsers,
  twoUsers,
  userFromCookie,
} from '../support/two-users.js';

let app: TwoUsers;
beforeEach(async () => {
  app = await twoUsers({}, { autoAdvance: false });
});
afterEach(() => app.close());

// Every per-session operation of the spec, as a page would call it.
const PER_SESSION: Array<{ name: string; path: (id: string) => string; init?: RequestInit }> = [
  { name: 'status', path: (id) => `/v1/sessions/${id}` },
  { name: 'changes', path: (id) => `/v1/sessions/${id}/changes?from=0&wait_s=0` },
  { name: 'events', path: (id) => `/v1/sessions/${id}/events` },
  {
    name: 'messages',
    path: (id) => `/v1/sessions/${id}/messages`,
    init: { method: 'POST', body: JSON.stringify({ content: 'Stop.' }) },
  },
  { name: 'pause', path: (id) => `/v1/sessions/${id}/pause`, init: { method: 'POST' } },
  { name: 'resume', path: (id) => `/v1/sessions/${id}/resume`, init: { method: 'POST' } },
  {
    name: 'force-answer',
    path: (id) => `/v1/sessions/${id}/force-answer`,
    init: { method: 'POST' },
  },
  { name: 'cancel', path: (id) => `/v1/sessions/${id}/cancel`, init: { method: 'POST' } },
];

/** The problem body without its per-request id, to compare two 404s. */
async function problemShape(response: Response) {
  const { request_id, ...rest } = (await response.json()) as Record<string, unknown>;
  expect(request_id).toEqual(expect.any(String));
  return { status: response.status, type: response.headers.get('content-type'), ...rest };
}

describe('T2/T3: another user session is a 404, and nothing is forwarded for it', () => {
  for (const operation of PER_SESSION) {
    it(`bob gets 404 for alice's session on ${operation.name}, and the upstream sees no ${operation.name}`, async () => {
      const id = await app.start('alice');
      const before = app.mock.sessions.get(id)!;
      app.mock.journal.clear();
      const response = await app.as('bob', operation.path(id), operation.init);
      expect(response.status).toBe(404);
      // Only the owner lookup (a status read, answered to no one) may reach the upstream.
      const forwarded = app.mock.journal.list({ sessionId: id });
      expect(forwarded.filter((entry) => entry.operation !== 'getSession')).toEqual([]);
      const after = app.mock.sessions.get(id)!;
      expect(after.session.state).toBe(before.session.state);
      expect(after.events.length).toBe(before.events.length);
    });
  }

  it('answers the same 404 for alice session and for an id that does not exist (T12)', async () => {
    const id = await app.start('alice');
    const theirs = await problemShape(await app.as('bob', `/v1/sessions/${id}/events`));
    const unknown = await problemShape(await app.as('bob', '/v1/sessions/ses_99999999/events'));
    expect(theirs).toEqual(unknown);
    expect(theirs.status).toBe(404);
  });

  it('holds on another instance with an empty cache (stateless: the truth is upstream)', async () => {
    const id = await app.start('alice');
    const other = createSessionsHandler({
      apiKey: API_KEY,
      baseUrl: app.mock.url,
      basePath: BASE_PATH,
      user: userFromCookie,
    });
    const call = (user: string, path: string, init: RequestInit = {}) =>
      other(
        new Request(`${APP_ORIGIN}${BASE_PATH}${path}`, {
          ...init,
          headers: { cookie: `sid=${user}` },
        }),
      );
    expect((await call('bob', `/v1/sessions/${id}/changes?from=0`)).status).toBe(404);
    expect((await call('bob', `/v1/sessions/${id}/cancel`, { method: 'POST' })).status).toBe(404);
    expect(app.mock.sessions.get(id)!.session.state).not.toBe('interrupted');
    expect((await call('alice', `/v1/sessions/${id}/changes?from=0`)).status).toBe(200);
  });

  it('refuses a session that no user of the handler started (no owner in its metadata)', async () => {
    const direct = await app.mock.fetch('/v1/sessions', {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ input: 'Made with the key.' }),
    });
    const { id } = (await direct.json()) as { id: string };
    expect((await app.as('alice', `/v1/sessions/${id}`)).status).toBe(404);
    expect((await app.as('alice', `/v1/sessions/${id}/cancel`, { method: 'POST' })).status).toBe(
      404,
    );
  });
});

describe('T1: listing shows the user own sessions only', () => {
  it('lists alice and bob each their own, across upstream pages', async () => {
    const alices = [await app.start('alice'), await app.start('alice')];
    const bobs = [await app.start('bob'), await app.start('bob'), await app.start('bob')];
    const ids = async (user: 'alice' | 'bob') => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=1&cursor=${cursor}` : '?limit=1';
        const response = await app.as(user, `/v1/sessions${query}`);
        expect(response.status).toBe(200);
        const page = (await response.json()) as {
          data: Array<{ id: string; metadata: Record<string, string> }>;
          next_cursor: string | null;
          has_more: boolean;
        };
        for (const session of page.data) {
          expect(session.metadata[OWNER_METADATA_KEY]).toBe(`user_${user}`);
          seen.push(session.id);
        }
        cursor = page.has_more ? page.next_cursor : null;
      } while (cursor);
      return seen.sort();
    };
    expect(await ids('alice')).toEqual(alices.sort());
    expect(await ids('bob')).toEqual(bobs.sort());
  });
});

describe('T4: idempotency keys are scoped per user', () => {
  it("bob replaying alice's Idempotency-Key and body gets his own new session, never hers", async () => {
    const body = JSON.stringify({ input: 'Same words.', metadata: { scenario: 'slow' } });
    const init = { method: 'POST', body, headers: { 'idempotency-key': 'key-1' } };
    const first = (await (await app.as('alice', '/v1/sessions', init)).json()) as { id: string };
    const again = (await (await app.as('alice', '/v1/sessions', init)).json()) as { id: string };
    expect(again.id).toBe(first.id); // alice's own retry replays
    const response = await app.as('bob', '/v1/sessions', init);
    expect(response.status).toBe(201);
    const bobs = (await response.json()) as { id: string; metadata: Record<string, string> };
    expect(bobs.id).not.toBe(first.id);
    expect(bobs.metadata[OWNER_METADATA_KEY]).toBe('user_bob');
    // Upstream, the two users' keys are different keys, and neither is the page's.
    const keys = app.mock.journal.list({ operation: 'createSession' }).map((e) => e.idempotencyKey);
    expect(new Set(keys).size).toBe(2);
    expect(keys).not.toContain('key-1');
  });
});

describe('T5: a page cannot claim a session by naming its owner', () => {
  it(`refuses metadata.${OWNER_METADATA_KEY} from the page with a 400, before any upstream call`, async () => {
    app.mock.journal.clear();
    const response = await app.as('bob', '/v1/sessions', {
      method: 'POST',
      body: JSON.stringify({ input: 'Hi.', metadata: { [OWNER_METADATA_KEY]: 'user_alice' } }),
    });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: Array<{ path: string }> };
    expect(problem.errors[0]!.path).toBe(`body.metadata.${OWNER_METADATA_KEY}`);
    expect(app.mock.journal.count()).toBe(0);
  });

  it('stamps the owner even when the start hook returns a body naming another', async () => {
    await app.close();
    app = await twoUsers({
      start: (body) => ({
        ...body,
        metadata: { ...body.metadata, [OWNER_METADATA_KEY]: 'user_alice' },
      }),
    });
    const id = await app.start('bob');
    expect(app.mock.sessions.get(id)!.session.metadata[OWNER_METADATA_KEY]).toBe('user_bob');
    expect((await app.as('alice', `/v1/sessions/${id}`)).status).toBe(404);
  });
});
