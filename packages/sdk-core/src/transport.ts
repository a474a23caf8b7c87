import {
  type Problem,
  type ValidationResult,
  validateResponse,
  zProblem,
} from '@agent-sessions/protocol';
import ky, { type KyInstance, type Options as KyOptions } from 'ky';
import { onAbort } from './abort-fanout.js';
import type { WithResponse } from './api-promise.js';
import { readRetryAfter, retryDelay } from './backoff.js';
import { baseUrlIssues, isPathBaseUrl } from './base-url.js';
import { checkRequestOptions } from './call-options.js';
import {
  AbortError,
  AgentSessionsError,
  ConnectionError,
  ResponseValidationError,
  TimeoutError,
} from './errors.js';
import { fetchOptionIssues } from './fetch-options.js';
import { headerIssue } from './header-values.js';
import { type HookContext, type Hooks, mergeHooks } from './hooks.js';
import { IDEMPOTENCY_HEADER, idempotencyKeyFor } from './idempotency-key.js';
import { describeHeaders, isSecretHeader, type LevelLogger, levelLogger } from './logger.js';
import { setLongTimeout } from './long-timer.js';
import { describeNetworkError } from './network-cause.js';
import type { FetchOptions, MutationOptions, ResolvedOptions } from './options.js';
import type { FetchLike } from './platform.js';
import { redacted } from './redact.js';
import { refuse } from './refuse.js';

/** One API call, as the resources describe it to the transport. */
export interface Call<T> {
  method: 'GET' | 'POST';
  /** From the root, e.g. `/v1/sessions/ses_1/pause`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  /** The session the call is for (told to the key provider); none for list and start. */
  sessionId?: string;
  body?: unknown;
  /** Validates the parsed JSON body and gives the result. */
  parse(json: unknown): ValidationResult<T>;
  options: MutationOptions;
  /** Added to the attempt's timeout (a long-poll's `wait_s`). */
  extraTimeoutMs?: number;
}

/** A call with its options checked and everything every attempt shares worked out once. */
interface Prepared<T> {
  call: Call<T>;
  url: string;
  /** The API's host, for messages (never the key, never user:password). */
  host: string;
  where: { method: string; path: string };
  signal: AbortSignal | undefined;
  idempotencyKey: string | undefined;
  timeoutMs: number;
  maxRetries: number;
  headers: Record<string, string | null> | undefined;
  fetchOptions: FetchOptions | undefined;
  hooks: Hooks;
}

const noop = () => {};

/** The fetch option that carries an attempt past ky to {@link fetchWithAttemptSignal}. */
const ATTEMPT = 'agentSessionsAttempt';

/** What one attempt tells the `fetch` ky calls, and learns back from it. */
interface AttemptState {
  signal: AbortSignal;
  /** The POST's key: the request must leave with exactly this one. */
  idempotencyKey: string | undefined;
  where: { method: string; path: string };
  /** Set once ky got as far as calling `fetch`: a failure before it is a local mistake. */
  reached: boolean;
}

/**
 * The `fetch` ky calls: it sends ky's request with the attempt's own signal (ky passes options
 * it does not know, like this one or undici's `dispatcher`, to `fetch` as they are), after
 * checking that the hooks left the idempotency key as it was.
 */
function fetchWithAttemptSignal(fetch: FetchLike): FetchLike {
  return (input, init) => {
    const options = init as (RequestInit & { [ATTEMPT]?: AttemptState }) | undefined;
    const attempt = options?.[ATTEMPT];
    if (!attempt) return fetch(input, init);
    attempt.reached = true;
    const { [ATTEMPT]: _, ...rest } = options;
    const { idempotencyKey: key, where } = attempt;
    const sent = input instanceof Request ? input.headers.get(IDEMPOTENCY_HEADER) : key;
    if (key !== undefined && sent !== key)
      notSent(
        where,
        'options.hooks.beforeRequest',
        'changed the Idempotency-Key (pass idempotencyKey)',
      );
    return fetch(input, { ...rest, signal: attempt.signal });
  };
}

