import { createMockServer, type MockServer } from '@agent-sessions/mock-server';
import {
  createSessionsHandler,
  type SessionsHandler,
  type SessionsHandlerOptions,
} from '../../src/index.js';
import { type CapturingProxy, capturingProxy } from './capturing-proxy.js';

/** The app's origin in tests; the handler is mounted at `BASE_PATH` on it. */
export const APP_ORIGIN = 'http://app.test';
export const BASE_PATH = '/api/agent-sessions';
export const API_KEY = 'test-key';

/** A user of the test app: signed in by a cookie, as a real app would do it. */
export type UserName = 'alice' | 'bob';

/** The mock upstream, a handler in front of it, and a way to call it as each user. */
export interface TwoUsers {
  mock: MockServer;
  /** The capturing proxy between the handler and the mock: every request that reached it. */
  proxy: CapturingProxy;
  handler: SessionsHandler;
  /** Calls the handler as `user` (or signed out with `null`), at `path` under the base path. */
  as(user: UserName | null, path: string, init?: RequestInit): Promise<Response>;
  /** Starts a session as `user` and returns its id. */
  start(user: UserName, body?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

/** The test app's `user()`: the `sid` cookie names the user. */
export function userFromCookie(request: Request): string | null {
  const match = /(?:^|;\s*)sid=(alice|bob)(?:;|$)/.exec(request.headers.get('cookie') ?? '');
  return match ? `user_${match[1]}` : null;
}

/** A real mock server over HTTP and a handler in front of it, for two users. */
export async function twoUsers(
  options: Partial<SessionsHandlerOptions> = {},
  mockOptions: Parameters<typeof createMockServer>[0] = {},
  proxyOptions: Parameters<typeof capturingProxy>[1] = {},
): Promise<TwoUsers> {
  const mock = await createMockServer(mockOptions);
  const proxy = await capturingProxy(mock.url, proxyOptions);
  const handler = createSessionsHandler({
    apiKey: API_KEY,
    baseUrl: proxy.url,
    basePath: BASE_PATH,
    user: userFromCookie,
    ...options,
  });
  const as = (user: UserName | null, path: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (user) headers.set('cookie', `sid=${user}; theme=dark`);
    if (init.body !== undefined && !headers.has('content-type')) {
      headers.set('content-type', 'application/json');
    }
    return handler(new Request(`${APP_ORIGIN}${BASE_PATH}${path}`, { ...init, headers }));
  };
  return {
    mock,
    proxy,
    handler,
    as,
    async start(user, body = { input: 'Hi.', metadata: { scenario: 'slow' } }) {
      const response = await as(user, '/v1/sessions', {
        method: 'POST',
        body: JSON.stringify(body),
      });
      if (response.status !== 201) {
        throw new Error(`start as ${user}: ${response.status} ${await response.text()}`);
      }
      return ((await response.json()) as { id: string }).id;
    },
    async close() {
      await proxy.close();
      await mock.close();
    },
  };
}
