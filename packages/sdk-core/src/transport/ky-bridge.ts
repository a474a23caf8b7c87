import type { KyInstance, Options as KyOptions } from 'ky';
import { IDEMPOTENCY_HEADER } from '../header-values.js';
import type { HookContext, Hooks } from '../hooks.js';
import type { ResolvedOptions } from '../options.js';
import type { FetchLike } from '../platform.js';
import type { Where } from './call.js';
import { notSent } from './not-sent.js';

/** The fetch option that carries an attempt past ky to {@link fetchWithAttemptSignal}. */
export const ATTEMPT = 'agentSessionsAttempt';

/** What one attempt tells the `fetch` ky calls, and learns back from it. */
export interface AttemptState {
  signal: AbortSignal;
  /** The POST's key: the request must leave with exactly this one. */
  idempotencyKey: string | undefined;
  where: Where;
  /** 1 for the first attempt of the call. */
  attempt: number;
  /** Set once the request got as far as `fetch`: a failure before it is a local mistake. */
  reached: boolean;
  /** What a user hook threw: the caller's bug, rethrown as it is. */
  hookFailure: { error: unknown } | undefined;
}

/**
 * The `fetch` ky calls: it sends ky's request with the attempt's own signal (ky passes options
 * it does not know, like this one or undici's `dispatcher`, to `fetch` as they are), after
 * checking that the hooks left the idempotency key as it was.
 */
export function fetchWithAttemptSignal(fetch: FetchLike): FetchLike {
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
 * The transport's one ky instance, made on the first call with request hooks. ky is imported
 * then, not up front: a call with no hook to show a Request to goes straight to `fetch`, so a
 * page whose client has no hooks never runs ky, and its bundler (Vite, Next, webpack, esbuild
 * with splitting) puts ky in a chunk the page does not load. A failed import (a page that
 * went offline before the chunk came) is tried again by the next call.
 */
export function lazyKy(options: ResolvedOptions): () => Promise<KyInstance> {
  let loading: Promise<KyInstance> | undefined;
  return () => {
    loading ??= import('ky').then(
      ({ default: ky }) =>
        ky.create({
          retry: 0,
          timeout: false,
          throwHttpErrors: false,
          fetch: fetchWithAttemptSignal(options.platform.fetch),
          headers: { accept: 'application/json', ...options.headers },
        }),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
}

/** ky's hooks for one attempt, wrapping the user's with the call's context; none when unused. */
export function kyHooks(
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
