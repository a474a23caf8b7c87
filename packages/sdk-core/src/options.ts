import { DEFAULT_BASE_URL } from '@agent-sessions/protocol';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff.js';
import { baseUrlIssues, isPathBaseUrl } from './base-url.js';
import { fetchOptionIssues } from './fetch-options.js';
import { headerIssue, headerRecordIssues, IDEMPOTENCY_HEADER } from './header-values.js';
import { type Hooks, hookIssues } from './hooks.js';
import { LOG_LEVEL_ENV, LOG_LEVELS, type Logger, type LogLevel, pickLogLevel } from './logger.js';
import { type FetchLike, type Platform, resolvePlatform } from './platform.js';
import { countIssue, refuse } from './refuse.js';

/**
 * Returns the API key (or a session token) for a request. Called before every request;
 * called again once with `refresh: true` when the API answers 401 (a wrong key, or an expired
 * session token: `token_expired`), and the request is retried with the new one. Cache inside
 * it: the SDK does not. It counts toward the attempt's `timeoutMs`, and an abort does not
 * wait for it. `sessionId` says which session the call is for, so a page that follows several
 * sessions can hand each its own session token.
 *
 * @example
 * const apiKey: ApiKeyProvider = async ({ refresh }) => (refresh ? tokens.renew() : tokens.current());
 * @example
 * // One session token per session, from your backend (which mints them with the account key).
 * const apiKey: ApiKeyProvider = ({ sessionId, refresh }) => tokenFor(sessionId, { refresh });
 */
export type ApiKeyProvider = (context: {
  /** True after a 401: return a fresh key. */
  refresh: boolean;
  /**
   * The session the call is for (`status`, `changes`, `send`, ...); `undefined` for calls
   * that name none (`list`, `start`).
   */
  sessionId: string | undefined;
  /** Aborts when the call is aborted or the attempt times out. */
  signal: AbortSignal | undefined;
}) => string | Promise<string>;

/**
 * Extra `fetch` options (`RequestInit` and whatever your `fetch` takes besides), e.g.
 * undici's `dispatcher` for a proxy, or `cache`/`keepalive` in a browser.
 * @example { dispatcher: new ProxyAgent('http://proxy.internal:3128') }
 */
export type FetchOptions = Omit<RequestInit, 'method' | 'body' | 'headers' | 'signal'> &
  Record<string, unknown>;

/** The environment variable read for the API key (where the platform has an environment). */
export const API_KEY_ENV = 'AGENT_SESSIONS_API_KEY';
/** The environment variable read for the base URL (where the platform has an environment). */
export const BASE_URL_ENV = 'AGENT_SESSIONS_BASE_URL';
// The base URL used when neither the option nor the environment gives one; the protocol
// package holds it so that the mock server's MSW handlers default to the same origin.
export { DEFAULT_BASE_URL };

