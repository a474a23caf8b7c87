// Threats T18-T22 of THREATS.md: what a page may start, who may call, and the app's own hooks.
import { afterEach, describe, expect, it } from 'vitest';
import { type TwoUsers, twoUsers } from '../support/two-users.js';

let app: TwoUsers | undefined;
afterEach(() => app?.close());

const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  headers,
});

describe('T18: unbounded bodies, input, metadata and idle_timeout_s', () => {
  it('refuses a body over the limit with a 413, before any upstream call', async () => {
    app = await twoUsers({ maxBodyBytes: 1024 });
    const response = await app.as('alice', '/v1/sessions', post({ input: 'x'.repeat(2000) }));
    expect(response.status).toBe(413);
    expect(app.proxy.requests).toEqual([]);
  });

  it('refuses a streamed body that passes the default 1 MiB without a Content-Length', async () => {
    app = await twoUsers();
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent++;
        if (sent > 40) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await app.as('alice', '/v1/sessions', {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/json' },
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(sent).toBeLessThan(40); // reading stopped at the limit
    expect(app.proxy.requests).toEqual([]);
  });

  it('refuses what the spec refuses (input, metadata, idle_timeout_s, unknown fields) with a 400 naming it', async () => {
    app = await twoUsers();
    const cases: Array<[unknown, string]> = [
      [{ input: '' }, 'body.input'],
      [{ input: 'x'.repeat(100_001) }, 'body.input'],
      [{ input: 'hi', idle_timeout_s: 86_401 }, 'body.idle_timeout_s'],
      [{ input: 'hi', idle_timeout_s: 1.5 }, 'body.idle_timeout_s'],
      [{ input: 'hi', metadata: { a: 'x'.repeat(501) } }, 'body.metadata.a'],
      [
        {
          input: 'hi',
          metadata: Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`k${i}`, 'v'])),
        },
        'body.metadata',
      ],
      [{ input: 'hi', admin: true }, 'body'],
      [[1, 2], 'body'],
      ['{"input": "hi"', 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await app.as('alice', '/v1/sessions', post(body));
      expect(response.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      const problem = (await response.json()) as { errors: Array<{ path: string }> };
      expect(problem.errors.map((e) => e.path).some((path) => path.startsWith(field))).toBe(true);
    }
    const form = await app.as(
      'alice',
      '/v1/sessions',
      post('input=hi', { 'content-type': 'text/plain' }),
    );
    expect(form.status).toBe(415);
    expect(app.proxy.requests).toEqual([]);
  });

  it('lets the start hook cap the body or refuse with its own Response', async () => {
    app = await twoUsers({
      start: (body, { user }) => {
        if (body.input.includes('forbidden')) {
          return Response.json({ code: 'not_allowed', user }, { status: 403 });
        }
        return { input: body.input, idle_timeout_s: Math.min(body.idle_timeout_s ?? 0, 60) };
      },
    });
    const id = await app.start('alice', {
      input: 'Hi.',
      idle_timeout_s: 86_400,
      metadata: { plan: 'pro' },
    });
    const upstream = app.mock.sessions.get(id)!.session;
    expect(upstream.idle_timeout_s).toBe(60);
    expect(upstream.metadata).toEqual({ agent_sessions_owner: 'user_alice' });
    const refused = await app.as('alice', '/v1/sessions', post({ input: 'a forbidden thing' }));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ code: 'not_allowed', user: 'user_alice' });
    expect(app.mock.journal.count({ operation: 'createSession' })).toBe(1);
  });

  it('answers a start hook that returns what the API would refuse with a 500 that sends nothing', async () => {
    app = await twoUsers({ start: () => ({ input: '' }) });
    const response = await app.as('alice', '/v1/sessions', post({ input: 'hi' }));
    expect(response.status).toBe(500);
    expect(app.mock.journal.count({ operation: 'createSession' })).toBe(0);
  });
});

describe('T19: one user starting sessions without end', () => {
  it('refuses a start past maxActiveSessionsPerUser with a 429 that says not to retry; other users unaffected', async () => {
    app = await twoUsers({ maxActiveSessionsPerUser: 2 }, { autoAdvance: false });
    await app.start('alice');
    const second = await app.start('alice');
    const third = await app.as('alice', '/v1/sessions', post({ input: 'Hi.' }));
    expect(third.status).toBe(429);
    expect(third.headers.get('x-should-retry')).toBe('false');
    expect(((await third.json()) as { code: string }).code).toBe('too_many_sessions');
    await app.start('bob');
    await app.as('alice', `/v1/sessions/${second}/cancel`, { method: 'POST' });
    expect((await app.as('alice', '/v1/sessions', post({ input: 'Hi.' }))).status).toBe(201);
  });
});

describe('T20: signed-out pages and forged cross-site requests', () => {
  it('answers a signed-out request with a 401 and no upstream call', async () => {
    app = await twoUsers();
    for (const path of [
      '/v1/sessions',
      '/v1/sessions/ses_00000001',
      '/v1/sessions/ses_00000001/cancel',
    ]) {
      const response = await app.as(null, path, {
        method: path.endsWith('cancel') ? 'POST' : 'GET',
      });
      expect(response.status).toBe(401);
    }
    expect(app.proxy.requests).toEqual([]);
  });

  it("refuses another site's page acting with the user's cookie (403), and allows same-origin and listed origins", async () => {
    app = await twoUsers({ allowedOrigins: ['https://admin.app.test'] });
    const id = await app.start('alice');
    app.proxy.requests.length = 0;
    const cancel = (headers: Record<string, string>) =>
      app!.as('alice', `/v1/sessions/${id}/cancel`, { method: 'POST', headers });
    expect((await cancel({ origin: 'https://evil.test' })).status).toBe(403);
    expect((await cancel({ 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await cancel({ 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect((await cancel({ origin: 'null' })).status).toBe(403);
    expect(app.proxy.requests).toEqual([]);
    expect(
      (await cancel({ origin: 'https://admin.app.test', 'sec-fetch-site': 'same-site' })).status,
    ).toBe(200);
    expect(
      (await cancel({ origin: 'http://app.test', 'sec-fetch-site': 'same-origin' })).status,
    ).toBe(200);
  });
});

describe("T21: the app's own hooks fail", () => {
  it('answers a user() that throws with a 500 that names nothing inside', async () => {
    app = await twoUsers({
      user: () => {
        throw new Error('db password is hunter2');
      },
    });
    const response = await app.as('alice', '/v1/sessions');
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('hunter2');
    expect(app.proxy.requests).toEqual([]);
  });

  it('answers a user() that returns no id (a number, an empty string) with a 500', async () => {
    app = await twoUsers({ user: () => 42 as unknown as string });
    expect((await app.as('alice', '/v1/sessions')).status).toBe(500);
    await app.close();
    app = await twoUsers({ user: () => '' });
    expect((await app.as('alice', '/v1/sessions')).status).toBe(500);
    expect(app.proxy.requests).toEqual([]);
  });

  it('answers every request with a 500 problem when the API key is missing (an unset env var)', async () => {
    app = await twoUsers({ apiKey: undefined });
    const response = await app.as('alice', '/v1/sessions');
    expect(response.status).toBe(500);
    expect(((await response.json()) as { code: string }).code).toBe('server_misconfigured');
    expect(app.proxy.requests).toEqual([]);
  });
});
