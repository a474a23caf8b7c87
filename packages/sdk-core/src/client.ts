import { type ClientOptions, type ResolvedOptions, resolveOptions } from './options.js';
import { Sessions } from './sessions.js';
import { Transport } from './transport.js';

/**
 * The Agent Sessions client. Everything lives under `client.sessions`.
 *
 * Platform SDKs extend it: a subclass adjusts the options before calling `super` (adding its
 * platform pieces, headers or credential policy); `resolved` holds them with defaults applied.
 *
 * @example
 * const client = new AgentSessions({ apiKey: 'sk_...', baseUrl: 'http://127.0.0.1:4010' });
 * const { answer } = await client.sessions.run({ input: 'What is the capital of France?' });
 */
export class AgentSessions {
  /** Start, list, read and steer sessions; also makes handles from ids. */
  readonly sessions: Sessions;
  /** The options with every default and environment fallback applied. */
  protected readonly resolved: ResolvedOptions;

  constructor(options: ClientOptions = {}) {
    this.resolved = resolveOptions(options);
    this.sessions = new Sessions(new Transport(this.resolved));
  }
}