/**
 * Sends calls: auth, the retry loop, per-attempt timeouts, abort, response validation, error
 * mapping, logging and hooks. One ky instance, made once, builds and sends each request
 * (headers, JSON body, hooks, fetch options); the rest is here, because a retry must cover
 * the whole attempt (key, fetch, body, validation), and ky's retry and timeout stop once
 * headers arrive.
 */
export class Transport {
  readonly options: ResolvedOptions;
  readonly #ky: KyInstance;
  readonly #log: LevelLogger;
  // The absolute base URL and host, resolved from a path-style baseUrl when the page is known.
  #base: { href: string | undefined; baseUrl: string; host: string } | undefined;

  constructor(options: ResolvedOptions) {
    this.options = options;
    if (!isPathBaseUrl(options.baseUrl)) {
      this.#base = {
        href: undefined,
        baseUrl: options.baseUrl,
        host: new URL(options.baseUrl).host,
      };
    }
    this.#log = levelLogger(options.logger, options.logLevel);
    this.#ky = ky.create({
      retry: 0,
      timeout: false,
      throwHttpErrors: false,
      fetch: fetchWithAttemptSignal(options.platform.fetch),
      headers: { accept: 'application/json', ...options.headers },
    });
  }

  /** Sends `call`, retrying what may succeed on a second try; resolves with the validated data. */
  async request<T>(call: Call<T>): Promise<WithResponse<T>> {
    const prepared = this.#prepare(call);
    const { platform, retry: policy } = this.options;
    const { signal, where, maxRetries } = prepared;
    let refreshed = false;
    let refreshNext = false;
    let retries = 0;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortError(where, signal.reason);
      const started = platform.now();
      const refresh = refreshNext;
      refreshNext = false;
      try {
        const result = await this.#attempt(prepared, attempt, refresh);
        this.#log.info?.(
          this.#line(where, result.response.status, started, result.requestId, attempt),
        );
        return result;
      } catch (error) {
        if (!AgentSessionsError.is(error)) throw error;
        const line = this.#line(where, error.status, started, error.requestId, attempt);
        // A provider's key may have expired: ask it for a fresh one, once per call.
        if (error.status === 401 && this.options.refreshableKey && !refreshed) {
          refreshed = refreshNext = true;
          this.#log.info?.(`${line}: asking the key provider for a fresh key`);
          continue;
        }
        const { retryAfterMs } = error;
        if (
          !error.retryable ||
          retries >= maxRetries ||
          (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs)
        ) {
          const final = finalError(error, attempt, prepared.host);
          this.#log.error?.(`${line}: ${final.message}`);
          throw final;
        }
        const delayMs = retryDelay(retries, retryAfterMs, platform.random(), policy);
        this.#log.warn?.(`${line}: ${error.name} (${error.code}), retrying in ${delayMs} ms`);
        for (const hook of prepared.hooks.beforeRetry ?? []) {
          await hook({ ...where, attempt, error, delayMs });
        }
        try {
          await platform.sleep(delayMs, signal);
        } catch (reason) {
          throw abortError(where, signal?.reason ?? reason);
        }
        retries++;
      }
    }
  }

  #prepare<T>(call: Call<T>): Prepared<T> {
    const { options } = call;
    let query = '';
    const add = (name: string, value: unknown) => {
      if (value === undefined) return;
      query += `${query ? '&' : ''}${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`;
    };
    // A per-call parameter replaces the call's own of that name: sending both would leave the
    // server to pick one.
    for (const name in call.query)
      if (options.query?.[name] === undefined) add(name, call.query[name]);
    for (const name in options.query) add(name, options.query[name]);
    const path = query ? `${call.path}?${query}` : call.path;
    const where = { method: call.method, path };
    const described = `${call.method} ${path}`;
    checkRequestOptions(options, described);
    if (options.fetchOptions !== undefined) {
      const issues = fetchOptionIssues('options.fetchOptions', {
        ...this.options.fetchOptions,
        ...options.fetchOptions,
      });
      if (issues.length > 0) refuse(`${NOT_SENT}${described} - `, issues);
    }
    // One key for every attempt of this call: that is what makes a retried POST safe.
    let idempotencyKey: string | undefined;
    if (call.method === 'POST') {
      const chosen = idempotencyKeyFor(options, this.options.platform);
      if (chosen.issues.length > 0) refuse(`${NOT_SENT}${described} - `, chosen.issues);
      idempotencyKey = chosen.key;
    }
    const { baseUrl, host } = this.#resolveBase();
    return {
      call,
      url: baseUrl + path,
      host,
      where,
      signal: options.signal,
      idempotencyKey,
      timeoutMs: (options.timeoutMs ?? this.options.timeoutMs) + (call.extraTimeoutMs ?? 0),
      maxRetries: options.maxRetries ?? this.options.maxRetries,
      headers: options.headers,
      fetchOptions: options.fetchOptions,
      hooks: mergeHooks(this.options.hooks, options.hooks),
    };
  }

  /**
   * The absolute base URL: a path-style one is resolved against the page when a request is
   * made, so a client made where there is no page (a server render) can exist; a call made
   * there is refused, naming the option.
   */
  #resolveBase(): { baseUrl: string; host: string } {
    const { baseUrl, platform } = this.options;
    if (!isPathBaseUrl(baseUrl)) return this.#base as { baseUrl: string; host: string };
    const href = platform.baseHref?.();
    if (href === undefined) {
      refuse('Invalid client options: ', [
        { path: 'options.baseUrl', message: 'is a path, and there is no page here to resolve it' },
      ]);
    }
    if (this.#base?.href !== href) {
      const resolved = URL.canParse(baseUrl, href)
        ? new URL(baseUrl, href).href.replace(/\/+$/, '')
        : '';
      const issues = baseUrlIssues('options.baseUrl', resolved);
      if (issues.length > 0) refuse('Invalid client options: ', issues);
      this.#base = { href, baseUrl: resolved, host: new URL(resolved).host };
    }
    return this.#base as { baseUrl: string; host: string };
  }

  /**
   * One attempt, raced against its timeout and the caller's signal, so neither waits on a
   * `fetch` that ignores its signal or a key provider that never answers.
   */
  async #attempt<T>(
    prepared: Prepared<T>,
    attempt: number,
    refresh: boolean,
  ): Promise<WithResponse<T>> {
    const { signal, where, timeoutMs } = prepared;
    const controller = new AbortController();
    let stop: (error: AgentSessionsError) => void = noop;
    const stopped = new Promise<never>((_, reject) => {
      stop = reject;
    });
    const cancelTimer = setLongTimeout(
      this.options.platform,
      () => {
        stop(
          new TimeoutError({
            ...where,
            code: 'timeout',
            retryable: true,
            message: `Request timed out after ${timeoutMs} ms: ${where.method} ${where.path}`,
          }),
        );
        controller.abort();
      },
      timeoutMs,
    );
    const unsubscribe =
      signal &&
      onAbort(signal, () => {
        stop(abortError(where, signal.reason));
        controller.abort(signal.reason);
      });
    const work = this.#exchange(prepared, attempt, refresh, controller.signal);
    // If the race is lost, the attempt's own rejection has no one left to hear it.
    work.catch(noop);
    try {
      return await Promise.race([work, stopped]);
    } finally {
      cancelTimer();
      unsubscribe?.();
    }
  }

  /** Gets the key, sends the request, reads and validates the response. */
  async #exchange<T>(
    prepared: Prepared<T>,
    attempt: number,
    refresh: boolean,
    signal: AbortSignal,
  ): Promise<WithResponse<T>> {
    const { call, where } = prepared;
    const { apiKey } = this.options;
    const token = apiKey ? await apiKey({ refresh, signal, sessionId: call.sessionId }) : undefined;
    // The attempt was stopped while the provider ran: send nothing.
    if (signal.aborted) throw abortError(where, signal.reason);
    const headers: Record<string, string | undefined> = {};
    if (token !== undefined) {
      const issues = headerIssue('options.apiKey', 'authorization', token);
      if (issues.length > 0) refuse(`Invalid API key from the key provider, not sent: `, issues);
      headers.authorization = `Bearer ${token}`;
    }
    headers['x-retry-count'] = String(attempt - 1);
    // A call's `null` removes a client header: ky drops `undefined` ones. Lower-cased so that
    // `Authorization` replaces ours instead of `Headers` joining both into one value.
    for (const name in prepared.headers)
      headers[name.toLowerCase()] = prepared.headers[name] ?? undefined;
    // After the call's headers: a POST's key was taken from them already (and never removed).
    if (prepared.idempotencyKey) headers[IDEMPOTENCY_HEADER] = prepared.idempotencyKey;
    // What must never reach an error or a log: the key, and any credential-looking header.
    const secrets = [token];
    for (const [name, value] of Object.entries({ ...this.options.headers, ...headers }))
      if (value && name !== IDEMPOTENCY_HEADER && isSecretHeader(name, value)) secrets.push(value);
    if (this.#log.debug) {
      const sent = new Headers(this.options.headers);
      for (const [name, value] of Object.entries(headers)) {
        if (value === undefined) sent.delete(name);
        else sent.set(name, value);
      }
      this.#log.debug(
        `agent-sessions: ${where.method} ${where.path} attempt ${attempt} sending (${describeHeaders(sent)})`,
      );
    }
    const state: AttemptState = {
      signal,
      idempotencyKey: prepared.idempotencyKey,
      where,
      reached: false,
    };
    const options = {
      ...this.options.fetchOptions,
      ...prepared.fetchOptions,
      method: call.method,
      // Not ky's `signal`: ky would join it to its own with AbortSignal.any on every call.
      [ATTEMPT]: state,
      headers,
    } as KyOptions;
    if (call.body !== undefined) options.json = call.body;
    // A hook's own exception is the caller's bug, not a dropped connection: it must not be
    // retried (which would send again) nor reported as a network failure.
    let hookFailure: { error: unknown } | undefined;
    const hooks = kyHooks(prepared.hooks, { ...where, attempt }, (error) => {
      hookFailure = { error };
    });
    if (hooks) options.hooks = hooks;

    let response: Response;
    try {
      response = await this.#ky(prepared.url, options);
    } catch (error) {
      if (AgentSessionsError.is(error)) throw error;
      if (hookFailure) throw hookFailure.error;
      // Nothing left this process: the request could not be built (a hook read its body).
      // Sending it again would fail the same way, so this is the caller's mistake to fix.
      // A hook that read the body (`await request.text()`) ends here.
      if (!state.reached) {
        const cause = redacted(error, secrets);
        notSent(
          where,
          prepared.hooks.beforeRequest?.length ? 'options.hooks.beforeRequest' : 'request',
          `could not be sent (read request.clone(), not the request): ${(cause as Error)?.message}`,
        );
      }
      throw this.#connectionError(prepared, 'Connection', error, secrets);
    }
    const requestId = response.headers.get('x-request-id') ?? undefined;
    // An afterResponse hook that read the body it returns: reading it again would fail as if
    // the connection had dropped, and be retried.
    if (response.bodyUsed)
      notSent(where, 'options.hooks.afterResponse', 'returned a response whose body it read');
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.#connectionError(prepared, 'Response body was cut off', error, secrets);
    }
    if (!response.ok) throw this.#errorFromResponse(response, text, where);
    const details = {
      ...where,
      status: response.status,
      response,
      requestId,
      code: 'invalid_response',
    };
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ResponseValidationError({
        ...details,
        // A garbled body is a transport accident: asking again may well get a good one.
        retryable: true,
        issues: [{ path: 'response', message: 'is not valid JSON' }],
        message: `Response is not valid JSON: ${where.method} ${where.path}`,
      });
    }
    const result = call.parse(json);
    if (!result.success) {
      const first = result.issues[0];
      throw new ResponseValidationError({
        ...details,
        issues: result.issues,
        message: `Response does not match the API: ${where.method} ${where.path} - ${first?.path}: ${first?.message}`,
      });
    }
    return { data: result.data, response, requestId };
  }

  #connectionError(
    { where, host }: Prepared<unknown>,
    what: string,
    error: unknown,
    secrets: (string | undefined)[],
  ): ConnectionError {
    const cause = redacted(error, secrets);
    const reason = cause instanceof Error ? ` - ${describeNetworkError(cause)}` : '';
    return new ConnectionError({
      ...where,
      code: 'connection_error',
      retryable: true,
      cause,
      message: `${what === 'Connection' ? `Connection to ${host} failed` : `${what} (${host})`}: ${where.method} ${where.path}${reason}`,
    });
  }

  /** The typed error for an error response whose body is `text`. */
  #errorFromResponse(
    response: Response,
    text: string,
    where: { method: string; path: string },
  ): AgentSessionsError {
    const { status, headers } = response;
    let problem: Problem | undefined;
    try {
      const parsed = validateResponse(zProblem, JSON.parse(text));
      if (parsed.success) problem = parsed.data;
    } catch {
      // Not JSON (a proxy's HTML page): the status alone decides.
    }
    const code = problem?.code ?? `http_${status}`;
    const explanation = problem?.detail ?? problem?.title;
    const shouldRetry = headers.get('x-should-retry');
    return AgentSessionsError.generate(status, {
      ...where,
      status,
      code,
      problem,
      response,
      requestId: headers.get('x-request-id') ?? problem?.request_id,
      errors: problem?.errors,
      retryable:
        shouldRetry === 'true'
          ? true
          : shouldRetry === 'false'
            ? false
            : status === 408 || status === 429 || status >= 500,
      retryAfterMs: readRetryAfter(headers, this.options.platform.now()),
      message: `Request failed with status ${status} (${code}): ${where.method} ${where.path}${
        explanation ? ` - ${explanation}` : ''
      }`,
    });
  }

  #line(
    where: { method: string; path: string },
    status: number | undefined,
    started: number,
    requestId: string | undefined,
    attempt: number,
  ): string {
    const ms = Math.round(this.options.platform.now() - started);
    return `agent-sessions: ${where.method} ${where.path} ${status ?? '-'} ${ms}ms ${requestId ?? '-'} attempt ${attempt}`;
  }
}

