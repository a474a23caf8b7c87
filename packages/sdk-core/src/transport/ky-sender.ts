import ky, { type Options as KyOptions } from 'ky';
import type { HookContext, Hooks } from '../hooks.js';
import type { ResolvedOptions } from '../options.js';
import type { FetchLike } from '../platform.js';
import type { Prepared } from './call.js';
import type { AttemptState, FromCore, KySender } from './ky-loader.js';

// Loaded on the first call with request hooks (see ky-loader.ts), with ky: a page whose client
// has no hooks loads neither. It imports nothing else at run time (what it needs from the core
// comes in `core`): a module it shared with the page would be split into a chunk of its own.

/** The fetch option that carries an attempt past ky to {@link fetchWithAttemptSignal}. */
const ATTEMPT = 'agentSessionsAttempt';

/**
 * The transport's one ky instance, and how a call goes through it: ky builds the Request the
 * hooks see (headers merged, JSON body) and runs them; {@link fetchWithAttemptSignal} then
 * sends it with the attempt's signal.
 */
export function createKySender(client: ResolvedOptions, core: FromCore): KySender {
  const instance = ky.create({
    retry: 0,
    timeout: false,
    throwHttpErrors: false,
    fetch: fetchWithAttemptSignal(client.platform.fetch, core),
    headers: { accept: 'application/json', ...client.headers },
  });
  return (prepared: Prepared<unknown>, headers, state) => {
    const { call, where } = prepared;
    const options = {
      ...client.fetchOptions,
      ...prepared.fetchOptions,
      method: call.method,
      // Not ky's `signal`: ky would join it to its own with AbortSignal.any on every call.
      [ATTEMPT]: state,
      headers,
    } as KyOptions;
    if (call.body !== undefined) options.json = call.body;
    // A hook's own exception is the caller's bug, not a dropped connection: it must not be
    // retried (which would send again) nor reported as a network failure.
    options.hooks = kyHooks(prepared.hooks, { ...where, attempt: state.attempt }, (error) => {
      state.hookFailure = { error };
    });
    return instance(prepared.url, options);
  };
}

/**
 * The `fetch` ky calls: it sends ky's request with the attempt's own signal (ky passes options
 * it does not know, like this one or undici's `dispatcher`, to `fetch` as they are), after
 * checking that the hooks left the idempotency key as it was.
 */
function fetchWithAttemptSignal(fetch: FetchLike, core: FromCore): FetchLike {
  return (input, init) => {
    const options = init as (RequestInit & { [ATTEMPT]?: AttemptState }) | undefined;
    const attempt = options?.[ATTEMPT];
    if (!attempt) return fetch(input, init);
    attempt.reached = true;
    const { [ATTEMPT]: _, ...rest } = options;
    const { idempotencyKey: key, where } = attempt;
    const sent = input instanceof Request ? input.headers.get(core.idempotencyHeader) : key;
    if (key !== undefined && sent !== key) core.keyChanged(where);
    return fetch(input, { ...rest, signal: attempt.signal });
  };
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
