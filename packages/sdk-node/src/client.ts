import {
  type ClientContext,
  type ClientOptions,
  AgentSessions as CoreAgentSessions,
  createClient as createCoreClient,
} from '@agent-sessions/sdk-core';
import { checkOptionsObject } from '@agent-sessions/sdk-core/internal';
import { version } from '../package.json';

/** The `User-Agent` the Node SDK sends: SDK, Node and OS versions, for the API's logs. */
export const USER_AGENT = `agent-sessions-sdk-node/${version} node/${process.version} ${process.platform}-${process.arch}`;

/**
 * The Agent Sessions client for Node.js: the shared core, plus Node's bits. The API key falls
 * back to `AGENT_SESSIONS_API_KEY` and the base URL to `AGENT_SESSIONS_BASE_URL`; requests
 * carry a `User-Agent` naming the SDK and Node versions.
 *
 * @example
 * import { AgentSessions } from '@agent-sessions/sdk-node';
 * const client = new AgentSessions(); // reads AGENT_SESSIONS_API_KEY
 * const { answer } = await client.sessions.run({ input: 'What is the capital of France?' });
 */
export class AgentSessions extends CoreAgentSessions {
  /** Node's pieces, for this client and every `withOptions` one. */
  protected static override adapt(options: ClientOptions): ClientOptions {
    return nodeOptions(options);
  }
}

/**
 * A Node client for the standalone operations alone (`getSessionStatus(client, id)`, ...), with
 * the same pieces as `new AgentSessions`: the environment's key and base URL, the `User-Agent`.
 * @example
 * import { createClient, getSessionStatus } from '@agent-sessions/sdk-node';
 * const client = createClient(); // reads AGENT_SESSIONS_API_KEY
 * const { state } = await getSessionStatus(client, 'ses_01JD8Z3Q4R');
 */
export function createClient(options: ClientOptions = {}): ClientContext {
  checkOptionsObject(options);
  return createCoreClient(nodeOptions(options));
}

/** The core's options for Node `options`: Node's environment and `User-Agent` added. */
function nodeOptions(options: ClientOptions): ClientOptions {
  return {
    ...options,
    headers: { 'user-agent': USER_AGENT, ...options.headers },
    platform: { env: (name) => process.env[name], ...options.platform },
  };
}
