import { IDEMPOTENCY_HEADER } from '../header-values.js';
import type { ResolvedOptions } from '../options.js';
import type { Prepared, Where } from './call.js';
import { notSent } from './not-sent.js';

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

/** Sends one attempt of a call with request hooks through the transport's ky instance. */
export type KySender = (
  prepared: Prepared<unknown>,
  headers: Record<string, string | undefined>,
  state: AttemptState,
) => Promise<Response>;

/** What the ky sender takes from the core. */
export interface FromCore {
  idempotencyHeader: string;
  /** Refuses an attempt whose `beforeRequest` hook changed the Idempotency-Key. */
  keyChanged(where: Where): never;
}

const fromCore: FromCore = {
  idempotencyHeader: IDEMPOTENCY_HEADER,
  keyChanged: (where) =>
    notSent(
      where,
      'options.hooks.beforeRequest',
      'changed the Idempotency-Key (pass idempotencyKey)',
    ),
};

/**
 * The transport's ky sender, made on the first call with request hooks. It and ky are imported
 * then, not up front: a call with no hook to show a Request to goes straight to `fetch`, so a
 * page whose client has no hooks never runs ky, and its bundler (Vite, Next, webpack, esbuild
 * with splitting) puts both in a chunk the page does not load. A failed import (a page that
 * went offline before the chunk came) is tried again by the next call.
 */
export function lazyKySender(options: ResolvedOptions): () => Promise<KySender> {
  let loading: Promise<KySender> | undefined;
  return () => {
    loading ??= import('./ky-sender.js').then(
      ({ createKySender }) => createKySender(options, fromCore),
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
}
