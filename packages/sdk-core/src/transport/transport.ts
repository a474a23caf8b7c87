import type { WithResponse } from '../api-promise.js';
import { retryDelay } from '../backoff.js';
import { finalError } from '../error-from-response.js';
import { AgentSessionsError, abortError } from '../errors.js';
import { type LevelLogger, levelLogger } from '../logger.js';
import { whenOnline } from '../online.js';
import type { ResolvedOptions } from '../options.js';
import { raceAttempt, WENT_OFFLINE } from './attempt-race.js';
import type { Call, Where } from './call.js';
import { exchange } from './exchange.js';
import { lazyKySender } from './ky-loader.js';
import { fixedBase, prepare, type ResolvedBase, resolveBase } from './prepare.js';

/**
 * Sends calls: auth, the retry loop, per-attempt timeouts, abort, response validation, error
 * mapping, logging and hooks. A call with request hooks is built and sent by one ky instance,
 * made on first use (headers, JSON body, hooks, fetch options); one without goes straight to
 * `fetch`. The rest is here, because a retry must cover
 * the whole attempt (key, fetch, body, validation), and ky's retry and timeout stop once
 * headers arrive.
 */
export class Transport {
  readonly options: ResolvedOptions;
  readonly #ky: ReturnType<typeof lazyKySender>;
  readonly #log: LevelLogger;
  // The absolute base URL and host, resolved from a path-style baseUrl when the page is known.
  #base: ResolvedBase | undefined;

  constructor(options: ResolvedOptions) {
    this.options = options;
    this.#base = fixedBase(options.baseUrl);
    this.#log = levelLogger(options.logger, options.logLevel);
    this.#ky = lazyKySender(options);
  }

  /** Sends `call`, retrying what may succeed on a second try; resolves with the validated data. */
  async request<T>(call: Call<T>): Promise<WithResponse<T>> {
    const prepared = prepare(this.options, call, () => {
      this.#base = resolveBase(this.options, this.#base);
      return this.#base;
    });
    const { platform, retry: policy } = this.options;
    const { signal, where, maxRetries, timeoutMs } = prepared;
    const context = { options: this.options, ky: this.#ky, log: this.#log };
    let refreshed = false;
    let refreshNext = false;
    let retries = 0;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortError(where, signal.reason);
      // Offline: nothing is sent and no timeout runs until the network is back.
      if (!platform.online.isOnline()) await whenOnline(platform.online, signal, where);
      const started = platform.now();
      const refresh = refreshNext;
      refreshNext = false;
      try {
        const result = await raceAttempt(platform, where, timeoutMs, signal, (attemptSignal) =>
          exchange(context, prepared, attempt, refresh, attemptSignal),
        );
        this.#log.info?.(
          this.#line(where, result.response.status, started, result.requestId, attempt),
        );
        return result;
      } catch (error) {
        // The network went away: the attempt was cut when it did, or failed while it was
        // gone. Not the server's failure, so no retry is spent; sent again once it is back.
        if (
          error === WENT_OFFLINE ||
          (AgentSessionsError.is(error) && error.retryable && !platform.online.isOnline())
        ) {
          this.#log.warn?.(
            `${this.#line(where, undefined, started, undefined, attempt)}: offline, sending again when the network is back`,
          );
          continue;
        }
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

  #line(
    where: Where,
    status: number | undefined,
    started: number,
    requestId: string | undefined,
    attempt: number,
  ): string {
    const ms = Math.round(this.options.platform.now() - started);
    return `agent-sessions: ${where.method} ${where.path} ${status ?? '-'} ${ms}ms ${requestId ?? '-'} attempt ${attempt}`;
  }
}
