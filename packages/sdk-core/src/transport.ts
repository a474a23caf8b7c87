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
import { checkRequestOptions } from './call-options.js';
import {
  AbortError,
  AgentSessionsError,
  ConnectionError,
  ResponseValidationError,
  TimeoutError,
} from './errors.js';
import { headerIssue } from './header-values.js';
import { type HookContext, type Hooks, mergeHooks } from './hooks.js';
import { describeHeaders, type LevelLogger, levelLogger } from './logger.js';
import { setLongTimeout } from './long-timer.js';
import type { FetchOptions, MutationOptions, ResolvedOptions } from './options.js';
import type { FetchLike } from './platform.js';
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

/** The fetch option that carries an attempt's signal past ky to {@link fetchWithAttemptSignal}. */
const ATTEMPT_SIGNAL = 'agentSessionsAttemptSignal';

/**
 * The `fetch` ky calls: it sends ky's request with the attempt's own signal (ky passes options
 * it does not know, like this one or undici's `dispatcher`, to `fetch` as they are).
 */
function fetchWithAttemptSignal(fetch: FetchLike): FetchLike {
  return (input, init) => {
    const options = init as (RequestInit & { [ATTEMPT_SIGNAL]?: AbortSignal }) | undefined;
    const signal = options?.[ATTEMPT_SIGNAL];
    if (!signal) return fetch(input, init);
    const { [ATTEMPT_SIGNAL]: _, ...rest } = options;
    return fetch(input, { ...rest, signal });
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
  readonly #host: string;

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.#host = new URL(options.baseUrl).host;
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
          const final = finalError(error, attempt, this.#host);
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
    checkRequestOptions(options, `${call.method} ${path}`);
    return {
      call,
      url: this.options.baseUrl + path,
      where,
      signal: options.signal,
      // One key for every attempt of this call: that is what makes a retried POST safe.
      idempotencyKey:
        call.method === 'POST'
          ? (options.idempotencyKey ?? this.options.platform.randomUUID())
          : undefined,
      timeoutMs: (options.timeoutMs ?? this.options.timeoutMs) + (call.extraTimeoutMs ?? 0),
      maxRetries: options.maxRetries ?? this.options.maxRetries,
      headers: options.headers,
      fetchOptions: options.fetchOptions,
      hooks: mergeHooks(this.options.hooks, options.hooks),
    };
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
    if (prepared.idempotencyKey) headers['idempotency-key'] = prepared.idempotencyKey;
    headers['x-retry-count'] = String(attempt - 1);
    // A call's `null` removes a client header: ky drops `undefined` ones. Lower-cased so that
    // `Authorization` replaces ours instead of `Headers` joining both into one value.
    for (const name in prepared.headers)
      headers[name.toLowerCase()] = prepared.headers[name] ?? undefined;
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
    const options = {
      ...this.options.fetchOptions,
      ...prepared.fetchOptions,
      method: call.method,
      // Not ky's `signal`: ky would join it to its own with AbortSignal.any on every call.
      [ATTEMPT_SIGNAL]: signal,
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
      throw this.#connectionError(where, 'Connection', error, token);
    }
    const requestId = response.headers.get('x-request-id') ?? undefined;
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.#connectionError(where, 'Response body was cut off', error, token);
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
    where: { method: string; path: string },
    what: string,
    error: unknown,
    token: string | undefined,
  ): ConnectionError {
    const cause = redacted(error, token);
    const reason = cause instanceof Error ? ` - ${cause.message}` : '';
    return new ConnectionError({
      ...where,
      code: 'connection_error',
      retryable: true,
      cause,
      message: `${what === 'Connection' ? `Connection to ${this.#host} failed` : `${what} (${this.#host})`}: ${where.method} ${where.path}${reason}`,
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

/**
 * The error with the key cut out, if it quotes it anywhere (a custom `fetch` that puts the
 * request's headers in its message): the SDK's errors must never carry it.
 */
function redacted(error: unknown, token: string | undefined): unknown {
  if (!token || !(error instanceof Error)) return error;
  const text = `${error.message}\n${error.stack ?? ''}\n${String(error.cause ?? '')}`;
  if (!text.includes(token)) return error;
  const clean = new Error(error.message.split(token).join('[redacted]'));
  clean.name = error.name;
  clean.stack = `${clean.name}: ${clean.message}`;
  return clean;
}

function abortError(where: { method: string; path: string }, reason: unknown): AbortError {
  return new AbortError({
    ...where,
    code: 'aborted',
    cause: reason,
    message: `Request aborted: ${where.method} ${where.path}`,
  });
}
