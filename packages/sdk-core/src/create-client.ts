import type { ClientContext } from './operations/context.js';
import { type ClientOptions, checkOptionsObject, resolveOptions } from './options.js';
import { Transport } from './transport/transport.js';

/**
 * A client for the standalone operations alone (`getSessionStatus(client, id)`,
 * `startSession(client, params)`, ...): the same options and behaviour as `new AgentSessions`,
 * without `client.sessions`, so a page bundles only the operations it calls.
 * @example
 * import { createClient, getSessionStatus } from '@agent-sessions/sdk-core';
 * const client = createClient({ apiKey: 'sk_...' });
 * const { state } = await getSessionStatus(client, 'ses_01JD8Z3Q4R');
 */
export function createClient(options: ClientOptions = {}): ClientContext {
  checkOptionsObject(options);
  return { transport: new Transport(resolveOptions(options)) };
}
