import type { AgentSessionsError } from './errors.js';

/** What a hook learns about the call it runs in. */
export interface HookContext {
  /** `GET`, `POST`. */
  method: string;
  /** The path and query, e.g. `/v1/sessions/ses_1/changes?from=0&wait_s=30`. */
  path: string;
  /** 1 for the first attempt of the call, 2 for its first retry, ... */
  attempt: number;
}

// biome-ignore lint/suspicious/noConfusingVoidType: a hook that returns nothing is the common case.
type HookResult<T> = T | undefined | void | Promise<T | undefined | void>;

/**
 * Runs before each attempt is sent (ky's `beforeRequest`). Return a new `Request` to send it
 * instead, a `Response` to answer without sending, or nothing to send `request` as is (you
 * may set its headers in place, e.g. a `traceparent`).
 *
 * `request` is the real one: its `Authorization` header carries the API key, so logging its
 * headers as they are prints the key. Read its body from a copy (`request.clone().text()`);
 * a hook that reads the body itself, or removes or changes a POST's `Idempotency-Key`, gets
 * a `BadRequestError` naming `options.hooks.beforeRequest`, and nothing is sent.
 */
export type BeforeRequestHook = (
  request: Request,
  context: HookContext,
) => HookResult<Request | Response>;

/**
 * Runs after each response arrives, before the SDK reads it (ky's `afterResponse`). Return a
 * `Response` to use instead, or nothing. It sees error responses too. `response` is a copy:
 * read it freely, but do not return a response whose body was read.
 */
export type AfterResponseHook = (
  request: Request,
  response: Response,
  context: HookContext,
) => HookResult<Response>;

/** Runs before the SDK waits and retries a failed attempt. */
export type BeforeRetryHook = (
  context: HookContext & {
    /** Why the attempt failed. */
    error: AgentSessionsError;
    /** How long the SDK waits before the retry, in ms. */
    delayMs: number;
  },
) => void | Promise<void>;

/**
 * Hooks into every request (client-wide) or one call's requests (per call; they run after
 * the client's). Built on ky's hooks; use them for tracing, metrics or extra headers.
 * @example
 * new AgentSessions({ hooks: { beforeRequest: [(request) => request.headers.set('x-trace', id)] } })
 */
export interface Hooks {
  /** Before each attempt is sent. */
  beforeRequest?: BeforeRequestHook[] | undefined;
  /** After each response arrives. */
  afterResponse?: AfterResponseHook[] | undefined;
  /** Before each retry. */
  beforeRetry?: BeforeRetryHook[] | undefined;
}

/** The client's hooks, then the call's. */
export function mergeHooks(client: Hooks, call: Hooks | undefined): Hooks {
  if (call === undefined) return client;
  return {
    beforeRequest: [...(client.beforeRequest ?? []), ...(call.beforeRequest ?? [])],
    afterResponse: [...(client.afterResponse ?? []), ...(call.afterResponse ?? [])],
    beforeRetry: [...(client.beforeRetry ?? []), ...(call.beforeRetry ?? [])],
  };
}

/** The issues with `hooks` (each kind, when given, must be a list of functions), if any. */
export const hookIssues = (path: string, hooks: Hooks = {}) =>
  Object.entries(hooks)
    .filter(
      ([, list]) => list && !(Array.isArray(list) && list.every((f) => typeof f === 'function')),
    )
    .map(([name]) => ({ path: `${path}.${name}`, message: 'expected a list of functions' }));