/** ky's hooks for one attempt, wrapping the user's with the call's context; none when unused. */
function kyHooks(
  hooks: Hooks,
  context: HookContext,
  failed: (error: unknown) => void,
): KyOptions['hooks'] | undefined {
  const before = hooks.beforeRequest ?? [];
  const after = hooks.afterResponse ?? [];
  if (before.length === 0 && after.length === 0) return undefined;
  const guard = async <R>(run: () => R | Promise<R>) => {
    try {
      return (await run()) ?? undefined;
    } catch (error) {
      failed(error);
      throw error;
    }
  };
  return {
    beforeRequest: before.map((hook) => (request: Request) => guard(() => hook(request, context))),
    afterResponse: after.map(
      (hook) => (request: Request, _options: unknown, response: Response) =>
        guard(() => hook(request, response, context)),
    ),
  };
}

/** The error a call finally rejects with: how many attempts it made, and (no response) where to. */
function finalError(error: AgentSessionsError, attempts: number, host: string): AgentSessionsError {
  Object.defineProperty(error, 'attempts', { value: attempts, enumerable: true });
  if (ConnectionError.is(error)) {
    error.message = `${error.message} (${attempts} attempt${attempts === 1 ? '' : 's'} to ${host})`;
  }
  return error;
}

const NOT_SENT = 'Invalid request, not sent: ';

/** Refuses an attempt for the caller's mistake at `path`: a typed error, never retried. */
function notSent(where: { method: string; path: string }, path: string, message: string): never {
  return refuse(`${NOT_SENT}${where.method} ${where.path} - `, [{ path, message }]);
}

function abortError(where: { method: string; path: string }, reason: unknown): AbortError {
  return new AbortError({
    ...where,
    code: 'aborted',
    cause: reason,
    message: `Request aborted: ${where.method} ${where.path}`,
  });
}
