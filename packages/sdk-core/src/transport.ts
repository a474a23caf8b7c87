import { type Problem, type ValidationResult, validate, zProblem } from '@agent-sessions/protocol';
import ky, { HTTPError, type KyInstance } from 'ky';
import type { WithResponse } from './api-promise.js';
import { backoffDelay, parseRetryAfter } from './backoff.js';
import {
  AbortError,
  AgentSessionsError,
  BadRequestError,
  ConflictError,
  ConnectionError,
  type ErrorDetails,
  InvalidStateError,
  NotFoundError,
  RateLimitError,
  ResponseValidationError,
  ServerError,
  TimeoutError,
  UnauthorizedError,
} from './errors.js';
import type { MutationOptions, ResolvedOptions } from './options.js';
import { checkRequestOptions } from './params.js';

/** One API call, as the resources describe it to the transport. */
export interface Call<T> {
  method: 'GET' | 'POST';
  /** From the root, e.g. `/v1/sessions/ses_1/pause`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Validates the parsed JSON body and gives the result. */
  parse(json: unknown): ValidationResult<T>;
  options: MutationOptions;
  /** Added to the attempt's timeout (a long-poll's `wait_s`). */
  extraTimeoutMs?: number;
}

interface Attempt {
  /** Undefined: no `Authorization` header (a proxy adds it). */
  token: string | undefined;
  idempotencyKey: string | undefined;
  timeoutMs: number;
  where: { method: string; path: string };
}

/**
 * Sends calls: auth, the retry loop, per-attempt timeouts, abort, response validation and
 * error mapping. ky builds each request (prefix URL, headers, JSON body, query) and flags
 * HTTP errors; everything else is here, because a retry must cover the whole attempt (fetch,
 * read the body, validate it), and ky's retry and timeout stop once headers arrive.
 */