/** Options of `new AgentSessions(options)` and `client.withOptions(options)`. */
export interface ClientOptions {
  /**
   * The API key, sent as `Authorization: Bearer <key>`, or a function that returns one
   * (see {@link ApiKeyProvider}), or `null` to send no `Authorization` header at all (a proxy
   * in front of the API adds the credentials). Default: the `AGENT_SESSIONS_API_KEY`
   * environment variable where the platform has one (Node). Required.
   * @example new AgentSessions({ apiKey: 'sk_live_...' })
   */
  apiKey?: string | ApiKeyProvider | null | undefined;
  /**
   * Where the API lives: an `http:` or `https:` URL with no credentials, query or fragment.
   * Default: `AGENT_SESSIONS_BASE_URL`, else `https://api.agent-sessions.dev`.
   * @example new AgentSessions({ baseUrl: 'http://127.0.0.1:4010' })
   */
  baseUrl?: string | undefined;
  /**
   * How long one attempt of a call may take (the key provider, headers and body), in ms; a
   * long-poll gets its `wait_s` on top. A timed-out attempt is retried like a lost
   * connection. Any length works (longer than 2^31-1 ms too). Default: `60000`.
   */
  timeoutMs?: number | undefined;
  /**
   * How many times a failed call is retried (connection errors, cut or malformed bodies,
   * timeouts, 408, 429, 5xx, or what the server's `X-Should-Retry` says; never another
   * 4xx). `0` turns retries off. Default: `3`.
   */
  maxRetries?: number | undefined;
  /** The backoff between retries. Default: {@link DEFAULT_RETRY_POLICY} (500 ms doubling to 8 s, full jitter). */
  retry?: Partial<RetryPolicy> | undefined;
  /** The `fetch` to use (a test double, an instrumented fetch). Default: the platform's `fetch`. */
  fetch?: FetchLike | undefined;
  /**
   * Extra options for every `fetch` call, e.g. undici's `dispatcher` for a proxy. Checked when
   * the client is made: a value `fetch` refuses (`redirect: 'bogus'`) or one the SDK sets itself
   * (`body`, `headers`, `signal`, ky's `retry`) is a `BadRequestError` naming it. Default: none.
   * @example new AgentSessions({ fetchOptions: { dispatcher: new ProxyAgent(process.env.HTTPS_PROXY) } })
   */
  fetchOptions?: FetchOptions | undefined;
  /**
   * Headers sent with every request; a call's own `headers` win. Every value is checked: a
   * line break or control character is a `BadRequestError` naming the header. Default: none.
   * @example new AgentSessions({ defaultHeaders: { 'x-team': 'search' } })
   */
  defaultHeaders?: Record<string, string> | undefined;
  /** The same as {@link ClientOptions.defaultHeaders} (its older name); `defaultHeaders` wins. */
  headers?: Record<string, string> | undefined;
  /**
   * What the SDK logs: `off`, `error` (calls that finally failed), `warn` (also each retry),
   * `info` (also one line per request: method, path, status, ms, request id, attempt),
   * `debug` (also the request headers, with every credential-looking header and the
   * idempotency key redacted). Default: the `AGENT_SESSIONS_LOG` environment variable where
   * there is one (any case; a value that names no level is warned about once), else `off`.
   */
  logLevel?: LogLevel | undefined;
  /**
   * Where log lines go: `console`, a pino or a winston logger (any object with `error`,
   * `warn`, `info`, `debug`). A line the logger throws on is dropped; the call goes on.
   * Default: `console`.
   */
  logger?: Logger | undefined;
  /** Hooks into every request: tracing, metrics, headers. See {@link Hooks}. Default: none. */
  hooks?: Hooks | undefined;
  /**
   * Platform pieces (timers, sleep, clock, randomness, environment, network status): for SDK
   * adapters and tests, and for a runtime whose network status the SDK cannot see (React
   * Native: `online`). Default: web standards, always online (sdk-web: the browser's network
   * status). See {@link Platform}.
   * @example new AgentSessions({ apiKey, platform: { online: netInfoOnlineStatus } })
   */
  platform?: Partial<Platform> | undefined;
}

/** Options every HTTP call accepts. */
export interface RequestOptions {
  /** Aborts the call, including its retries and waits, with an `AbortError`. */
  signal?: AbortSignal | undefined;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number | undefined;
  /** Overrides the client's `maxRetries` for this call. */
  maxRetries?: number | undefined;
  /**
   * Headers for this call, over the client's (`null` removes one). Checked like `defaultHeaders`.
   * A POST's `Idempotency-Key` cannot be removed or blanked (use `idempotencyKey` to choose it).
   */
  headers?: Record<string, string | null> | undefined;
  /**
   * Extra query parameters for this call (for API features newer than this SDK); one the call
   * already sends (`limit`) is replaced. Default: none.
   */
  query?: Record<string, string | number | boolean | undefined> | undefined;
  /** Extra `fetch` options for this call, over the client's `fetchOptions`. */
  fetchOptions?: FetchOptions | undefined;
  /** Hooks for this call's requests, run after the client's. */
  hooks?: Hooks | undefined;
}

/** Options of calls that change something (POST): they also take an idempotency key. */
export interface MutationOptions extends RequestOptions {
  /**
   * The `Idempotency-Key` sent with this call and all its retries, so a retried call is done
   * once. Default: a fresh `crypto.randomUUID()` per call. Pass your own to make a call safe
   * to repeat across processes (e.g. a queue message id).
   */
  idempotencyKey?: string | undefined;
}

