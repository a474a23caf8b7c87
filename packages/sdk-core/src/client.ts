import { mergeHooks } from './hooks.js';
import type { ClientContext } from './operations/context.js';
import {
  type ClientOptions,
  checkOptionsObject,
  type ResolvedOptions,
  resolveOptions,
} from './options.js';
import { Sessions } from './sessions.js';
import { Transport } from './transport/transport.js';

/**
 * The Agent Sessions client. Everything lives under `client.sessions`.
 *
 * Platform SDKs extend it: a subclass adjusts the options in its static `adapt` (adding its
 * platform pieces, headers or credential policy), which the constructor applies, so that
 * `withOptions` builds a derived client the same way; `resolved` holds them with defaults applied.
 *
 * @example
 * const client = new AgentSessions({ apiKey: 'sk_...', baseUrl: 'http://127.0.0.1:4010' });
 * const { answer } = await client.sessions.run({ input: 'What is the capital of France?' });
 */
export class AgentSessions implements ClientContext {
  /** Start, list, read and steer sessions; also makes handles from ids. */
  readonly sessions: Sessions;
  /** The options with every default and environment fallback applied. */
  protected readonly resolved: ResolvedOptions;
  /** @internal What the operations send with (the standalone ones take the client itself). */
  readonly transport: Transport;
  readonly #options: ClientOptions;

  constructor(options: ClientOptions = {}) {
    checkOptionsObject(options);
    this.#options = options;
    this.resolved = resolveOptions((new.target as typeof AgentSessions).adapt(options));
    this.transport = new Transport(this.resolved);
    this.sessions = new Sessions(this);
  }

  /**
   * The options as this class passes them to the core: a platform SDK overrides it to check
   * its own rules and add its pieces. Runs for every client, `withOptions` ones too.
   */
  protected static adapt(options: ClientOptions): ClientOptions {
    return options;
  }

  /**
   * A new client with these options over this one's (headers and hooks are merged, the rest
   * replaced); this client is unchanged. It is made by this client's own class, from the
   * options it was made with and these: a browser client stays one, with its checks (a static
   * key still needs `dangerouslyAllowBrowser`), its `fetch` wrapper and its path `baseUrl`.
   * @example const slow = client.withOptions({ timeoutMs: 300_000, maxRetries: 5 });
   */
  withOptions(options: ClientOptions): this {
    checkOptionsObject(options);
    const base = this.#options;
    const merged: ClientOptions = {
      ...base,
      ...options,
      defaultHeaders: {
        ...base.headers,
        ...base.defaultHeaders,
        ...options.headers,
        ...options.defaultHeaders,
      },
      fetchOptions: { ...base.fetchOptions, ...options.fetchOptions },
      retry: { ...base.retry, ...options.retry },
      platform: { ...base.platform, ...options.platform },
      // Always new lists: this client's own are never shared with the new one.
      hooks: mergeHooks(base.hooks ?? {}, options.hooks ?? {}),
    };
    delete merged.headers;
    return new (this.constructor as new (options: ClientOptions) => this)(merged);
  }
}
