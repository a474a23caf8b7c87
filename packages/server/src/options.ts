import type { CreateSessionRequest } from '@agent-sessions/protocol';
import type { OwnerCacheOptions } from './owner-cache.js';
import { resolveTokenOptions, type SessionTokenOptions } from './token-policy.js';

/**
 * The metadata key that holds a session's owner (the id `user` returned when it was started).
 * A page that sends it is refused; only the handler writes it.
 */
export const OWNER_METADATA_KEY = 'agent_sessions_owner';

/** What the `start` hook is told besides the body. */
export interface StartContext {
  /** The user `user()` returned for this request. */
  user: string;
  /** The page's request. */
  request: Request;
}

/**
 * Decides what a page may start: returns the body to send (capped, changed, or as it came), or
 * a `Response` that refuses the start (it is sent to the page as it is). The owner key is added
 * to the returned body's `metadata` after the hook, whatever it returns.
 */
export type StartHook = (
  body: CreateSessionRequest,
  context: StartContext,
) => CreateSessionRequest | Response | Promise<CreateSessionRequest | Response>;

/** The options of {@link createSessionsHandler}. */
export interface SessionsHandlerOptions {
  /**
   * The account's API key, sent upstream as `Authorization: Bearer <key>`; never reaches a page.
   * Missing (e.g. an unset environment variable) makes every request a 500 problem
   * `server_misconfigured`, so a build that imports the route without the key still works.
   * @example process.env.AGENT_SESSIONS_API_KEY
   */
  apiKey: string | undefined;
  /**
   * The upstream API's base URL.
   * @example 'https://api.agent-sessions.dev'
   */
  baseUrl: string;
  /**
   * Where the handler is mounted: the path prefix of the requests it receives. A page's
   * `new AgentSessions({ baseUrl: '/api/agent-sessions' })` calls `/api/agent-sessions/v1/...`.
   * @example '/api/agent-sessions'
   */
  basePath: string;
  /**
   * The app's own authentication: the id of the user making the request, or `null` for a 401.
   * The id is stamped into the sessions the user starts (at most 500 characters).
   * @example async (request) => (await auth(request))?.userId ?? null
   */
  user: (request: Request) => string | null | undefined | Promise<string | null | undefined>;
  /**
   * Decides what a page may start (cap `idle_timeout_s`, drop `metadata`, refuse long input).
   * Default: the page's body as it came (already checked against the spec).
   * @example (body) => ({ ...body, idle_timeout_s: Math.min(body.idle_timeout_s ?? 0, 600) })
   */
  start?: StartHook;
  /**
   * The largest request body read, in bytes; past it the answer is a 413.
   * @default 1048576 (1 MiB, as the mock server)
   */
  maxBodyBytes?: number;
  /**
   * At most this many sessions of one user that are not terminal; starting one more is a 429
   * `too_many_sessions` (with `X-Should-Retry: false`). Counted from the upstream's list.
   * Default: no cap.
   */
  maxActiveSessionsPerUser?: number;
  /**
   * The longest `wait_s` a long-poll may ask for; a larger one is lowered to it (serverless
   * platforms bound how long a function may run).
   * @default 60 (the spec's maximum)
   */
  maxWaitS?: number;
  /**
   * How long an upstream call may take, in ms, beyond a long-poll's own `wait_s`; past it the
   * page gets a 504.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * How many upstream pages one list request (or the active-session count) reads at most while
   * looking for the user's sessions.
   * @default 5
   */
  listScanPages?: number;
  /**
   * The `metadata` key that holds each session's owner. Change it only before the first session
   * is started: sessions stamped under another key have no owner the handler can see.
   * @default 'agent_sessions_owner' ({@link OWNER_METADATA_KEY})
   */
  ownerMetadataKey?: string;
  /** The memory of who owns which session. Default: 10,000 sessions for 5 minutes. */
  ownerCache?: OwnerCacheOptions;
  /**
   * Origins, besides the handler's own, whose pages may call it (a page on another origin
   * of yours). A request whose `Origin` is another origin, or whose `Sec-Fetch-Site` says it is
   * cross-site, is a 403 otherwise, so another site cannot act for a signed-in user.
   * @default []
   */
  allowedOrigins?: string[];
  /**
   * What the token route (`POST {basePath}/v1/sessions/{id}/tokens`) may mint for a session
   * the user owns: allowed scopes and the longest lifetime. Default: both scopes, up to 3600 s.
   * @example { scopes: ['read'], maxExpiresInS: 600 }
   */
  tokens?: SessionTokenOptions;
  /** The `fetch` used to call the upstream. Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/** The options with their defaults applied. */
export interface ResolvedOptions
  extends Required<Omit<SessionsHandlerOptions, 'start' | 'apiKey' | 'tokens'>> {
  tokens: Required<SessionTokenOptions>;
  apiKey: string | undefined;
  start: StartHook | undefined;
  maxActiveSessionsPerUser: number;
}

function positiveInteger(name: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`createSessionsHandler: options.${name}: expected a non-negative integer`);
  }
  return value;
}