/** Client options with every default applied. */
export interface ResolvedOptions {
  /** Null: no `Authorization` header (a proxy adds the credentials). */
  apiKey: ApiKeyProvider | null;
  /** True when `apiKey` was a provider: a 401 asks it once more for a fresh key. */
  refreshableKey: boolean;
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  retry: RetryPolicy;
  headers: Record<string, string>;
  fetchOptions: FetchOptions;
  logLevel: LogLevel;
  logger: Logger;
  hooks: Hooks;
  platform: Platform;
}

/** Refuses client options that are not an object (`null`, a string), naming them. */
export function checkOptionsObject(options: unknown): asserts options is ClientOptions {
  if (typeof options !== 'object' || options === null) {
    refuse('Invalid client options: ', [{ path: 'options', message: 'expected an object' }]);
  }
}

/** Applies defaults and the environment fallbacks; refuses bad options, naming the field. */
export function resolveOptions(options: ClientOptions): ResolvedOptions {
  checkOptionsObject(options);
  const platform = resolvePlatform({
    ...options.platform,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // `null` is a choice (no Authorization header), not a missing key: only undefined falls back.
  const key = options.apiKey === undefined ? platform.env(API_KEY_ENV) : options.apiKey;
  const baseUrl = options.baseUrl ?? platform.env(BASE_URL_ENV) ?? DEFAULT_BASE_URL;
  const retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const given = { ...options.headers, ...options.defaultHeaders };
  // Names lower-cased: `X-Team` given again as `x-team` (withOptions) replaces it, where
  // `Headers` would join both into one value.
  const headers: Record<string, string> = {};
  for (const name in given) headers[name.toLowerCase()] = given[name] as string;
  const logger = options.logger ?? console;
  const logLevel = pickLogLevel(options.logLevel, platform.env(LOG_LEVEL_ENV), logger) as LogLevel;
  const baseUrlPath =
    options.baseUrl === undefined && platform.env(BASE_URL_ENV) !== undefined
      ? BASE_URL_ENV
      : 'options.baseUrl';
  const issues = [
    ...(key === undefined || key === ''
      ? [{ path: 'options.apiKey', message: `required: pass apiKey or set ${API_KEY_ENV}` }]
      : typeof key === 'string'
        ? headerIssue('options.apiKey', 'authorization', key)
        : []),
    // A path is resolved against the page when a request is made (a platform that has one).
    ...(typeof baseUrl === 'string' && isPathBaseUrl(baseUrl) && platform.baseHref
      ? []
      : baseUrlIssues(baseUrlPath, baseUrl)),
    ...countIssue('options.timeoutMs', options.timeoutMs, 1),
    ...countIssue('options.maxRetries', options.maxRetries, 0),
    ...Object.entries(retry).flatMap(([name, value]) =>
      countIssue(`options.retry.${name}`, value, 0),
    ),
    ...headerRecordIssues(
      options.defaultHeaders ? 'options.defaultHeaders' : 'options.headers',
      given,
    ),
    ...Object.keys(given)
      .filter((name) => name.toLowerCase() === IDEMPOTENCY_HEADER)
      .map((name) => ({
        path: `${options.defaultHeaders ? 'options.defaultHeaders' : 'options.headers'}.${name}`,
        message: 'is chosen per call (idempotencyKey): one key on every POST would make them one',
      })),
    ...fetchOptionIssues('options.fetchOptions', options.fetchOptions),
    // A piece the user writes (React Native's NetInfo), so checked like an option.
    ...(typeof platform.online?.isOnline === 'function' &&
    typeof platform.online.subscribe === 'function'
      ? []
      : [{ path: 'options.platform.online', message: 'expected { isOnline(), subscribe() }' }]),
    ...hookIssues('options.hooks', options.hooks),
    ...(LOG_LEVELS.includes(logLevel)
      ? []
      : [{ path: 'options.logLevel', message: `expected one of ${LOG_LEVELS.join(', ')}` }]),
  ];
  if (key === undefined || issues.length > 0) refuse('Invalid client options: ', issues);
  return {
    apiKey: typeof key === 'function' || key === null ? key : () => key,
    refreshableKey: typeof key === 'function',
    baseUrl: baseUrl.replace(/\/+$/, '') || '/',
    timeoutMs: options.timeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 3,
    retry,
    headers,
    fetchOptions: options.fetchOptions ?? {},
    logLevel,
    logger,
    hooks: options.hooks ?? {},
    platform,
  };
}
