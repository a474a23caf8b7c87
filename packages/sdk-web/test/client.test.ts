import * as core from '@agent-sessions/sdk-core';
import { describe, expect, test } from 'vitest';
import * as sdk from '../src/index.ts';
import { AgentSessions, BadRequestError, type FetchLike } from '../src/index.ts';
import { mockServerForFile, storedSession } from './mock-servers.ts';
import { goOffline } from './page-network.ts';
import { PROXY_PATH } from './same-origin-proxy.ts';

const server = mockServerForFile();

/** A fetch that records each request's Authorization header, then sends it for real. */
function recordingFetch() {
  const authorizations: (string | null)[] = [];
  const fetch: FetchLike = (input, init) => {
    const request = new Request(input, init);
    authorizations.push(request.headers.get('authorization'));
    return globalThis.fetch(request);
  };
  return { fetch, authorizations };
}

function thrownBy(make: () => unknown): unknown {
  try {
    make();
  } catch (error) {
    return error;
  }
  throw new Error('expected it to throw');
}

describe('browser credentials', () => {
  test('a static API key is refused by default, saying why and how to opt in; nothing is sent', () => {
    const recorder = recordingFetch();
    const error = thrownBy(
      () =>
        new AgentSessions({ apiKey: 'sk_live_secret', baseUrl: server.url, fetch: recorder.fetch }),
    );
    expect(BadRequestError.is(error)).toBe(true);
    const { message, errors } = error as BadRequestError;
    expect(errors.map((e) => e.path)).toEqual(['options.apiKey']);
    expect(message).toContain('visible to anyone who opens the page');
    expect(message).toContain('short-lived token from your own backend');
    expect(message).toContain('same-origin proxy');
    expect(message).toContain('dangerouslyAllowBrowser: true');
    expect(message).not.toContain('sk_live_secret');
    expect(recorder.authorizations).toEqual([]);
  });

  test('with dangerouslyAllowBrowser the static key is used as a Bearer token', async () => {
    const recorder = recordingFetch();
    const client = new AgentSessions({
      apiKey: 'test-key',
      dangerouslyAllowBrowser: true,
      baseUrl: server.url,
      fetch: recorder.fetch,
    });
    const session = await client.sessions.start({ input: 'hi' });
    expect((await session.status()).id).toBe(session.id);
    expect(recorder.authorizations).toEqual(['Bearer test-key', 'Bearer test-key']);
  });

  test('a token function needs no opt-in; it is asked again with refresh after a 401', async () => {
    const asked: boolean[] = [];
    const recorder = recordingFetch();
    let token = 'expired-token';
    const client = new AgentSessions({
      baseUrl: server.url,
      fetch: recorder.fetch,
      apiKey: async ({ refresh }) => {
        asked.push(refresh);
        if (refresh) token = 'test-key';
        return token;
      },
    });
    const session = await client.sessions.start({ input: 'hi' });
    await session.status();
    expect(asked).toEqual([false, true, false]);
    expect(recorder.authorizations).toEqual([
      'Bearer expired-token',
      'Bearer test-key',
      'Bearer test-key',
    ]);
  });

  test('no key at all behind a same-origin proxy: a path baseUrl, no Authorization sent', async () => {
    const recorder = recordingFetch();
    const port = new URL(server.url).port;
    const client = new AgentSessions({ baseUrl: `${PROXY_PATH}/${port}`, fetch: recorder.fetch });
    const { data: session, response } = await client.sessions
      .start({ input: 'hi', metadata: { scenario: 'short-answer' } })
      .withResponse();
    expect(new URL(response.url).origin).toBe(location.origin);
    expect(response.headers.get('x-proxy-saw-authorization')).toBe('no');
    const answer = await session.answer();
    expect(answer).toBe((await storedSession(server, session.id)).session.answer);
    expect(recorder.authorizations.length).toBeGreaterThanOrEqual(2);
    expect(recorder.authorizations.every((header) => header === null)).toBe(true);
  });

  test('neither a key nor a proxy baseUrl: refused, naming the safe ways', () => {
    const error = thrownBy(() => new AgentSessions());
    expect(BadRequestError.is(error)).toBe(true);
    expect((error as BadRequestError).message).toMatch(
      /^Invalid client options: options\.apiKey: required: in a browser, pass a function/,
    );
  });
});

