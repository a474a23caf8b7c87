/**
 * `createMockHandlers`: the engine as MSW request handlers, for tests and demos in the browser
 * or Node without a port.
 */
import { DEFAULT_BASE_URL } from '@agent-sessions/protocol';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { type EngineRequest, fromWebRequest, toWebResponse } from '../api/engine-request.js';
import { MockEngine, type MockEngineOptions } from '../engine/mock-engine.js';
import { scenarios } from '../fixture/catalog.js';
import type { Fixture } from '../fixture/fixture.js';

/** Options of {@link createMockHandlers}: the engine's, plus where the API is served. */
export interface MockHandlersOptions extends Omit<MockEngineOptions, 'fixtures'> {
  /**
   * The API's base URL: every request under it (the whole API and `/_mock/*`) is answered by
   * the engine; other requests are left to your other handlers. An absolute `http(s)` URL,
   * optionally with a path prefix. Default: the SDKs' default, `https://api.agent-sessions.dev`.
   * @example createMockHandlers({ baseUrl: 'http://localhost:4010/api' })
   */
  baseUrl?: string;
  /** The scenarios sessions play. Default: the built-in catalog ({@link scenarios}). */
  fixtures?: Fixture[];
}

/** What {@link createMockHandlers} returns. */
export interface MockHandlers {
  /** The MSW request handlers: `setupServer(...handlers)` or `setupWorker(...handlers)`. */
  handlers: HttpHandler[];
  /**
   * The engine behind them, for the test's own checks and controls (the admin surface:
   * `sessions.get(id)`, `faults.add(rule)`, `clock.advance(ms)`, `journal.count(filter)`,
   * `reset()`); `close()` it when the test file ends.
   */
  engine: MockEngine;
}

/** The base URL as origin and path prefix (no trailing slash), or a TypeError naming it. */
function parseBaseUrl(baseUrl: string): { origin: string; prefix: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('createMockHandlers: baseUrl must be an absolute http(s) URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `createMockHandlers: baseUrl must be an http(s) URL, got protocol "${url.protocol}"`,
    );
  }
  if (url.search !== '' || url.hash !== '' || url.username !== '' || url.password !== '') {
    throw new TypeError(
      'createMockHandlers: baseUrl must have no query, fragment or credentials (origin and path only)',
    );
  }
  return { origin: url.origin, prefix: url.pathname.replace(/\/+$/, '') };
}

// The base URLs open engines serve, to refuse a second set of handlers MSW would never reach.
const served: { origin: string; prefix: string; engine: MockEngine }[] = [];

// MSW answers with the first handler that matches: handlers for a base URL an open engine
// already serves (the same, or one under or over it) would silently never see a request.
function refuseShadowing(origin: string, prefix: string): void {
  for (let i = served.length - 1; i >= 0; i--) {
    if (served[i]!.engine.closed) served.splice(i, 1);
  }
  const under = (a: string, b: string) => a === b || a.startsWith(`${b}/`);
  const clash = served.find(
    (other) =>
      other.origin === origin && (under(prefix, other.prefix) || under(other.prefix, prefix)),
  );
  if (clash) {
    throw new TypeError(
      `createMockHandlers: ${clash.origin}${clash.prefix} is already served by handlers whose engine is open; MSW would answer every request with one set and the other would never see any. Close the first one (engine.close()) or use another baseUrl.`,
    );
  }
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * MSW 2 request handlers that serve the whole Agent Sessions API (and the mock's `/_mock/*`
 * admin routes) from a {@link MockEngine}, in Node (`setupServer` from `msw/node`) and in the
 * browser (`setupWorker` from `msw/browser`) alike. Sessions play fixtures on the engine's
 * clock, exactly as with the HTTP mock server; a `reset` fault becomes MSW's network error
 * (`HttpResponse.error()`, a rejected `fetch`), delays and dribbled bodies come from the engine.
 *
 * @example
 * import { setupServer } from 'msw/node';
 * import { createMockHandlers } from '@agent-sessions/mock-server/msw';
 *
 * const { handlers, engine } = createMockHandlers();
 * const server = setupServer(...handlers);
 * server.listen();
 * // ... new AgentSessions({ apiKey: 'test-key' }) now talks to the engine
 * server.close();
 * engine.close();
 */
export function createMockHandlers(options: MockHandlersOptions = {}): MockHandlers {
  const { baseUrl = DEFAULT_BASE_URL, fixtures = Object.values(scenarios), ...rest } = options;
  const { origin, prefix } = parseBaseUrl(baseUrl);
  refuseShadowing(origin, prefix);
  const engine = new MockEngine({ ...rest, fixtures });
  served.push({ origin, prefix, engine });
  // A RegExp, not an MSW path string: MSW decodes a path pattern's captures, which throws on
  // bytes such as `%ZZ` that the engine must answer with a problem instead. MSW matches it
  // against the URL without query or fragment.
  const under = new RegExp(`^${escapeRegExp(origin + prefix)}(?:/.*)?$`);
  const handler = http.all(under, async ({ request }) => {
    const response = await engine.serve(engineRequest(request, prefix));
    return response.reset ? HttpResponse.error() : toWebResponse(response, request.method);
  });
  return { handlers: [handler], engine };
}

/**
 * MSW's request as the engine reads it, its path without the base URL's prefix (the engine
 * routes `/v1/...` and `/_mock/...`). The body is read only if the engine asks, up to its limit.
 */
function engineRequest(request: Request, prefix: string): EngineRequest {
  const forwarded = fromWebRequest(request);
  if (prefix === '') return forwarded;
  const url = new URL(request.url);
  const path = url.pathname.slice(prefix.length) || '/';
  return { ...forwarded, url: `${url.origin}${path}${url.search}` };
}
