// Threat T13 of THREATS.md: minting a session token for a session that is not the user's.
import { afterEach, describe, expect, it } from 'vitest';
import { API_KEY, type TwoUsers, twoUsers } from '../support/two-users.js';

let app: TwoUsers | undefined;
afterEach(() => app?.close());

const mint = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

describe('T13: the token route mints only for the user own session', () => {
  it('mints alice a token for her session, good for that session only', async () => {
    app = await twoUsers({}, { autoAdvance: false });
    const id = await app.start('alice');
    const other = await app.start('alice');
    const response = await app.as('alice', `/v1/sessions/${id}/tokens`, mint({ scopes: ['read'] }));
    expect(response.status).toBe(201);
    const token = (await response.json()) as {
      token: string;
      session_id: string;
      scopes: string[];
    };
    expect(token.session_id).toBe(id);
    expect(token.scopes).toEqual(['read']);
    expect(token.token).not.toContain(API_KEY);
    const read = (sessionId: string) =>
      app!.mock.fetch(`/v1/sessions/${sessionId}`, {
        headers: { authorization: `Bearer ${token.token}` },
      });
    expect((await read(id)).status).toBe(200);
    expect([403, 404]).toContain((await read(other)).status);
  });

  it("bob gets 404 minting for alice's session, and no token is minted upstream", async () => {
    app = await twoUsers({}, { autoAdvance: false });
    const id = await app.start('alice');
    app.mock.journal.clear();
    const response = await app.as(
      'bob',
      `/v1/sessions/${id}/tokens`,
      mint({ scopes: ['read', 'steer'] }),
    );
    expect(response.status).toBe(404);
    expect(app.mock.journal.count({ operation: 'createSessionToken' })).toBe(0);
  });

  it('refuses a scope the app does not allow (403) and caps the lifetime, before the upstream', async () => {
    app = await twoUsers(
      { tokens: { scopes: ['read'], maxExpiresInS: 60 } },
      { autoAdvance: false },
    );
    const id = await app.start('alice');
    app.mock.journal.clear();
    const steer = await app.as(
      'alice',
      `/v1/sessions/${id}/tokens`,
      mint({ scopes: ['read', 'steer'] }),
    );
    expect(steer.status).toBe(403);
    expect(app.mock.journal.count({ operation: 'createSessionToken' })).toBe(0);
    const long = await app.as(
      'alice',
      `/v1/sessions/${id}/tokens`,
      mint({ scopes: ['read'], expires_in_s: 3600 }),
    );
    expect(long.status).toBe(201);
    const { expires_at } = (await long.json()) as { expires_at: string };
    expect(Date.parse(expires_at) - app.mock.clock.now()).toBe(60_000);
  });

  it('turns the route off with scopes: [] (404, no upstream call)', async () => {
    app = await twoUsers({ tokens: { scopes: [] } }, { autoAdvance: false });
    const id = await app.start('alice');
    app.mock.journal.clear();
    const response = await app.as('alice', `/v1/sessions/${id}/tokens`, mint({ scopes: ['read'] }));
    expect(response.status).toBe(404);
    expect(app.mock.journal.count()).toBe(0);
  });
});