export class Transport {
  readonly options: ResolvedOptions;
  readonly #ky: KyInstance;

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.#ky = ky.create({
      prefixUrl: options.baseUrl,
      retry: 0,
      timeout: false,
      fetch: options.platform.fetch,
      headers: { accept: 'application/json', ...options.headers },
    });
  }

  /** Sends `call`, retrying what may succeed on a second try; resolves with the validated data. */
  async request<T>(call: Call<T>): Promise<WithResponse<T>> {
    const { platform, retry: policy, apiKey } = this.options;
    const { signal } = call.options;
    const maxRetries = call.options.maxRetries ?? this.options.maxRetries;
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined) search.set(name, String(value));
    }
    const query = search.toString();
    const where = { method: call.method, path: query ? `${call.path}?${query}` : call.path };
    checkRequestOptions(call.options, `${where.method} ${where.path}`);
    // One key for every attempt of this call: that is what makes a retried POST safe.
    const idempotencyKey =
      call.method === 'POST' ? (call.options.idempotencyKey ?? platform.randomUUID()) : undefined;
    const timeoutMs =
      (call.options.timeoutMs ?? this.options.timeoutMs) + (call.extraTimeoutMs ?? 0);
    let refreshed = false;
    let refresh = false;
    for (let retry = 0; ; ) {
      if (signal?.aborted) throw abortError(where, signal.reason);
      try {
        const token = await apiKey?.({ refresh, signal });
        // The provider may have taken a while: the signal may have fired meanwhile.
        if (signal?.aborted) throw abortError(where, signal.reason);
        refresh = false;
        return await this.#attempt(call, search, { token, idempotencyKey, timeoutMs, where });
      } catch (error) {
        if (!AgentSessionsError.is(error)) throw error;
        // A provider's key may have expired: ask it for a fresh one, once per call.
        if (UnauthorizedError.is(error) && this.options.refreshableKey && !refreshed) {
          refreshed = refresh = true;
          continue;
        }
        if (!error.retryable || retry >= maxRetries) throw error;
        const { retryAfterMs } = error;
        if (retryAfterMs !== undefined && retryAfterMs > policy.maxRetryAfterMs) throw error;
        try {
          await platform.sleep(
            retryAfterMs ?? backoffDelay(retry, platform.random(), policy),
            signal,
          );
        } catch (reason) {
          throw abortError(where, signal?.reason ?? reason);
        }
        retry++;
      }
    }
  }

  async #attempt<T>(
    call: Call<T>,
    search: URLSearchParams,
    attempt: Attempt,
  ): Promise<WithResponse<T>> {
    const { platform } = this.options;
    const { signal } = call.options;
    const { where } = attempt;
    // One controller for the whole attempt, so the timeout and the caller's signal also stop
    // a body that is still arriving.
    const controller = new AbortController();
    let timedOut = false;
    const timer = platform.setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, attempt.timeoutMs);
    const onAbort = () => controller.abort();
    signal?.addEventListener('abort', onAbort, { once: true });
    const failed = (error: unknown, what: string) =>
      signal?.aborted
        ? abortError(where, signal.reason)
        : timedOut
          ? new TimeoutError({
              ...where,
              code: 'timeout',
              retryable: true,
              message: `Request timed out after ${attempt.timeoutMs} ms: ${where.method} ${where.path}`,
            })
          : new ConnectionError({
              ...where,
              code: 'connection_error',
              retryable: true,
              cause: error,
              message: `${what}: ${where.method} ${where.path}${error instanceof Error ? ` - ${error.message}` : ''}`,
            });
    try {
      let response: Response;
      try {
        response = await this.#ky(call.path.slice(1), {
          method: call.method,
          searchParams: search,
          json: call.body,
          signal: controller.signal,
          headers: {
            ...(attempt.token === undefined ? {} : { authorization: `Bearer ${attempt.token}` }),
            ...(attempt.idempotencyKey ? { 'idempotency-key': attempt.idempotencyKey } : {}),
          },
        });
      } catch (error) {
        if (!(error instanceof HTTPError)) throw failed(error, 'Connection failed');
        throw await this.#fromStatus(error.response, where).catch((cut) => {
          throw AgentSessionsError.is(cut) ? cut : failed(cut, 'Response body was cut off');
        });
      }
      const requestId = response.headers.get('x-request-id') ?? undefined;
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        throw failed(error, 'Response body was cut off');
      }
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
    } finally {
      platform.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  /** Maps an error response to its typed error; rejects with the read error if the body is cut. */
  async #fromStatus(response: Response, where: { method: string; path: string }) {
    const { status } = response;
    const text = await response.text();
    let problem: Problem | undefined;
    try {
      const parsed = validate(zProblem, JSON.parse(text));
      if (parsed.success) problem = parsed.data;
    } catch {
      // Not JSON (a proxy's HTML page): the status alone decides.
    }
    const code = problem?.code ?? `http_${status}`;
    const explanation = problem?.detail ?? problem?.title;
    const details: ErrorDetails = {
      ...where,
      status,
      code,
      problem,
      response,
      requestId: response.headers.get('x-request-id') ?? problem?.request_id,
      errors: problem?.errors,
      retryable: status === 408 || status === 429 || status >= 500,
      retryAfterMs: parseRetryAfter(
        response.headers.get('retry-after'),
        this.options.platform.now(),
      ),
      message: `Request failed with status ${status} (${code}): ${where.method} ${where.path}${
        explanation ? ` - ${explanation}` : ''
      }`,
    };
    if (status === 400 || status === 422) return new BadRequestError(details);
    if (status === 401 || status === 403) return new UnauthorizedError(details);
    if (status === 404) return new NotFoundError(details);
    if (status === 408) return new TimeoutError(details);
    if (status === 409) {
      return code === 'invalid_state' ? new InvalidStateError(details) : new ConflictError(details);
    }
    if (status === 429) return new RateLimitError(details);
    if (status >= 500) return new ServerError(details);
    return new AgentSessionsError(details);
  }
}

function abortError(where: { method: string; path: string }, reason: unknown): AbortError {
  return new AbortError({
    ...where,
    code: 'aborted',
    cause: reason,
    message: `Request aborted: ${where.method} ${where.path}`,
  });
}
