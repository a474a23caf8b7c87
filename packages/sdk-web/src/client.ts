import {
  type ClientContext,
  type ClientOptions,
  AgentSessions as CoreAgentSessions,
  createClient as createCoreClient,
} from '@agent-sessions/sdk-core';
import { checkOptionsObject, refuse } from '@agent-sessions/sdk-core/internal';
import { browserOnline } from './browser-online.js';

/** Options of the browser client: the core's {@link ClientOptions} plus the browser's credential rule. */
export interface WebClientOptions extends ClientOptions {
  /**
   * Where the API lives: an absolute URL, or a path on the page's own origin (a same-origin
   * proxy that adds the credentials; then leave `apiKey` out and no `Authorization` is sent).
   * Default: `https://api.agent-sessions.dev`.
   * @example new AgentSessions({ baseUrl: '/api/agent-sessions' })
   */
  baseUrl?: string | undefined;
  /**
   * A function that returns a short-lived token from your own backend: called before each
   * request (cache inside it) and once more with `refresh: true` after a 401. A string is a
   * static key and is refused unless `dangerouslyAllowBrowser` is set. Default: none (then
   * `baseUrl` must be your proxy). For session tokens (one per session, minted by your
   * backend), use `sessionTokens(fetchToken)`.
   * @example new AgentSessions({ apiKey: async ({ refresh }) => (await fetch(`/token?renew=${refresh}`)).text() })
   * @example new AgentSessions({ apiKey: sessionTokens((sessionId) => fetchTokenFor(sessionId)) })
   */
  apiKey?: ClientOptions['apiKey'];
  /**
   * Allows a static `apiKey` string in a web page. A key in page code is readable by anyone
   * who opens the page, so by default the browser client refuses one. Set this only when the
   * page is private (an internal tool, a local demo) and you accept that risk. Default: `false`.
   * @example new AgentSessions({ apiKey: 'sk_test_...', dangerouslyAllowBrowser: true })
   */
  dangerouslyAllowBrowser?: boolean | undefined;
}

const SAFE_WAYS =
  'pass a function that gets a short-lived token from your own backend ' +
  "(apiKey: async ({ refresh }) => fetchToken(refresh)), or send requests through a same-origin proxy that adds the key (baseUrl: '/api/agent-sessions', no apiKey)";

/** Throws the typed error for an unsafe credential setup, naming `options.apiKey`. */
function refuseApiKey(message: string): never {
  return refuse('Invalid client options: ', [{ path: 'options.apiKey', message }]);
}

/**
 * The Agent Sessions client for browsers: the same API as Node (`client.sessions.start`,
 * handles, `watch`, steering), plus what a web page needs:
 * - credentials that are safe in a page: a token function (called again after a 401) or a
 *   same-origin proxy with no key at all; a static key only with `dangerouslyAllowBrowser`;
 * - a `baseUrl` that is a path (`'/api/agent-sessions'`) means the page's own origin;
 * - requests wait while the browser is offline and go out once when it is back, and time
 *   offline counts against neither timeouts nor retries (`watch` resumes from its cursor,
 *   losing nothing); the browser's network status is the platform's `online` piece, so
 *   `platform: { online }` replaces it (React Native's NetInfo, a test's switch).
 *
 * @example
 * import { AgentSessions } from '@agent-sessions/sdk-web';
 * const client = new AgentSessions({
 *   apiKey: async ({ refresh }) => (await fetch(`/token${refresh ? '?renew=1' : ''}`)).text(),
 * });
 * const session = await client.sessions.start({ input: 'Plan a weekend in Lisbon' });
 * for await (const event of session.watch()) console.log(event.type);
 */
export class AgentSessions extends CoreAgentSessions {
  // It types the browser's options; `adapt` does the work, for `withOptions` clients too.
  constructor(options: WebClientOptions = {}) {
    super(options);
  }

  /** The browser's rules and pieces, for this client and every `withOptions` one. */
  protected static override adapt(options: WebClientOptions): ClientOptions {
    return webOptions(options);
  }
}

/**
 * A browser client for the standalone operations alone (`getSessionStatus(client, id)`, ...),
 * with the same rules and pieces as `new AgentSessions` (a token function or a same-origin
 * proxy, offline handling): a page that only shows a status bundles that one call.
 * @example
 * import { createClient, getSessionStatus } from '@agent-sessions/sdk-web';
 * const client = createClient({ baseUrl: '/api/agent-sessions' });
 * const { state } = await getSessionStatus(client, sessionId);
 */
export function createClient(options: WebClientOptions = {}): ClientContext {
  checkOptionsObject(options);
  return createCoreClient(webOptions(options));
}

/** The core's options for browser `options`: the credential rule checked, the web pieces added. */
function webOptions(options: WebClientOptions): ClientOptions {
  const { dangerouslyAllowBrowser = false, ...rest } = options;
  const { apiKey, baseUrl } = rest;
  if (typeof apiKey === 'string' && apiKey !== '' && !dangerouslyAllowBrowser) {
    refuseApiKey(
      `a static API key in a browser is visible to anyone who opens the page. Instead, ${SAFE_WAYS}. ` +
        'If this page is private and you accept the risk, pass dangerouslyAllowBrowser: true.',
    );
  }
  const proxied = apiKey === undefined;
  if (proxied && baseUrl === undefined) refuseApiKey(`required: in a browser, ${SAFE_WAYS}.`);
  return {
    ...rest,
    // Behind a proxy there is no key: no Authorization header is sent.
    apiKey: proxied ? null : apiKey,
    platform: {
      ...rest.platform,
      // The core asks it before each attempt and while one is in flight; yours (React
      // Native's NetInfo) wins.
      online: rest.platform?.online ?? browserOnline,
      // A path (`/api/agent-sessions`) is the page's own origin, looked up when a request is
      // made: a module-level client can be made during a server render.
      baseHref: rest.platform?.baseHref ?? (() => globalThis.location?.href),
    },
  };
}