function ownerMetadataKey(value: unknown): string {
  if (value === undefined) return OWNER_METADATA_KEY;
  if (typeof value !== 'string' || value.length === 0 || value.length > 100) {
    throw new TypeError(
      'createSessionsHandler: options.ownerMetadataKey: expected 1 to 100 characters',
    );
  }
  return value;
}

/** Checks the options and applies the defaults; a wrong option throws a `TypeError` naming it. */
export function resolveOptions(options: SessionsHandlerOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('createSessionsHandler: expected an options object');
  }
  const { apiKey, baseUrl, basePath, user, start } = options;
  if (apiKey !== undefined && (typeof apiKey !== 'string' || !/^[\x21-\x7e]+$/.test(apiKey))) {
    throw new TypeError(
      'createSessionsHandler: options.apiKey: expected a string of printable ASCII',
    );
  }
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new TypeError('createSessionsHandler: options.baseUrl: expected an absolute http(s) URL');
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') {
    throw new TypeError('createSessionsHandler: options.baseUrl: expected an absolute http(s) URL');
  }
  if (typeof basePath !== 'string' || !/^(\/[A-Za-z0-9._~-]+)*$/.test(basePath)) {
    throw new TypeError(
      "createSessionsHandler: options.basePath: expected a path like '/api/agent-sessions' (or '')",
    );
  }
  if (typeof user !== 'function') {
    throw new TypeError(
      'createSessionsHandler: options.user: expected a function (request) => id | null',
    );
  }
  if (start !== undefined && typeof start !== 'function') {
    throw new TypeError('createSessionsHandler: options.start: expected a function');
  }
  const allowedOrigins = options.allowedOrigins ?? [];
  if (!Array.isArray(allowedOrigins) || allowedOrigins.some((o) => typeof o !== 'string')) {
    throw new TypeError(
      'createSessionsHandler: options.allowedOrigins: expected an array of origins',
    );
  }
  // The global is looked up per call, not captured: a test's or platform's fetch installed later
  // is the one used, and it is never called as a method of another object.
  const fetchImpl: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('createSessionsHandler: options.fetch: expected a fetch function');
  }
  return {
    apiKey,
    baseUrl: base.href.replace(/\/+$/, ''),
    basePath,
    user,
    start,
    maxBodyBytes: positiveInteger('maxBodyBytes', options.maxBodyBytes, 1_048_576),
    maxActiveSessionsPerUser: positiveInteger(
      'maxActiveSessionsPerUser',
      options.maxActiveSessionsPerUser,
      Number.POSITIVE_INFINITY,
    ),
    maxWaitS: positiveInteger('maxWaitS', options.maxWaitS, 60),
    timeoutMs: positiveInteger('timeoutMs', options.timeoutMs, 30_000),
    listScanPages: Math.max(1, positiveInteger('listScanPages', options.listScanPages, 5)),
    ownerMetadataKey: ownerMetadataKey(options.ownerMetadataKey),
    ownerCache: options.ownerCache ?? {},
    allowedOrigins,
    tokens: resolveTokenOptions(options.tokens),
    fetch: fetchImpl,
  };
}
