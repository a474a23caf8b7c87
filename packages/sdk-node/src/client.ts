import { type ClientOptions, AgentSessions as CoreAgentSessions } from '@agent-sessions/sdk-core';
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
    return {
      ...options,
      headers: { 'user-agent': USER_AGENT, ...options.headers },
      platform: { env: (name) => process.env[name], ...options.platform },
    };
  }
}
