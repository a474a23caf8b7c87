import { type APIPromise, eager } from '../api-promise.js';
import type { Call } from '../transport/call.js';
import type { Transport } from '../transport/transport.js';

/**
 * What every operation runs over: the client's transport (its options, platform and one ky
 * instance). An `AgentSessions` is one; so is what `createClient()` returns, for a page that
 * calls a few operations and should not pay for the rest.
 */
export interface ClientContext {
  /** @internal The client's transport: sends calls with its options. */
  readonly transport: Transport;
}

/** Sends the call `build` makes, built inside the promise so bad parameters reject it. */
export function sendCall<T>(client: ClientContext, build: () => Call<T>): APIPromise<T> {
  return eager(async () => client.transport.request(build()));
}