describe('withOptions builds a browser client the way the constructor does', () => {
  const tokenClient = () =>
    new AgentSessions({ baseUrl: server.url, apiKey: async () => 'test-key' });

  test('a static key given to withOptions is refused without dangerouslyAllowBrowser, as in the constructor', async () => {
    const error = thrownBy(() => tokenClient().withOptions({ apiKey: 'sk_live_x' }));
    expect(BadRequestError.is(error)).toBe(true);
    expect((error as BadRequestError).errors.map((e) => e.path)).toEqual(['options.apiKey']);
    expect((error as BadRequestError).message).not.toContain('sk_live_x');
    const recorder = recordingFetch();
    const opted = tokenClient().withOptions({
      apiKey: 'test-key',
      fetch: recorder.fetch,
      dangerouslyAllowBrowser: true,
    } as never);
    await opted.sessions.list();
    expect(recorder.authorizations).toEqual(['Bearer test-key']);
  });

  test('a path baseUrl given to withOptions is the page origin (it threw before)', async () => {
    const port = new URL(server.url).port;
    const derived = tokenClient().withOptions({ baseUrl: `${PROXY_PATH}/${port}` });
    const { response } = await derived.sessions.list().withResponse();
    expect(new URL(response.url).origin).toBe(location.origin);
    expect(response.headers.get('x-proxy-saw-authorization')).toBe('yes');
  });

  test('a fetch given to withOptions keeps offline handling: nothing goes out while offline', async () => {
    let sent = 0;
    const derived = tokenClient().withOptions({
      fetch: (input, init) => {
        sent += 1;
        return globalThis.fetch(input, init);
      },
    });
    const backOnline = await goOffline();
    // Started now (a page of a list is sent on first use, not when the call is made).
    const listed = derived.sessions.list().then((page) => page.data);
    // The request waits for the network instead of failing (and spending retries).
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent).toBe(0);
    await backOnline();
    expect(await listed).toBeInstanceOf(Array);
    expect(sent).toBe(1);
  });
});

describe('the package surface', () => {
  test('re-exports the whole core; AgentSessions and createClient are the browser ones built on it', () => {
    const web: Record<string, unknown> = { ...sdk };
    const { AgentSessions: _, createClient: __, ...shared }: Record<string, unknown> = { ...core };
    expect(web).toMatchObject(shared);
    expect(Object.keys(web).sort()).toEqual(
      [...Object.keys(core), 'createSessionStore', 'sessionTokens'].sort(),
    );
    expect(sdk.AgentSessions.prototype).toBeInstanceOf(core.AgentSessions);
    // The browser's createClient keeps the browser's credential rule; the core's has none.
    expect(sdk.createClient).not.toBe(core.createClient);
    expect(() => sdk.createClient({ apiKey: 'sk_static', baseUrl: 'http://x.test' })).toThrow(
      /dangerouslyAllowBrowser/,
    );
    expect(() =>
      core.createClient({ apiKey: 'sk_static', baseUrl: 'http://x.test' }),
    ).not.toThrow();
  });

  test("a page's bundler picks protocol's browser build: responses are validated by zod alone", async () => {
    const protocol = await import('@agent-sessions/protocol');
    const client = new AgentSessions({ apiKey: async () => 'test-key', baseUrl: server.url });
    const { id } = await client.sessions.start({
      input: 'hi',
      metadata: { scenario: 'short-answer' },
    });
    const session = await client.sessions.status(id);
    // In Node the compiled check accepts this session alone; the browser build has none.
    expect(protocol.compileCheck(protocol.zSession)(session)).toBe(false);
    expect(protocol.validateResponse(protocol.zSession, session)).toEqual({
      success: true,
      data: session,
    });
    expect(protocol.validateResponse(protocol.zSession, { ...session, turn: 0 }).success).toBe(
      false,
    );
  });
});
